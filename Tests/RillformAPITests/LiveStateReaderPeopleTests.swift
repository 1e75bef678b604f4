import Foundation
import RillformEmulator
import RillformModel
import RillformTestSupport
import Testing
@testable import RillformAPI

/// The people lanes of `LiveStateReader`: org members merged with pending invites, usergroups (managed ones too)
/// with members, descriptions and project roles, project members merged with project invites, allowed domains.
@Suite struct LiveStateReaderPeopleTests {
    static let ana = "ana@rillform.local"
    static let bo = "bo@rillform.local"
    static let invited = "new@elsewhere.test"
    static let contractor = "sam@agency.test"

    /// `acme` with projects `sales` and `web`; `ana` (editor, attributes) and `bo` (viewer) have accounts;
    /// `new@…` is a pending org invite, `sam@…` a pending project invite on sales; the group `analysts`
    /// (description, org role viewer, member ana, editor on sales); ana is a restricted viewer of sales;
    /// allowed domains on the org and on web.
    private func seed(_ emulator: RunningEmulator, _ client: RillAdminClient) async throws {
        let writer = client.writer
        _ = try await writer.createOrganization(name: "acme")
        _ = try await writer.createProject(org: "acme", NewProject(name: "sales", skipDeploy: true))
        _ = try await writer.createProject(org: "acme", NewProject(name: "web", skipDeploy: true))
        _ = try await emulator.createUser(email: Self.ana)
        _ = try await emulator.createUser(email: Self.bo)
        #expect(try await writer.addOrgMember(org: "acme", email: Self.ana, role: .editor) == false)
        try await writer.setOrgMemberAttributes(org: "acme", email: Self.ana, attributes: ["team": .string("data")])
        _ = try await writer.addOrgMember(org: "acme", email: Self.bo, role: .viewer)
        #expect(try await writer.addOrgMember(org: "acme", email: Self.invited, role: .guest) == true)
        _ = try await writer.createUsergroup(org: "acme", name: "analysts")
        try await writer.editUsergroup(org: "acme", usergroup: "analysts", description: "Analysts")
        try await writer.addUsergroupOrgRole(org: "acme", usergroup: "analysts", role: .viewer)
        try await writer.addUsergroupMember(org: "acme", usergroup: "analysts", email: Self.ana)
        try await writer.addUsergroupProjectRole(org: "acme", usergroup: "analysts", project: "sales", role: .editor)
        _ = try await writer.addProjectMember(org: "acme", project: "sales", email: Self.ana, values: [
            .role: .string("viewer"), .restrictResources: .bool(true), .resources: .list(["explore/pipeline"]),
        ])
        _ = try await writer.addProjectMember(org: "acme", project: "sales", email: Self.contractor,
                                              values: [.role: .string("viewer")])
        try await writer.createAllowedDomain(org: "acme", domain: "rillform.local", role: .viewer)
        try await writer.createProjectAllowedDomain(org: "acme", project: "web", domain: "rillform.local", role: .viewer)
    }

    @Test func readsPeopleWhenAskedFor() async throws {
        try await withEmulator({ $0.defaultPageSize = 2 }) { emulator in
            _ = try await seed(emulator, try emulatorClient(emulator))
            let client = try emulatorClient(emulator)
            await emulator.resetAccessLog()
            let reads = OrgDetailReads(people: true, projectPeople: ["sales", "web"], usergroupRoles: ["sales"])
            let state = try await LiveStateReader(reader: client.reader).read(orgs: ["acme"], parallelism: 3) { _ in reads }
            let acme = try #require(state.orgs["acme"])

            let members = try #require(acme.members)
            #expect(members[Self.ana]?.orgRole == .editor)
            #expect(members[Self.ana]?.managed[.attributes] == .object(["team": .string("data")]))
            #expect(members[Self.bo]?.orgRole == .viewer && members[Self.bo]?.isPendingInvite == false)
            let invite = try #require(members[Self.invited])
            #expect(invite.isPendingInvite && invite.orgRole == .guest)
            #expect(invite.invitedBy != "")
            #expect(members["admin@rillform.local"]?.orgRole == .admin)

            let groups = try #require(acme.usergroups)
            let analysts = try #require(groups["analysts"])
            #expect(analysts.managed[.description] == .string("Analysts"))
            #expect(analysts.orgRole == .viewer)
            #expect(analysts.members == [Self.ana])
            #expect(analysts.projectRoles == ["sales": .editor])
            let managed = try #require(groups["autogroup:members"])
            #expect(managed.isManaged)
            #expect(managed.members?.contains(Self.ana) == true)
            // Rill gives autogroup:members the default project role on new projects.
            #expect(managed.projectRoles?["sales"] != nil)
            #expect(managed.projectRoles?["web"] == nil, "web's group roles were not asked for")
            #expect(acme.allowedDomains == ["rillform.local": LiveAllowedDomain(domain: "rillform.local", orgRole: .viewer)])

            let sales = try #require(acme.projects["sales"]?.members)
            let anaOnSales = try #require(sales[Self.ana])
            #expect(anaOnSales.role == .viewer && !anaOnSales.isPendingInvite)
            #expect(anaOnSales.managed[.restrictResources] == .bool(true))
            #expect(anaOnSales.managed[.resources] == .list(["explore/pipeline"]))
            #expect(sales[Self.contractor]?.isPendingInvite == true)
            #expect(acme.projects["sales"]?.allowedDomains == [:])
            #expect(acme.projects["web"]?.allowedDomains?["rillform.local"]?.role == .viewer)

            // One lane per method: each people list shows up, the group details only for groups that have them.
            let calls = await served(emulator)
            #expect(calls.contains("GET /v1/orgs/acme/invites"))
            #expect(calls.contains("GET /v1/orgs/acme/project/sales/usergroups"))
            #expect(!calls.contains("GET /v1/orgs/acme/project/web/usergroups"))
            #expect(calls.contains("GET /v1/orgs/acme/usergroups/analysts"))
            #expect(!calls.contains { $0.hasPrefix("GET /v1/orgs/acme/usergroups/autogroup") && !$0.hasSuffix("/members") },
                    "managed groups have no description to read: \(calls)")
        }
    }

    @Test func leavesPeopleUnreadWhenNotAskedFor() async throws {
        try await withEmulator { emulator in
            _ = try await seed(emulator, try emulatorClient(emulator))
            let client = try emulatorClient(emulator)
            await emulator.resetAccessLog()
            let state = try await LiveStateReader(reader: client.reader)
                .read(orgs: ["acme"], parallelism: 3) { _ in OrgDetailReads(projectPeople: ["web"]) }
            let acme = try #require(state.orgs["acme"])
            #expect(acme.members == nil && acme.usergroups == nil && acme.allowedDomains == nil)
            #expect(acme.projects["sales"]?.members == nil)
            // ana and bo joined web through its allowed domain.
            #expect(acme.projects["web"]?.members?.keys.sorted() == ["admin@rillform.local", Self.ana, Self.bo])
            let calls = await served(emulator)
            #expect(!calls.contains { $0.contains("/usergroups") || $0.hasSuffix("/acme/members") }, "\(calls)")
        }
    }
}
