import Foundation
import RillformAPI
import RillformApply
import RillformEmulator
import RillformModel
import RillformPlan
import RillformTestSupport
import Testing

/// The people executors: one planned change in, the exact admin API calls out (from the emulator's access log),
/// and per method exactly what `ApplyBudget` counts for the change (from the client's pacing counters).
@Suite("PlanExecutor: people changes → API calls")
struct PeopleExecutorTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var setup: @Sendable (RunningEmulator, RillAdminWriter) async throws -> Void
        var change: ResourceChange
        /// `METHOD /path`, in order.
        var calls: [String]
        /// The completion note's detail, when the step says more than "done".
        var note: String? = nil
        /// Calls the budget counts that this run does not make: a plan cannot know that a new person has no Rill
        /// account, so it counts the attributes call an invite skips.
        var unbudgeted: [String: Int] = [:]
        /// Statuses of the calls, when not all 200.
        var statuses: [Int]? = nil
        var verify: (@Sendable (RillAdminReader) async throws -> Void)? = nil
        var testDescription: String { name }
    }

    static let org = PlanExecutorTests.org
    static let orgPath = PlanExecutorTests.orgPath
    static let webPath = PlanExecutorTests.webPath
    /// The emulator's bootstrap admin is `admin@rillform.local`: Rill adds only its own domain.
    static let domain = "rillform.local"
    static let ana = "ana@rillform.local"
    static let newcomer = "new@elsewhere.test"

    static func change(_ address: ResourceAddress, _ operation: ChangeOperation, _ fields: [String: JSONValue] = [:],
                       before: [String: JSONValue] = [:], rename: String? = nil) -> ResourceChange {
        var change = PlanExecutorTests.change(address, operation, fields, rename: rename)
        for index in change.fieldChanges.indices {
            change.fieldChanges[index].before = before[change.fieldChanges[index].field]
        }
        return change
    }

    // MARK: - Setup steps

    static func seedOrg(_ emulator: RunningEmulator, _ writer: RillAdminWriter) async throws {
        try await PlanExecutorTests.seedOrg(writer)
    }

    static func seedProject(_ emulator: RunningEmulator, _ writer: RillAdminWriter) async throws {
        _ = try await PlanExecutorTests.seedProject(writer)
    }

    /// `ana` has a Rill account and is a viewer of `acme`.
    static func seedAna(_ emulator: RunningEmulator, _ writer: RillAdminWriter) async throws {
        try await seedProject(emulator, writer)
        _ = try await emulator.createUser(email: ana)
        _ = try await writer.addOrgMember(org: org, email: ana, role: .viewer)
    }

    /// `ana` plus the group `analysts` (org role viewer).
    static func seedGroup(_ emulator: RunningEmulator, _ writer: RillAdminWriter) async throws {
        try await seedAna(emulator, writer)
        _ = try await writer.createUsergroup(org: org, name: "analysts")
        try await writer.addUsergroupOrgRole(org: org, usergroup: "analysts", role: .viewer)
    }

    // MARK: - Cases

    static let member = ResourceAddress.member(org, email: ana)
    static let newMember = ResourceAddress.member(org, email: newcomer)
    static let analysts = ResourceAddress.usergroup(org, "analysts")

    static let memberCases: [Case] = [
        Case(name: "member create: add, then attributes", setup: { emulator, writer in
            try await seedOrg(emulator, writer)
            _ = try await emulator.createUser(email: ana)
        }, change: change(member, .create, ["org_role": .string("editor"), "attributes": .object(["team": .string("data")])]),
             calls: ["POST \(orgPath)/members", "PUT \(orgPath)/members/\(ana)/attributes"], verify: { reader async throws in
                 let live = try #require(try await reader.orgPeople(org: org)[ana])
                 #expect(live.orgRole == .editor && !live.isPendingInvite)
                 #expect(live.managed[.attributes] == .object(["team": .string("data")]))
             }),
        Case(name: "member create without a Rill account: an invite, no attributes call", setup: seedOrg,
             change: change(newMember, .create, ["org_role": .string("viewer"), "attributes": .object(["team": .string("x")])]),
             calls: ["POST \(orgPath)/members"], note: "invited (no Rill account yet)",
             unbudgeted: ["AdminService_UpdateOrganizationMemberUserAttributes": 1], verify: { reader async throws in
                 #expect(try await reader.orgPeople(org: org)[newcomer]?.isPendingInvite == true)
             }),
        Case(name: "member create of someone already a member (409): the role is set instead", setup: seedAna,
             change: change(member, .create, ["org_role": .string("admin")]),
             calls: ["POST \(orgPath)/members", "PUT \(orgPath)/members/\(ana)"],
             unbudgeted: ["AdminService_SetOrganizationMemberUserRole": -1], statuses: [409, 200],
             verify: { reader async throws in
                 #expect(try await reader.orgPeople(org: org)[ana]?.orgRole == .admin)
             }),
        Case(name: "member update: role, then attributes", setup: seedAna,
             change: change(member, .update, ["org_role": .string("editor"), "attributes": .object([:])],
                            before: ["org_role": .string("viewer")]),
             calls: ["PUT \(orgPath)/members/\(ana)", "PUT \(orgPath)/members/\(ana)/attributes"]),
        Case(name: "member update of a pending invite's role", setup: { emulator, writer in
            try await seedOrg(emulator, writer)
            _ = try await writer.addOrgMember(org: org, email: newcomer, role: .viewer)
        }, change: change(newMember, .update, ["org_role": .string("guest")], before: ["org_role": .string("viewer")]),
             calls: ["PUT \(orgPath)/members/\(newcomer)"], verify: { reader async throws in
                 #expect(try await reader.orgPeople(org: org)[newcomer]?.orgRole == .guest)
             }),
        Case(name: "member delete", setup: seedAna, change: change(member, .delete),
             calls: ["DELETE \(orgPath)/members/\(ana)"]),
    ]

    static let usergroupCases: [Case] = [
        Case(name: "usergroup create with description and org role: create, edit, add role", setup: seedOrg,
             change: change(analysts, .create, ["description": .string("Analysts"), "org_role": .string("viewer")]),
             calls: ["POST \(orgPath)/usergroups", "PUT \(orgPath)/usergroups/analysts",
                     "POST \(orgPath)/usergroups/analysts/role"], verify: { reader async throws in
                 let group = try #require(try await reader.listUsergroups(org: org).first { $0.name == "analysts" })
                 #expect(group.orgRole == .viewer)
                 #expect(try await reader.getUsergroup(org: org, name: "analysts")?.managed[.description] == .string("Analysts"))
             }),
        Case(name: "usergroup create by name only", setup: seedOrg, change: change(analysts, .create),
             calls: ["POST \(orgPath)/usergroups"]),
        Case(name: "usergroup rename, then edit under the new name", setup: { emulator, writer in
            try await seedOrg(emulator, writer)
            _ = try await writer.createUsergroup(org: org, name: "data-analysts")
        }, change: change(analysts, .update, ["description": .string("new")], before: ["description": .string("")],
                          rename: "data-analysts"),
             calls: ["POST \(orgPath)/usergroups/data-analysts", "PUT \(orgPath)/usergroups/analysts"]),
        Case(name: "usergroup org role added where the group had none", setup: { emulator, writer in
            try await seedOrg(emulator, writer)
            _ = try await writer.createUsergroup(org: org, name: "analysts")
        }, change: change(analysts, .update, ["org_role": .string("editor")]),
             calls: ["POST \(orgPath)/usergroups/analysts/role"]),
        Case(name: "usergroup org role changed", setup: seedGroup,
             change: change(analysts, .update, ["org_role": .string("editor")], before: ["org_role": .string("viewer")]),
             calls: ["PUT \(orgPath)/usergroups/analysts/role"], verify: { reader async throws in
                 #expect(try await reader.listUsergroups(org: org).first { $0.name == "analysts" }?.orgRole == .editor)
             }),
        Case(name: "usergroup delete", setup: seedGroup, change: change(analysts, .delete),
             calls: ["DELETE \(orgPath)/usergroups/analysts"]),
    ]

    static let groupMember = ResourceAddress.usergroupMember(org, usergroup: "analysts", email: ana)
    static let groupOnWeb = ResourceAddress.usergroupProjectRole(org, usergroup: "analysts", project: "web")

    static let groupPartCases: [Case] = [
        Case(name: "usergroup member add", setup: seedGroup, change: change(groupMember, .create),
             calls: ["PUT \(orgPath)/usergroups/analysts/members/\(ana)"], verify: { reader async throws in
                 #expect(try await reader.listUsergroupMembers(org: org, usergroup: "analysts") == [ana])
             }),
        Case(name: "usergroup member remove", setup: { emulator, writer in
            try await seedGroup(emulator, writer)
            try await writer.addUsergroupMember(org: org, usergroup: "analysts", email: ana)
        }, change: change(groupMember, .delete), calls: ["DELETE \(orgPath)/usergroups/analysts/members/\(ana)"]),
        Case(name: "usergroup project role add", setup: seedGroup,
             change: change(groupOnWeb, .create, ["project_roles.web": .string("viewer")]),
             calls: ["POST \(webPath)/usergroups/analysts/roles"], verify: { reader async throws in
                 #expect(try await reader.listProjectUsergroups(org: org, project: "web")["analysts"] == .viewer)
             }),
        // Rill gives `autogroup:members` the org's default project role on every new project.
        Case(name: "managed usergroup project role change", setup: seedProject,
             change: change(.usergroupProjectRole(org, usergroup: "autogroup:members", project: "web"), .update,
                            ["project_roles.web": .string("editor")], before: ["project_roles.web": .string("viewer")]),
             calls: ["PUT \(webPath)/usergroups/autogroup:members/roles"], verify: { reader async throws in
                 #expect(try await reader.listProjectUsergroups(org: org, project: "web")["autogroup:members"] == .editor)
             }),
        Case(name: "usergroup project role change", setup: { emulator, writer in
            try await seedGroup(emulator, writer)
            try await writer.addUsergroupProjectRole(org: org, usergroup: "analysts", project: "web", role: .viewer)
        }, change: change(groupOnWeb, .update, ["project_roles.web": .string("editor")],
                          before: ["project_roles.web": .string("viewer")]),
             calls: ["PUT \(webPath)/usergroups/analysts/roles"], verify: { reader async throws in
                 #expect(try await reader.listProjectUsergroups(org: org, project: "web")["analysts"] == .editor)
             }),
        Case(name: "usergroup project role remove", setup: { emulator, writer in
            try await seedGroup(emulator, writer)
            try await writer.addUsergroupProjectRole(org: org, usergroup: "analysts", project: "web", role: .viewer)
        }, change: change(groupOnWeb, .delete), calls: ["DELETE \(webPath)/usergroups/analysts/roles"]),
    ]

    static let anaOnWeb = ResourceAddress.projectMember(org, project: "web", email: ana)

    static let projectMemberCases: [Case] = [
        Case(name: "project member add, restricted to one explore", setup: seedAna,
             change: change(anaOnWeb, .create, ["role": .string("viewer"), "restrict_resources": .bool(true),
                                                "resources": .array([.string("explore/pipeline")])]),
             calls: ["POST \(webPath)/members"], verify: { reader async throws in
                 let live = try #require(try await reader.projectPeople(org: org, project: "web")[ana])
                 #expect(live.role == .viewer && !live.isPendingInvite)
                 #expect(live.managed[.restrictResources] == .bool(true))
                 #expect(live.managed[.resources] == .list(["explore/pipeline"]))
             }),
        Case(name: "project member add without a Rill account: a project invite", setup: seedProject,
             change: change(.projectMember(org, project: "web", email: newcomer), .create, ["role": .string("viewer")]),
             calls: ["POST \(webPath)/members"], note: "invited (no Rill account yet)", verify: { reader async throws in
                 #expect(try await reader.projectPeople(org: org, project: "web")[newcomer]?.isPendingInvite == true)
             }),
        Case(name: "project member update: role and resources in one call", setup: { emulator, writer in
            try await seedAna(emulator, writer)
            _ = try await writer.addProjectMember(org: org, project: "web", email: ana, values: [.role: .string("viewer")])
        }, change: change(anaOnWeb, .update, ["role": .string("editor"), "resources": .array([.string("canvas/overview")])],
                          before: ["role": .string("viewer"), "resources": .array([])]),
             calls: ["PUT \(webPath)/members/\(ana)"], verify: { reader async throws in
                 let live = try #require(try await reader.projectPeople(org: org, project: "web")[ana])
                 #expect(live.role == .editor)
                 #expect(live.managed[.resources] == .list(["canvas/overview"]))
             }),
        Case(name: "project member remove", setup: { emulator, writer in
            try await seedAna(emulator, writer)
            _ = try await writer.addProjectMember(org: org, project: "web", email: ana, values: [.role: .string("viewer")])
        }, change: change(anaOnWeb, .delete), calls: ["DELETE \(webPath)/members/\(ana)"]),
    ]

    static let orgDomain = ResourceAddress.allowedDomain(org, domain: domain)
    static let webDomain = ResourceAddress.projectAllowedDomain(org, project: "web", domain: domain)

    static let domainCases: [Case] = [
        Case(name: "allowed domain create", setup: seedOrg, change: change(orgDomain, .create, ["org_role": .string("viewer")]),
             calls: ["POST \(orgPath)/whitelisted"], verify: { reader async throws in
                 #expect(try await reader.listAllowedDomains(org: org) == [LiveAllowedDomain(domain: domain, orgRole: .viewer)])
             }),
        Case(name: "allowed domain delete", setup: { emulator, writer in
            try await seedOrg(emulator, writer)
            try await writer.createAllowedDomain(org: org, domain: domain, role: .viewer)
        }, change: change(orgDomain, .delete), calls: ["DELETE \(orgPath)/whitelisted/\(domain)"]),
        Case(name: "allowed domain replace (new role): remove, then create", setup: { emulator, writer in
            try await seedOrg(emulator, writer)
            try await writer.createAllowedDomain(org: org, domain: domain, role: .viewer)
        }, change: change(orgDomain, .replace, ["org_role": .string("editor")], before: ["org_role": .string("viewer")]),
             calls: ["DELETE \(orgPath)/whitelisted/\(domain)", "POST \(orgPath)/whitelisted"], verify: { reader async throws in
                 #expect(try await reader.listAllowedDomains(org: org).map(\.orgRole) == [.editor])
             }),
        Case(name: "project allowed domain create", setup: seedProject,
             change: change(webDomain, .create, ["role": .string("viewer")]), calls: ["POST \(webPath)/whitelisted"],
             verify: { reader async throws in
                 #expect(try await reader.listProjectAllowedDomains(org: org, project: "web").map(\.role) == [.viewer])
             }),
        Case(name: "project allowed domain delete", setup: { emulator, writer in
            try await seedProject(emulator, writer)
            try await writer.createProjectAllowedDomain(org: org, project: "web", domain: domain, role: .viewer)
        }, change: change(webDomain, .delete), calls: ["DELETE \(webPath)/whitelisted/\(domain)"]),
    ]

    static let cases = memberCases + usergroupCases + groupPartCases + projectMemberCases + domainCases

    @Test("every people kind and operation makes exactly the expected calls, as many per method as the budget says",
          arguments: cases)
    func expectedCalls(_ testCase: Case) async throws {
        try await withEmulator { emulator in
            let client = try PlanExecutorTests.client(emulator)
            try await testCase.setup(emulator, client.writer)
            let executor = PlanExecutor(writer: client.writer, tokenSink: nil)
            await emulator.resetAccessLog()
            let before = client.pacing.snapshot()
            let note = try await executor.execute(testCase.change)
            let after = client.pacing.snapshot()
            let calls = await emulator.accessLog().map { "\($0.method) \($0.path.removingPercentEncoding ?? $0.path)" }
            #expect(calls == testCase.calls,
                    "calls were:\n\(calls.joined(separator: "\n"))\nexpected:\n\(testCase.calls.joined(separator: "\n"))")
            let statuses = await emulator.accessLog().map(\.status)
            #expect(statuses == (testCase.statuses ?? Array(repeating: 200, count: statuses.count)))
            #expect(note.detail == testCase.note)
            var made: [String: Int] = [:]
            for (method, counts) in after.methods {
                let count = counts.calls - (before.methods[method]?.calls ?? 0)
                if count > 0 { made[method] = count }
            }
            var budget = ApplyBudget.calls(for: testCase.change)
            for (method, count) in testCase.unbudgeted { budget[method] = (budget[method] ?? 0) - count }
            #expect(made == budget.filter { $0.value != 0 }, "calls by method")
            try await testCase.verify?(client.reader)
        }
    }
}
