import Foundation
import RillformAPI
import RillformApply
import RillformEmulator
import RillformModel
import RillformPlan
import RillformTestSupport
import Testing

/// Every managed field of every kind, from the field definitions (a new field is covered without touching this
/// file): apply a desired state (the manifest in ``baseState()``, as the reader would produce it) on the emulator,
/// change that one field to another valid value, plan (exactly that field changes), apply with
/// `PlanApplier`/`PlanExecutor`, then read and plan again: no changes.
@Suite("Every managed field: plan → apply → plan is empty")
struct FieldRoundTripTests {
    /// One managed field of one resource of the base manifest.
    enum Target: Sendable, CustomTestStringConvertible {
        case org(OrgField)
        case project(ProjectField)
        /// On the dev deployment (`editable` is dev only).
        case deployment(DeploymentField)
        case service(ServiceField)

        var manifestKey: String {
            switch self {
            case .org(let field): field.manifestKey
            case .project(let field): field.manifestKey
            case .deployment(let field): field.manifestKey
            case .service(let field): field.manifestKey
            }
        }

        var address: ResourceAddress {
            switch self {
            case .org: .org(FieldRoundTripTests.org)
            case .project: .project(FieldRoundTripTests.org, "web")
            case .deployment: .deployment(FieldRoundTripTests.org, "web", environment: "dev", branch: "feature")
            case .service: .service(FieldRoundTripTests.org, "bot")
            }
        }

        var testDescription: String { "\(address.kind.rawValue).\(manifestKey)" }
    }

    static let org = "acme"

    static let targets: [Target] = OrgField.allCases.map(Target.org) + ProjectField.allCases.map(Target.project)
        + DeploymentField.allCases.map(Target.deployment) + ServiceField.allCases.map(Target.service)

    /// The base manifest, as the reader produces it from:
    /// ```yaml
    /// orgs:
    ///   - {name: acme, display_name: Acme, description: The org, default_project_role: viewer,
    ///      billing_email: billing@acme.io}
    ///     projects:
    ///       - {name: web, description: Web numbers, public: false, git_remote: https://github.com/acme/web.git,
    ///          primary_branch: main, subpath: "", prod_slots: 2, prod_version: latest, prod_ttl_seconds: 3600,
    ///          provisioner: ""}
    ///         deployments: [{environment: prod, state: running},
    ///                       {environment: dev, branch: feature, editable: false, state: running}]
    ///     services: [{name: bot, org_role: viewer, attributes: {team: sales}, project_roles: {web: viewer}}]
    /// ```
    /// A field added later and missing here starts at its unset value, so every field starts managed.
    static func baseState() -> DesiredState {
        let here = SourceLocation(file: "base.yaml", line: 1, column: 1)
        func at<Value>(_ value: Value) -> Located<Value> { Located(value, at: here) }
        func managingEveryField<Field: ManagedField>(_ values: inout DesiredValues<Field>) {
            for field in Field.allCases where values[field] == nil {
                values[field] = field.unsetValue.map { at($0) }
            }
        }
        var prod = DesiredDeployment(environment: at(.prod), state: at(.running))
        prod.managed[.editable] = nil  // dev only
        var dev = DesiredDeployment(environment: at(.dev), branch: at("feature"), editable: at(false), state: at(.running))
        managingEveryField(&dev.managed)
        var project = DesiredProject(
            name: at("web"), description: at("Web numbers"), isPublic: at(false),
            gitRemote: at("https://github.com/acme/web.git"), primaryBranch: at("main"), subpath: at(""),
            prodSlots: at(2), prodVersion: at("latest"), prodTtlSeconds: at(3600), provisioner: at(""),
            deployments: [prod, dev])
        managingEveryField(&project.managed)
        var service = DesiredService(name: at("bot"), orgRole: at(.viewer), projectRoles: ["web": at(.viewer)],
                                     attributes: at(["team": .string("sales")]))
        managingEveryField(&service.managed)
        var org = DesiredOrg(name: at(Self.org), displayName: at("Acme"), description: at("The org"),
                             defaultProjectRole: at("viewer"), billingEmail: at("billing@acme.io"),
                             projects: [project], services: [service])
        managingEveryField(&org.managed)
        return DesiredState(orgs: [org])
    }

    /// Values for strings a pattern constrains (a generic change would not be valid).
    static let patternedAlternatives: [String: String] = [
        ProjectField.gitRemote.manifestKey: "https://github.com/acme/web-next.git",
        OrgField.billingEmail.manifestKey: "finance@acme.io",
    ]

    /// Another valid value of the field's type.
    static func alternative<Field: ManagedField>(to value: FieldValue, of field: Field) -> FieldValue? {
        switch (field.valueType, value) {
        case (.string(let pattern), .string(let text)):
            if pattern != nil { return patternedAlternatives[field.manifestKey].map(FieldValue.string) }
            return .string(text.isEmpty ? "next" : text + "-next")
        case (.bool, .bool(let flag)): return .bool(!flag)
        case (.integer, .integer(let number)): return .integer(number + 1)
        case (.object, .object(var members)):
            members["changed"] = .bool(true)
            return .object(members)
        case (.enumeration(let choices), .string(let text)):
            return choices.first { $0 != text && !$0.isEmpty }.map(FieldValue.string)
        default: return nil
        }
    }

    /// Changes the target's field in `desired`; nil when no other valid value is known.
    static func changing(_ target: Target, in desired: DesiredState) -> DesiredState? {
        var desired = desired
        guard var acme = desired.orgs.first else { return nil }
        func change<Field: ManagedField>(_ values: inout DesiredValues<Field>, _ field: Field) -> Bool {
            guard let current = values[field], let next = alternative(to: current.value, of: field) else { return false }
            values[field] = Located(next, at: current.location)
            return true
        }
        let changed: Bool
        switch target {
        case .org(let field): changed = change(&acme.managed, field)
        case .project(let field): changed = change(&acme.projects[0].managed, field)
        case .deployment(let field):
            guard let index = acme.projects[0].deployments?.firstIndex(where: { $0.environment.value == .dev }),
                  var deployment = acme.projects[0].deployments?[index]
            else { return nil }
            changed = change(&deployment.managed, field)
            acme.projects[0].deployments?[index] = deployment
        case .service(let field): changed = change(&acme.services[0].managed, field)
        }
        guard changed else { return nil }
        desired.orgs[0] = acme
        return desired
    }

    static func client(_ emulator: RunningEmulator) throws -> RillAdminClient {
        var options = RillAdminClient.Options()
        options.maxRequestsPerSecond = nil
        options.pacing = nil
        return try RillAdminClient(baseURL: emulator.baseURL.absoluteString,
                                   token: try APIToken(try #require(emulator.adminToken)), options: options)
    }

    /// Reads what `desired` needs and plans it, as the CLI does.
    static func plan(_ desired: DesiredState, _ client: RillAdminClient) async throws -> Plan {
        let options = PlanOptions(now: Date())
        let readPlan = ReadPlan(desired: desired, options: options)
        let live = try await LiveStateReader(reader: client.reader)
            .read(orgs: readPlan.orgs, details: readPlan.details(for:))
        return Planner.plan(desired: desired, live: live, options: options)
    }

    static func apply(_ plan: Plan, _ client: RillAdminClient) async throws {
        let outcome = try await PlanApplier(executor: PlanExecutor(writer: client.writer, tokenSink: nil))
            .apply(plan, output: DiscardedOutput(), liveStatus: false)
        #expect(outcome.exitStatus == .success, "\(outcome.summary)")
    }

    static func pending(_ plan: Plan) -> [ResourceChange] { plan.changes.filter { $0.operation != .noOp } }

    @Test("the field changes alone, applies, and plans empty afterwards", arguments: targets)
    func roundTrip(_ target: Target) async throws {
        let base = Self.baseState()
        let changed = try #require(Self.changing(target, in: base),
                                   "no other valid value for \(target.testDescription): add one to the test")
        try await withEmulator { emulator in
            let client = try Self.client(emulator)
            let initial = try await Self.plan(base, client)
            #expect(!initial.diagnostics.hasErrors, "\(initial.diagnostics)")
            try await Self.apply(initial, client)
            #expect(Self.pending(try await Self.plan(base, client)).isEmpty, "the base manifest did not converge")

            let plan = try await Self.plan(changed, client)
            #expect(!plan.diagnostics.hasErrors, "\(plan.diagnostics)")
            let changes = Self.pending(plan)
            #expect(changes.map(\.address) == [target.address])
            let differing = changes.flatMap(\.fieldChanges).filter { $0.before != $0.after }
            if changes.first?.operation == .replace {
                #expect(differing.contains { $0.field == target.manifestKey && $0.forcesReplacement })
            } else {
                #expect(differing.map(\.field) == [target.manifestKey])
            }

            try await Self.apply(plan, client)
            let after = Self.pending(try await Self.plan(changed, client))
            #expect(after.isEmpty, "still pending: \(after.map { "\($0.address) \($0.fieldChanges.map(\.field))" })")
        }
    }

    @Test("every managed field of every kind is a case")
    func coversEveryField() {
        let keys = Set(Self.targets.map(\.testDescription))
        #expect(keys.count == OrgField.allCases.count + ProjectField.allCases.count + DeploymentField.allCases.count
            + ServiceField.allCases.count)
        for key in ["git_remote", "primary_branch", "subpath", "prod_version", "provisioner"] {
            #expect(keys.contains("project.\(key)"))
        }
        #expect(keys.contains("org.billing_email"))
    }
}

/// Progress text nobody reads.
private struct DiscardedOutput: TextOutput {
    func write(_ text: String) {}
}
