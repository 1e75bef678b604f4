import Foundation
import RillformEmulator
import RillformModel
import RillformTestSupport
import Testing
@testable import RillformAPI

@Suite struct LiveStateReaderTests {
    /// Seeds `acme` with three projects (one with a dev deployment), three services with org and project roles,
    /// and one token.
    private func seed(_ client: RillAdminClient) async throws -> APIToken {
        let writer = client.writer
        _ = try await writer.createOrganization(name: "acme", displayName: "Acme")
        _ = try await writer.updateOrganization("acme", changes: OrganizationChanges(values: [.defaultProjectRole: .string("viewer")]))
        _ = try await writer.createProject(org: "acme", NewProject(name: "sales", values: [.gitRemote: .string("https://github.com/acme/sales.git"), .primaryBranch: .string("main")]))
        _ = try await writer.createProject(org: "acme", NewProject(name: "ops", skipDeploy: true))
        _ = try await writer.createProject(org: "acme", NewProject(name: "web", skipDeploy: true))
        _ = try await writer.createDeployment(org: "acme", project: "sales", environment: .dev, branch: "feature")
        _ = try await writer.createService(org: "acme", name: "bot", orgRole: .admin, attributes: ["team": .string("data")])
        try await writer.setServiceProjectRole(org: "acme", service: "bot", project: "sales", role: .viewer)
        _ = try await writer.createService(org: "acme", name: "etl", projectRole: (project: "ops", role: .editor))
        try await writer.setServiceProjectRole(org: "acme", service: "etl", project: "web", role: .admin)
        _ = try await writer.createService(org: "acme", name: "idle", orgRole: .guest)
        return try await writer.issueServiceToken(org: "acme", service: "bot")
    }

    @Test func readsTheSeededOrgWithinTheCallBudget() async throws {
        try await withEmulator({ $0.defaultPageSize = 2 }) { emulator in
            let seeding = try emulatorClient(emulator)
            _ = try await seed(seeding)
            let client = try emulatorClient(emulator)  // fresh client: empty role cache
            await emulator.resetAccessLog()

            let state = try await LiveStateReader(reader: client.reader)
                .read(orgs: ["acme", "ghost"], parallelism: 3, includeTokensFor: ["bot"])

            #expect(state.orgs.keys.sorted() == ["acme"])
            let acme = try #require(state.orgs["acme"])
            #expect(acme.displayName == "Acme")
            #expect(acme.defaultProjectRole == "viewer")
            #expect(acme.projects.keys.sorted() == ["ops", "sales", "web"])
            let sales = try #require(acme.projects["sales"])
            #expect(sales.gitRemote == "https://github.com/acme/sales.git")
            #expect(sales.deployments.map(\.environment) == ["dev", "prod"])  // sorted
            #expect(sales.deployments.first?.branch == "feature")
            #expect(acme.projects["ops"]?.deployments == [])
            #expect(acme.services.keys.sorted() == ["bot", "etl", "idle"])
            let bot = try #require(acme.services["bot"])
            #expect(bot.orgRole == .admin)
            #expect(bot.attributes == ["team": .string("data")])
            #expect(bot.projectRoles == ["sales": .viewer])
            #expect(bot.tokens.count == 1)
            let etl = try #require(acme.services["etl"])
            #expect(etl.orgRole == nil)
            #expect(etl.projectRoles == ["ops": .editor, "web": .admin])
            #expect(etl.tokens.isEmpty)  // not asked for
            #expect(acme.services["idle"]?.orgRole == .guest)
            #expect(acme.services["idle"]?.projectRoles == [:])

            // 2 org lookups + 1 roles (default role id → name) + 2 project pages (2 + 1) + 1 services
            // + 3 × (deployments + project services) + 1 token list = 13, and no per-item GETs of services;
            // ghost's project and service lists go out with its lookup (2 more, dropped when it is not found);
            // people: members + invites + 2 usergroup pages (the 3 managed groups) + domains, 3 × (members + invites
            // + domains + group roles), 3 × group members (managed groups have no description to get) = 20.
            let calls = await served(emulator)
            #expect(calls.count == 13 + 2 + 20, "\(calls)")
            #expect(calls.filter { $0.hasPrefix("GET /v1/orgs/ghost/") }.count == 2)
            #expect(!calls.contains("GET /v1/orgs/acme/services/bot"))
            #expect(calls.filter { $0 == "GET /v1/orgs/acme/projects" }.count == 2)

            // Deterministic: a second read gives the same state.
            let again = try await LiveStateReader(reader: client.reader)
                .read(orgs: ["ghost", "acme"], parallelism: 1, includeTokensFor: ["bot"])
            #expect(again == state)
        }
    }

    /// Follows a partial read: only the asked-for details are read, with exactly the calls they cost, and the
    /// project roles come out the same whether read per project or per service.
    @Test func readsOnlyTheAskedForDetails() async throws {
        try await withEmulator({ $0.defaultPageSize = 2 }) { emulator in
            _ = try await seed(try emulatorClient(emulator))
            func read(_ reads: OrgDetailReads) async throws -> (LiveOrg, [String]) {
                let client = try emulatorClient(emulator)  // fresh client: the roles lookup is counted every time
                await emulator.resetAccessLog()
                let state = try await LiveStateReader(reader: client.reader)
                    .read(orgs: ["acme"], parallelism: 3) { _ in reads }
                return (try #require(state.orgs["acme"]), await served(emulator))
            }
            // get org + roles + 2 project pages + services: what every read costs.
            let base = 5

            let (nothing, nothingCalls) = try await read(OrgDetailReads())
            #expect(nothingCalls.count == base, "\(nothingCalls)")
            #expect(nothing.projects.values.allSatisfy { $0.deployments.isEmpty })
            #expect(nothing.services.values.allSatisfy { $0.projectRoles.isEmpty && $0.tokens.isEmpty })
            #expect(nothing.services["bot"]?.orgRole == .admin)  // the listing still has org roles

            let perService = OrgDetailReads(deployments: ["sales"], projectRoles: ["etl"], roleSource: .perService,
                                            tokens: ["bot"])
            let (byService, serviceCalls) = try await read(perService)
            #expect(serviceCalls.count == base + perService.callCount(projects: 3), "\(serviceCalls)")
            #expect(serviceCalls.count == base + 3)
            #expect(serviceCalls.contains("GET /v1/orgs/acme/services/etl"))
            #expect(serviceCalls.filter { $0.hasSuffix("/deployments") } == ["GET /v1/orgs/acme/projects/sales/deployments"])
            #expect(!serviceCalls.contains { $0.hasPrefix("GET /v1/orgs/acme/projects/") && $0.hasSuffix("/services") })
            #expect(byService.services["etl"]?.projectRoles == ["ops": .editor, "web": .admin])
            #expect(byService.services["bot"]?.projectRoles == [:])  // not asked for
            #expect(byService.services["bot"]?.tokens.count == 1)
            #expect(byService.projects["sales"]?.deployments.count == 2)
            #expect(byService.projects["ops"]?.deployments == [])

            var perProject = perService
            perProject.roleSource = .perProject
            let (byProject, projectCalls) = try await read(perProject)
            #expect(projectCalls.count == base + perProject.callCount(projects: 3), "\(projectCalls)")
            #expect(projectCalls.count == base + 5)
            #expect(projectCalls.filter { $0.hasPrefix("GET /v1/orgs/acme/projects/") && $0.hasSuffix("/services") }.count == 3)
            #expect(!projectCalls.contains("GET /v1/orgs/acme/services/etl"))
            #expect(byProject == byService)  // the same live state whichever source
        }
    }

    @Test func identifiesUsersAndServices() async throws {
        try await withEmulator { emulator in
            let admin = try emulatorClient(emulator)
            let botToken = try await seed(admin)

            let asUser = try await LiveStateReader(reader: admin.reader).identify(orgs: ["acme", "ghost"])
            guard case .user(_, let email) = asUser.caller else {
                Issue.record("expected a user, got \(asUser.caller)")
                return
            }
            #expect(email == "admin@rillform.local")
            #expect(asUser.orgs["acme"]?.permissions?.manageOrg == true)
            #expect(asUser.orgs["ghost"]?.permissions == nil)

            let bot = try emulatorClient(emulator, token: botToken.revealSecret())
            let asService = try await LiveStateReader(reader: bot.reader).identify(orgs: ["acme"])
            #expect(asService.caller == .service)
            #expect(asService.orgs["acme"]?.permissions?.manageOrg == true)
            #expect(asService.orgs["acme"]?.serviceName == "bot")
        }
    }
}
