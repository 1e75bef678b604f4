import Foundation
@testable import RillformEmulator
import RillformTestSupport
import Testing

/// Project members and invites (admin/server/projects.go), resource restrictions, and access through
/// autogroup:members.
@Suite struct ProjectMemberTests {
    /// AddProjectMemberUser with an unknown email: an org guest invite plus a project invite, both listed; signup
    /// makes the user an org guest with the project role.
    @Test func projectInvitesBecomeMembershipsAtSignUp() async throws {
        try await withEmulator { emulator in
            let fixture = try await Fixture.make(emulator)
            let admin = fixture.admin
            let added = expectOK(try await admin.post(
                "/v1/orgs/acme/projects/beta/members",
                #"{"email":"contractor@agency.example","role":"editor","resources":[{"type":"rill.runtime.v1.Explore","name":"kpis"}]}"#))
            #expect(added["pendingSignup"]?.boolValue == true)
            let invites = expectOK(try await admin.get("/v1/orgs/acme/projects/beta/invites"))["invites"]?.arrayValue ?? []
            let invite = try #require(invites.first)
            #expect(invite["email"]?.stringValue == "contractor@agency.example")
            #expect(invite["roleName"]?.stringValue == "editor")
            #expect(invite["orgRoleName"]?.stringValue == "guest")
            #expect(invite["invitedBy"]?.stringValue == "admin@rillform.local")
            #expect(invite["restrictResources"]?.boolValue == true)
            let orgInvites = expectOK(try await admin.get("/v1/orgs/acme/invites"))["invites"]?.arrayValue ?? []
            #expect(orgInvites.map { [$0["email"]?.stringValue, $0["roleName"]?.stringValue] }
                == [["contractor@agency.example", "guest"]])
            // SetProjectMemberUserRole on the invite keeps its resources when neither field is sent.
            expectOK(try await admin.put("/v1/orgs/acme/projects/beta/members/contractor@agency.example", #"{"role":"viewer"}"#))

            let contractor = admin.with(token: try await emulator.signUpUser(email: "contractor@agency.example"))
            let project = expectOK(try await contractor.get("/v1/orgs/acme/projects/beta"))
            #expect(project["projectPermissions"]?["readProd"]?.boolValue == true)
            #expect(project["projectPermissions"]?["manageDev"]?.boolValue == false)
            expectError(try await contractor.get("/v1/orgs/acme/projects/alpha"), status: 403, code: 7)
            let members = expectOK(try await admin.get("/v1/orgs/acme/projects/beta/members"))["members"]?.arrayValue ?? []
            let member = try #require(members.first { $0["userEmail"]?.stringValue == "contractor@agency.example" })
            #expect(member["roleName"]?.stringValue == "viewer")
            #expect(member["orgRoleName"]?.stringValue == "guest")
            #expect(member["restrictResources"]?.boolValue == true)
            #expect(member["resources"] == .array([.object(["type": .string("rill.runtime.v1.Explore"), "name": .string("kpis")])]))
            #expect(expectOK(try await admin.get("/v1/orgs/acme/projects/beta/invites"))["invites"]?.arrayValue.isEmpty == true)
        }
    }

    /// SetProjectMemberUserRole: role and/or resource scope, "at least one" first; restrictResources false
    /// clears the scope; unknown users without an invite 404.
    @Test func setRoleAndResources() async throws {
        try await withEmulator { emulator in
            let fixture = try await Fixture.make(emulator)
            let admin = fixture.admin
            let path = "/v1/orgs/acme/projects/alpha/members/guest@example.com"
            let nothing = try await admin.put(path, "{}")
            expectError(nothing, status: 400, code: 3)
            #expect(nothing.message == "at least one of role, restrict_resources, or resources must be set")
            expectOK(try await admin.put(path, #"{"resources":[{"type":"rill.runtime.v1.Canvas","name":"ops"}]}"#))
            var member = try await alphaMember(admin, "guest@example.com")
            #expect(member["roleName"]?.stringValue == "viewer")
            #expect(member["restrictResources"]?.boolValue == true)
            expectOK(try await admin.put(path, #"{"role":"editor"}"#))
            member = try await alphaMember(admin, "guest@example.com")
            #expect(member["roleName"]?.stringValue == "editor")
            #expect(member["resources"]?.arrayValue.count == 1)
            expectOK(try await admin.put(path, #"{"restrictResources":false}"#))
            member = try await alphaMember(admin, "guest@example.com")
            #expect(member["restrictResources"]?.boolValue == false)
            #expect(member["resources"]?.arrayValue.isEmpty == true)
            expectError(try await admin.put("/v1/orgs/acme/projects/alpha/members/ghost@example.com", #"{"role":"viewer"}"#),
                        status: 404, code: 5, contains: "project invite not found")
            expectError(try await admin.put("/v1/orgs/acme/projects/nope/members/guest@example.com", #"{"role":"viewer"}"#),
                        status: 400, code: 3, contains: "project not found")
        }
    }

    /// Permissions: reading members needs readProjectMembers (project editors and admins, org admins); adding
    /// an admin needs manageProjectAdmins; a project editor may add viewers and editors.
    @Test func projectMemberPermissions() async throws {
        try await withEmulator { emulator in
            let fixture = try await Fixture.make(emulator)
            let admin = fixture.admin
            let viewer = try #require(fixture.users["viewer"])
            let denied = try await viewer.get("/v1/orgs/acme/projects/alpha/members")
            expectError(denied, status: 403, code: 7)
            #expect(denied.message == "not authorized to read project members")
            expectError(try await viewer.get("/v1/orgs/acme/projects/alpha/invites"), status: 403, code: 7)
            expectOK(try await admin.post("/v1/orgs/acme/projects/alpha/members", #"{"email":"editor@example.com","role":"editor"}"#))
            let editor = try #require(fixture.users["editor"])
            expectOK(try await editor.get("/v1/orgs/acme/projects/alpha/members"))
            expectOK(try await editor.post("/v1/orgs/acme/projects/alpha/members", #"{"email":"viewer@example.com","role":"editor"}"#))
            expectError(try await editor.post("/v1/orgs/acme/projects/alpha/members", #"{"email":"viewer@example.com","role":"admin"}"#),
                        status: 403, code: 7, contains: "as a non-admin you are not allowed to assign an admin role")
            expectError(try await editor.delete("/v1/orgs/acme/projects/alpha/members/admin@rillform.local"), status: 403, code: 7,
                        contains: "as a non-admin you are not allowed to remove an admin")
            let filtered = expectOK(try await admin.get("/v1/orgs/acme/projects/alpha/members?role=editor"))["members"]?.arrayValue ?? []
            #expect(filtered.compactMap { $0["userEmail"]?.stringValue } == ["editor@example.com", "viewer@example.com"])
            expectError(try await admin.get("/v1/orgs/acme/projects/alpha/members?role=owner"), status: 404, code: 5)
            // A service with the org admin role manages members like an org admin.
            expectOK(try await #require(fixture.services["svc-admin"]).post(
                "/v1/orgs/acme/projects/alpha/members", #"{"email":"later@example.com","role":"viewer"}"#))
        }
    }

    /// Org members reach projects through autogroup:members and the org's default project role: clearing it
    /// means new projects are visible to their creator, org admins and explicit members only.
    @Test func defaultProjectRoleDecidesWhatOrgMembersSee() async throws {
        try await withEmulator { emulator in
            let fixture = try await Fixture.make(emulator)
            let admin = fixture.admin
            expectOK(try await admin.patch("/v1/orgs/acme", #"{"defaultProjectRole":""}"#))
            expectOK(try await admin.post("/v1/orgs/acme/projects", #"{"project":"gamma","skipDeploy":true}"#))
            let viewer = try #require(fixture.users["viewer"])
            expectError(try await viewer.get("/v1/orgs/acme/projects/gamma"), status: 403, code: 7)
            let groups = expectOK(try await admin.get("/v1/orgs/acme/project/gamma/usergroups"))["members"]?.arrayValue ?? []
            #expect(groups.isEmpty)
            expectOK(try await admin.patch("/v1/orgs/acme", #"{"defaultProjectRole":"editor"}"#))
            expectOK(try await admin.post("/v1/orgs/acme/projects", #"{"project":"delta","skipDeploy":true}"#))
            #expect(expectOK(try await viewer.get("/v1/orgs/acme/projects/delta"))["projectPermissions"]?["manageDev"]?.boolValue == true)
        }
    }

    private func alphaMember(_ http: EmulatorHTTP, _ email: String) async throws -> JSON {
        let members = expectOK(try await http.get("/v1/orgs/acme/projects/alpha/members"))["members"]?.arrayValue ?? []
        return try #require(members.first { $0["userEmail"]?.stringValue == email })
    }
}
