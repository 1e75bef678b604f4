import Foundation
import RillformEmulator
import RillformModel
import RillformTestSupport
import Testing
@testable import RillformAPI

/// Every wrapper operation against the real emulator over loopback HTTP.
@Suite struct EmulatorRoundTripTests {
    @Test func organizationsRoundTrip() async throws {
        try await withEmulator { emulator in
            let client = try emulatorClient(emulator)
            #expect(try await client.reader.ping().version.isEmpty == false)
            let identity = try await client.reader.currentIdentity()
            guard case .user(let id, let email) = identity else {
                Issue.record("expected a user, got \(identity)")
                return
            }
            #expect(email == "admin@rillform.local")
            #expect(!id.isEmpty)

            let created = try await client.writer.createOrganization(name: "acme", displayName: "Acme", description: "d")
            #expect(created.name == "acme")
            #expect(created.displayName == "Acme")

            let roles = try await client.reader.listRoles()
            #expect(roles.orgRoles.map(\.name) == ["admin", "editor", "guest", "viewer"])
            #expect(roles.projectRoles.map(\.name) == ["admin", "editor", "viewer"])
            #expect(roles.orgRoles.first { $0.name == "admin" }?.permissions.manageOrg == true)

            let updated = try await client.writer.updateOrganization(
                "acme", changes: OrganizationChanges(values: [
                    .description: .string("new"), .billingEmail: .string("b@acme.io"),
                    .defaultProjectRole: .string("viewer"),
                ]))
            #expect(updated.description == "new")
            #expect(updated.displayName == "Acme")  // absent field kept
            #expect(updated.defaultProjectRole == "viewer")  // id resolved to a name
            #expect(updated.billingEmail == "b@acme.io")

            let (org, permissions) = try #require(try await client.reader.getOrganization("acme"))
            #expect(org == updated)
            #expect(permissions.manageOrg && permissions.admin)
            #expect(try await client.reader.listOrganizations().map(\.name) == ["acme"])

            let renamed = try await client.writer.updateOrganization("acme", changes: OrganizationChanges(newName: "acme2"))
            #expect(renamed.name == "acme2")
            #expect(try await client.reader.getOrganization("acme") == nil)

            try await client.writer.deleteOrganization("acme2")
            try await eventually { try await client.reader.getOrganization("acme2") == nil }
        }
    }

    @Test func projectsAndDeploymentsRoundTrip() async throws {
        try await withEmulator { emulator in
            let client = try emulatorClient(emulator)
            _ = try await client.writer.createOrganization(name: "acme")
            let project = try await client.writer.createProject(
                org: "acme",
                NewProject(name: "sales", values: [
                    .description: .string("numbers"), .isPublic: .bool(false),
                    .gitRemote: .string("https://github.com/acme/sales.git"), .primaryBranch: .string("main"),
                    .prodSlots: .integer(2),
                ]))
            #expect(project.name == "sales")
            #expect(project.prodSlots == 2)
            #expect(project.primaryBranch == "main")
            #expect(project.gitRemote == "https://github.com/acme/sales.git")

            let (read, permissions) = try #require(try await client.reader.getProject(org: "acme", project: "sales"))
            #expect(read.id == project.id)
            #expect(permissions.manageProject)
            #expect(try await client.reader.getProject(org: "acme", project: "nope") == nil)

            let updated = try await client.writer.updateProject(
                org: "acme", project: "sales",
                changes: ProjectChanges(newName: "revenue", values: [
                    .description: .string("money"), .prodSlots: .integer(3), .prodTtlSeconds: .integer(0),
                ]))
            #expect(updated.name == "revenue")
            #expect(updated.description == "money")
            #expect(updated.prodSlots == 3)
            #expect(updated.prodTtlSeconds == 0)
            #expect(updated.primaryBranch == "main")  // untouched
            #expect(try await client.reader.listProjects(org: "acme").map(\.name) == ["revenue"])

            let prod = try await client.reader.listDeployments(org: "acme", project: "revenue")
            #expect(prod.map(\.environment) == ["prod"])

            let dev = try await client.writer.createDeployment(
                org: "acme", project: "revenue", environment: .dev, branch: "feature-x", editable: true)
            #expect(dev.environment == "dev")
            #expect(dev.branch == "feature-x")
            #expect(dev.editable)
            try await client.writer.stopDeployment(id: dev.id)
            let stopped = try await client.reader.listDeployments(org: "acme", project: "revenue", environment: "dev")
            #expect(stopped.map(\.state) == [.stopped])
            _ = try await client.writer.startDeployment(id: dev.id)
            let started = try await client.reader.listDeployments(org: "acme", project: "revenue", branch: "feature-x")
            #expect(started.map(\.state) == [.running])
            try await client.writer.deleteDeployment(id: dev.id)
            #expect(try await client.reader.listDeployments(org: "acme", project: "revenue").map(\.environment) == ["prod"])

            let credentials = try await client.writer.projectCredentials(
                org: "acme", project: "revenue", ttlSeconds: 300, for: .attributes(["region": .string("eu")]))
            #expect(!credentials.runtimeHost.isEmpty)
            #expect(credentials.accessToken != nil)
            #expect(!"\(credentials)".contains(credentials.accessToken?.revealSecret() ?? "<none>"))

            try await client.writer.deleteProject(org: "acme", project: "revenue")
            #expect(try await client.reader.listProjects(org: "acme").isEmpty)
        }
    }

    @Test func servicesRolesAndTokensRoundTrip() async throws {
        try await withEmulator { emulator in
            let client = try emulatorClient(emulator)
            _ = try await client.writer.createOrganization(name: "acme")
            _ = try await client.writer.createProject(org: "acme", NewProject(name: "sales", skipDeploy: true))
            _ = try await client.writer.createProject(org: "acme", NewProject(name: "ops", skipDeploy: true))

            let bot = try await client.writer.createService(
                org: "acme", name: "bot", orgRole: .viewer, attributes: ["team": .string("data"), "tier": .number(2)])
            #expect(bot.orgRole == .viewer)
            #expect(bot.attributes == ["team": .string("data"), "tier": .number(2)])
            let scoped = try await client.writer.createService(
                org: "acme", name: "scoped", projectRole: (project: "sales", role: .editor))
            #expect(scoped.orgRole == nil)
            #expect(scoped.projectRoles == ["sales": .editor])

            try await client.writer.setServiceOrgRole(org: "acme", service: "bot", role: .editor)
            try await client.writer.setServiceProjectRole(org: "acme", service: "bot", project: "ops", role: .admin)
            let read = try #require(try await client.reader.getService(org: "acme", name: "bot"))
            #expect(read.orgRole == .editor)
            #expect(read.projectRoles == ["ops": .admin])
            #expect(read.attributes == bot.attributes)

            let opsServices = try await client.reader.listProjectServices(org: "acme", project: "ops")
            #expect(opsServices.map(\.serviceName) == ["bot"])
            #expect(opsServices.first?.projectRole == .admin)
            #expect(opsServices.first?.orgRole == .editor)

            let listed = try await client.reader.listServices(org: "acme")
            #expect(listed.map(\.name) == ["bot", "scoped"])
            #expect(listed.map(\.orgRole) == [.editor, nil])

            let edited = try await client.writer.updateService(org: "acme", name: "bot", newName: "robot", attributes: [:])
            #expect(edited.name == "robot")
            #expect(edited.attributes.isEmpty)

            try await client.writer.removeServiceProjectRole(org: "acme", service: "robot", project: "ops")
            try await client.writer.removeServiceOrgRole(org: "acme", service: "robot")
            let bare = try #require(try await client.reader.getService(org: "acme", name: "robot"))
            #expect(bare.orgRole == nil)
            #expect(bare.projectRoles.isEmpty)

            let token = try await client.writer.issueServiceToken(org: "acme", service: "scoped")
            #expect(token.kind == .service)
            #expect(!"\(token)".contains(token.revealSecret()))
            let tokens = try await client.reader.listServiceTokens(org: "acme", service: "scoped")
            #expect(tokens.count == 1)
            #expect(tokens.allSatisfy { token.hasPrefix($0.prefix) })

            // The issued token works, and is recognised as a service.
            let asService = try emulatorClient(emulator, token: token.revealSecret())
            #expect(try await asService.reader.currentIdentity() == .service)
            #expect(try await asService.reader.getProject(org: "acme", project: "sales") != nil)

            try await client.writer.revokeServiceToken(id: try #require(tokens.first?.id))
            #expect(try await client.reader.listServiceTokens(org: "acme", service: "scoped").isEmpty)
            let revoked = try await #require(throws: RillAPIError.self) {
                try await asService.reader.getProject(org: "acme", project: "sales")
            }
            #expect(revoked.kind == .unauthenticated)

            try await client.writer.deleteService(org: "acme", name: "scoped")
            try await client.writer.deleteService(org: "acme", name: "robot")
            #expect(try await client.reader.listServices(org: "acme").isEmpty)
            #expect(try await client.reader.getService(org: "acme", name: "robot") == nil)
        }
    }

    @Test func paginationFollowsEveryPage() async throws {
        try await withEmulator({ $0.defaultPageSize = 4 }) { emulator in
            let client = try emulatorClient(emulator)
            _ = try await client.writer.createOrganization(name: "acme")
            let names = (1...8).map { String(format: "p%02d", $0) }
            for name in names {
                _ = try await client.writer.createProject(org: "acme", NewProject(name: name, skipDeploy: true))
            }
            await emulator.resetAccessLog()
            #expect(try await client.reader.listProjects(org: "acme").map(\.name) == names)
            // 4 + 4 + an empty last page: Rill emits a token whenever a page is full.
            #expect(await served(emulator) == Array(repeating: "GET /v1/orgs/acme/projects", count: 3))

            // An explicit page size is sent and honoured.
            let small = try emulatorClient(emulator, pageSize: 3)
            await emulator.resetAccessLog()
            #expect(try await small.reader.listProjects(org: "acme").count == 8)
            #expect(await emulator.accessLog().count == 3)  // 3 + 3 + 2
        }
    }
}

/// Polls `condition` (organization deletion is asynchronous in Rill).
func eventually(_ condition: () async throws -> Bool) async throws {
    for _ in 0..<50 {
        if try await condition() { return }
        try await Task.sleep(for: .milliseconds(100))
    }
    Issue.record("condition not met within 5 seconds")
}
