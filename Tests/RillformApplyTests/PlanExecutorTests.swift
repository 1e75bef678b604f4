import Foundation
import RillformAPI
import RillformApply
import RillformEmulator
import RillformModel
import RillformPlan
import RillformTestSupport
import Testing

/// `PlanExecutor` on its own: one planned change in, the exact admin API calls out (method and path, in order,
/// from the emulator's access log), against the real emulator and the real client. Setup calls are made before
/// the log is cleared; a `verify` step reads the result back where the calls alone do not show it.
@Suite("PlanExecutor: change → API calls")
struct PlanExecutorTests {
    /// What the setup created: server-assigned ids by name (e.g. `prod`, `dev@feature`, `token`).
    struct Seeded: Sendable {
        var ids: [String: String] = [:]
        func id(_ name: String) -> String { ids[name] ?? "<no \(name) seeded>" }
    }

    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var setup: @Sendable (RillAdminWriter) async throws -> Seeded = { _ in Seeded() }
        var change: @Sendable (Seeded) -> ResourceChange
        /// `METHOD /path`; a path segment `*` stands for an id the server assigns during the change itself.
        var calls: @Sendable (Seeded) -> [String]
        var verify: (@Sendable (RillAdminReader, Seeded) async throws -> Void)?
        var testDescription: String { name }
    }

    static let org = "acme"
    static let remote = "https://github.com/acme/web.git"

    // MARK: - Setup steps

    static func seedOrg(_ writer: RillAdminWriter) async throws {
        _ = try await writer.createOrganization(name: org)
    }

    /// `acme/web` from git, with its prod deployment (id `prod`).
    static func seedProject(_ writer: RillAdminWriter, name: String = "web") async throws -> Seeded {
        try await seedOrg(writer)
        _ = try await writer.createProject(org: org, NewProject(name: name, values: [.gitRemote: .string(remote), .primaryBranch: .string("main")]))
        let prod = try await writer.reader.listDeployments(org: org, project: name, environment: "prod")
        var seeded = Seeded()
        seeded.ids["prod"] = prod.first?.id
        return seeded
    }

    /// `acme/web` plus a dev deployment on `feature` (id `dev@feature`).
    static func seedDevDeployment(_ writer: RillAdminWriter) async throws -> Seeded {
        var seeded = try await seedProject(writer)
        let dev = try await writer.createDeployment(org: org, project: "web", environment: .dev, branch: "feature")
        seeded.ids["dev@feature"] = dev.id
        return seeded
    }

    /// `acme/web` and the service `bot` (org role viewer unless `orgRole` says otherwise).
    static func seedService(_ writer: RillAdminWriter, name: String = "bot", orgRole: OrgRole? = .viewer,
                            projectRole: ProjectRole? = nil) async throws -> Seeded {
        let seeded = try await seedProject(writer)
        _ = try await writer.createService(org: org, name: name, orgRole: orgRole,
                                           projectRole: projectRole.map { (project: "web", role: $0) })
        return seeded
    }

    /// The service `bot` with one token (id `token`).
    static func seedToken(_ writer: RillAdminWriter) async throws -> Seeded {
        var seeded = try await seedService(writer)
        _ = try await writer.issueServiceToken(org: org, service: "bot")
        seeded.ids["token"] = try await writer.reader.listServiceTokens(org: org, service: "bot").first?.id
        return seeded
    }

    // MARK: - Changes

    static func change(_ address: ResourceAddress, _ operation: ChangeOperation, _ fields: [String: JSONValue] = [:],
                       rename: String? = nil, live: LiveReference? = nil) -> ResourceChange {
        ResourceChange(
            address: address, actions: operation.actions, rename: rename.map { RenameInfo(from: $0) },
            fieldChanges: fields.sorted { $0.key < $1.key }.map { FieldChange(field: $0.key, before: nil, after: $0.value) },
            live: live)
    }

    static let orgPath = "/v1/orgs/acme"
    static let webPath = "/v1/orgs/acme/projects/web"
    static let botPath = "/v1/orgs/acme/services/bot"

    static let cases: [Case] = orgCases + projectCases + deploymentCases + serviceCases + roleCases + tokenCases

    /// The client reads the role catalog once (`GET /v1/roles`) to name a new org's default project role, which
    /// Rill reports by id. Orgs are never replaced: Rill deletes an org asynchronously, so its name stays taken.
    static let orgCases: [Case] = [
        Case(name: "org create", change: { _ in
            change(.org(org), .create, ["display_name": .string("Acme"), "description": .string("d")])
        }, calls: { _ in ["POST /v1/orgs", "GET /v1/roles"] }),
        Case(name: "org create with billing_email and default_project_role: create, then update", change: { _ in
            change(.org(org), .create, ["billing_email": .string("billing@acme.test"),
                                        "default_project_role": .string("viewer")])
        }, calls: { _ in ["POST /v1/orgs", "GET /v1/roles", "PATCH \(orgPath)"] }, verify: { reader, _ in
            let live = try #require(try await reader.getOrganization(org)?.org)
            #expect(live.billingEmail == "billing@acme.test")
        }),
        Case(name: "org update", setup: { try await seedOrg($0); return Seeded() }, change: { _ in
            change(.org(org), .update, ["display_name": .string("New")])
        }, calls: { _ in ["PATCH \(orgPath)"] }),
        Case(name: "org delete", setup: { try await seedOrg($0); return Seeded() }, change: { _ in
            change(.org(org), .delete, live: LiveReference(name: org))
        }, calls: { _ in ["DELETE \(orgPath)"] }),
    ]

    static let projectCases: [Case] = [
        Case(name: "project create with skip_deploy: no prod deployment", setup: {
            try await seedOrg($0)
            return Seeded()
        }, change: { _ in
            var create = change(.project(org, "web"), .create, ["git_remote": .string(remote),
                                                               "primary_branch": .string("main")])
            create.skipDeploy = true
            return create
        }, calls: { _ in ["POST /v1/orgs/acme/projects"] }, verify: { reader, _ in
            let deployments = try await reader.listDeployments(org: org, project: "web")
            #expect(deployments == [])
        }),
        Case(name: "project create with prod_ttl_seconds: create, then update", setup: {
            try await seedOrg($0)
            return Seeded()
        }, change: { _ in
            change(.project(org, "web"), .create, ["git_remote": .string(remote), "primary_branch": .string("main"),
                                                   "prod_ttl_seconds": .number(3600)])
        }, calls: { _ in ["POST /v1/orgs/acme/projects", "PATCH \(webPath)"] }, verify: { reader, _ in
            let project = try #require(try await reader.getProject(org: org, project: "web")?.project)
            #expect(project.prodTtlSeconds == 3600)
        }),
        Case(name: "project update", setup: { try await seedProject($0) }, change: { _ in
            change(.project(org, "web"), .update, ["description": .string("new")])
        }, calls: { _ in ["PATCH \(webPath)"] }),
        Case(name: "project rename: update under the old name", setup: { try await seedProject($0, name: "old") },
             change: { _ in change(.project(org, "web"), .update, rename: "old") },
             calls: { _ in ["PATCH /v1/orgs/acme/projects/old"] }, verify: { reader, _ in
                 let projects = try await reader.listProjects(org: org)
                 #expect(projects.map(\.name) == ["web"])
             }),
        Case(name: "project delete", setup: { try await seedProject($0) }, change: { _ in
            change(.project(org, "web"), .delete, live: LiveReference(name: "web"))
        }, calls: { _ in ["DELETE \(webPath)"] }),
        Case(name: "project replace: delete, then create", setup: { try await seedProject($0) }, change: { _ in
            change(.project(org, "web"), .replace, ["git_remote": .string(remote), "primary_branch": .string("main")],
                   live: LiveReference(name: "web"))
        }, calls: { _ in ["DELETE \(webPath)", "POST /v1/orgs/acme/projects"] }),
    ]

    static let feature = ResourceAddress.deployment(org, "web", environment: "dev", branch: "feature")
    static let prod = ResourceAddress.deployment(org, "web", environment: "prod", branch: nil)

    static let deploymentCases: [Case] = [
        Case(name: "deployment create", setup: { try await seedProject($0) }, change: { _ in
            change(feature, .create, ["environment": .string("dev"), "branch": .string("feature")])
        }, calls: { _ in ["POST \(webPath)/deployments"] }),
        Case(name: "deployment create stopped: create, then stop", setup: { try await seedProject($0) }, change: { _ in
            change(feature, .create, ["environment": .string("dev"), "branch": .string("feature"),
                                      "state": .string("stopped")])
        }, calls: { _ in ["POST \(webPath)/deployments", "POST /v1/deployments/*/stop"] }),
        Case(name: "deployment start by id", setup: { writer in
            let seeded = try await seedDevDeployment(writer)
            try await writer.stopDeployment(id: seeded.id("dev@feature"))
            return seeded
        }, change: { seeded in
            change(feature, .update, ["state": .string("running")], live: LiveReference(id: seeded.id("dev@feature")))
        }, calls: { seeded in ["POST /v1/deployments/\(seeded.id("dev@feature"))/start"] }),
        Case(name: "deployment stop by lookup (prod made by its project's create)", setup: { try await seedProject($0) },
             change: { _ in change(prod, .update, ["state": .string("stopped")]) },
             calls: { seeded in ["GET \(webPath)/deployments", "POST /v1/deployments/\(seeded.id("prod"))/stop"] },
             verify: { reader, _ in
                 let deployments = try await reader.listDeployments(org: org, project: "web")
                 #expect(deployments.map(\.state) == [.stopped])
             }),
        Case(name: "deployment delete by lookup", setup: { try await seedDevDeployment($0) }, change: { _ in
            change(feature, .delete)
        }, calls: { seeded in ["GET \(webPath)/deployments", "DELETE /v1/deployments/\(seeded.id("dev@feature"))"] }),
        Case(name: "deployment delete by id", setup: { try await seedDevDeployment($0) }, change: { seeded in
            change(feature, .delete, live: LiveReference(id: seeded.id("dev@feature")))
        }, calls: { seeded in ["DELETE /v1/deployments/\(seeded.id("dev@feature"))"] }),
    ]

    static let bot = ResourceAddress.service(org, "bot")

    static let serviceCases: [Case] = [
        Case(name: "service create with an org role", setup: { try await seedProject($0) }, change: { _ in
            change(bot, .create, ["org_role": .string("viewer"), "attributes": .object(["team": .string("data")])])
        }, calls: { _ in ["POST /v1/orgs/acme/services"] }),
        Case(name: "service create without org role, with its initial project role", setup: {
            try await seedProject($0)
        }, change: { _ in
            var create = change(bot, .create)
            create.initialProjectRole = InitialProjectRole(project: "web", role: .editor)
            return create
        }, calls: { _ in ["POST /v1/orgs/acme/services"] }, verify: { reader, _ in
            let members = try await reader.listProjectServices(org: org, project: "web")
            #expect(members.map(\.projectRole) == [.editor])
        }),
        Case(name: "service update attributes", setup: { try await seedService($0) }, change: { _ in
            change(bot, .update, ["attributes": .object(["team": .string("ops")])])
        }, calls: { _ in ["PATCH \(botPath)"] }),
        Case(name: "service rename: update under the old name", setup: { try await seedService($0, name: "old-bot") },
             change: { _ in change(bot, .update, rename: "old-bot") },
             calls: { _ in ["PATCH /v1/orgs/acme/services/old-bot"] }),
        Case(name: "service org role change", setup: { try await seedService($0) }, change: { _ in
            change(bot, .update, ["org_role": .string("editor")])
        }, calls: { _ in ["PUT \(botPath)/role"] }),
        Case(name: "service org role removal", setup: { try await seedService($0, projectRole: .viewer) },
             change: { _ in
                 ResourceChange(address: bot, actions: [.update],
                                fieldChanges: [FieldChange(field: "org_role", before: .string("viewer"), after: nil)])
             }, calls: { _ in ["DELETE \(botPath)/role"] }),
        Case(name: "service delete", setup: { try await seedService($0) }, change: { _ in
            change(bot, .delete, live: LiveReference(name: "bot"))
        }, calls: { _ in ["DELETE \(botPath)"] }),
        Case(name: "service replace: delete, then create", setup: { try await seedService($0, orgRole: nil,
                                                                                             projectRole: .viewer) },
             change: { _ in
                 change(bot, .replace, ["org_role": .string("admin")], live: LiveReference(name: "bot"))
             }, calls: { _ in ["DELETE \(botPath)", "POST /v1/orgs/acme/services"] }),
    ]

    static let botOnWeb = ResourceAddress.serviceProjectRole(org, service: "bot", project: "web")

    static let roleCases: [Case] = [
        Case(name: "project role create", setup: { try await seedService($0) }, change: { _ in
            change(botOnWeb, .create, ["project_roles.web": .string("viewer")])
        }, calls: { _ in ["PUT \(webPath)/services/bot/role"] }),
        Case(name: "project role update", setup: { try await seedService($0, projectRole: .viewer) }, change: { _ in
            change(botOnWeb, .update, ["project_roles.web": .string("admin")])
        }, calls: { _ in ["PUT \(webPath)/services/bot/role"] }, verify: { reader, _ in
            let members = try await reader.listProjectServices(org: org, project: "web")
            #expect(members.map(\.projectRole) == [.admin])
        }),
        Case(name: "project role removal", setup: { try await seedService($0, projectRole: .viewer) }, change: { _ in
            change(botOnWeb, .delete)
        }, calls: { _ in ["DELETE \(webPath)/services/bot"] }),
    ]

    static let botTokens = ResourceAddress.serviceToken(org, "bot")

    static func tokens(_ issue: Int, revoking ids: [String] = []) -> ResourceChange {
        var tokens = change(botTokens, ids.isEmpty ? .create : issue == 0 ? .delete : .update)
        tokens.tokenChange = TokenChange(issue: issue, revokeIDs: ids, reason: "test", revokeAfterIssue: issue > 0)
        return tokens
    }

    /// Issuing lists the service's tokens first (to recover a lost secret) and after (to name the new token's id).
    static let tokenCases: [Case] = [
        Case(name: "token issue", setup: { try await seedService($0) }, change: { _ in tokens(1) },
             calls: { _ in ["GET \(botPath)/tokens", "POST \(botPath)/tokens", "GET \(botPath)/tokens"] }),
        Case(name: "token revoke", setup: { try await seedToken($0) }, change: { seeded in
            tokens(0, revoking: [seeded.id("token")])
        }, calls: { seeded in ["DELETE /v1/services/tokens/\(seeded.id("token"))"] }),
        Case(name: "token rotation: issue, then revoke the old one", setup: { try await seedToken($0) },
             change: { seeded in tokens(1, revoking: [seeded.id("token")]) },
             calls: { seeded in
                 ["GET \(botPath)/tokens", "POST \(botPath)/tokens", "GET \(botPath)/tokens",
                  "DELETE /v1/services/tokens/\(seeded.id("token"))"]
             }, verify: { reader, seeded in
                 let live = try await reader.listServiceTokens(org: org, service: "bot").map(\.id)
                 #expect(live.count == 1 && !live.contains(seeded.id("token")))
             }),
    ]

    // MARK: - Running

    static func client(_ emulator: RunningEmulator) throws -> RillAdminClient {
        var options = RillAdminClient.Options()
        options.maxRequestsPerSecond = nil
        options.pacing = nil
        return try RillAdminClient(baseURL: emulator.baseURL.absoluteString,
                                   token: try APIToken(try #require(emulator.adminToken)), options: options)
    }

    /// True when `actual` is `expected` with each `*` path segment standing for any one segment.
    static func call(_ actual: String, matches expected: String) -> Bool {
        let actualParts = actual.split(separator: "/", omittingEmptySubsequences: false)
        let expectedParts = expected.split(separator: "/", omittingEmptySubsequences: false)
        return actualParts.count == expectedParts.count
            && zip(actualParts, expectedParts).allSatisfy { $1 == "*" || $0 == $1 }
    }

    @Test("every kind and operation makes exactly the expected calls", arguments: cases)
    func expectedCalls(_ testCase: Case) async throws {
        try await withEmulator { emulator in
            try await withTemporaryDirectory { directory in
                let client = try Self.client(emulator)
                let seeded = try await testCase.setup(client.writer)
                let sinkPath = directory.appendingPathComponent("tokens.jsonl").path
                let executor = PlanExecutor(writer: client.writer, tokenSink: try TokenSink(path: sinkPath))
                await emulator.resetAccessLog()
                _ = try await executor.execute(testCase.change(seeded))
                let calls = await emulator.accessLog().map { "\($0.method) \($0.path)" }
                let expected = testCase.calls(seeded)
                #expect(calls.count == expected.count && zip(calls, expected).allSatisfy(Self.call(_:matches:)),
                        "calls were:\n\(calls.joined(separator: "\n"))\nexpected:\n\(expected.joined(separator: "\n"))")
                #expect(await emulator.accessLog().allSatisfy { $0.status == 200 }, "every call succeeds")
                try await testCase.verify?(client.reader, seeded)
            }
        }
    }

    @Test("an issued token's secret goes to the sink with its id, before any revoke")
    func tokenSecretReachesSink() async throws {
        try await withEmulator { emulator in
            try await withTemporaryDirectory { directory in
                let client = try Self.client(emulator)
                let seeded = try await Self.seedToken(client.writer)
                let sinkPath = directory.appendingPathComponent("tokens.jsonl").path
                let executor = PlanExecutor(writer: client.writer, tokenSink: try TokenSink(path: sinkPath))
                _ = try await executor.execute(Self.tokens(1, revoking: [seeded.id("token")]))
                let lines = try String(contentsOfFile: sinkPath, encoding: .utf8).split(separator: "\n")
                let newID = try #require(try await client.reader.listServiceTokens(org: Self.org, service: "bot").first?.id)
                #expect(lines.count == 1)
                #expect(lines.first?.contains(newID) == true, "the sink line names the new token's id")
                #expect(lines.first?.contains("rill_svc_") == true, "the sink line holds the secret")
            }
        }
    }

    @Test("issuing a token without a sink fails before any call")
    func tokenWithoutSink() async throws {
        try await withEmulator { emulator in
            let client = try Self.client(emulator)
            _ = try await Self.seedService(client.writer)
            await emulator.resetAccessLog()
            let executor = PlanExecutor(writer: client.writer, tokenSink: nil)
            await #expect(throws: PlanExecutionError.self) { _ = try await executor.execute(Self.tokens(1)) }
            #expect(await emulator.accessLog().isEmpty)
        }
    }

    @Test("a no-op makes no call")
    func noOpMakesNoCall() async throws {
        try await withEmulator { emulator in
            let client = try Self.client(emulator)
            try await Self.seedOrg(client.writer)
            await emulator.resetAccessLog()
            _ = try await PlanExecutor(writer: client.writer, tokenSink: nil)
                .execute(Self.change(.org(Self.org), .noOp, ["display_name": .string("ignored")]))
            #expect(await emulator.accessLog().isEmpty)
        }
    }
}
