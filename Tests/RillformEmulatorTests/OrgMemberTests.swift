import Foundation
@testable import RillformEmulator
import RillformTestSupport
import Testing

/// Org members, invites, attributes and signup, as admin/server/organizations.go and admin/users.go do them.
@Suite struct OrgMemberTests {
    /// RemoveOrganizationMemberUser and SetOrganizationMemberUserRole refuse the billing-email user and the last
    /// admin with 400, in that order, after the permission checks.
    @Test func lastAdminAndBillingEmailAreRefused() async throws {
        try await withEmulator { emulator in
            let fixture = try await Fixture.make(emulator)
            let admin = fixture.admin
            // The creator is the billing email: removing them is refused before the last-admin check.
            let billing = try await admin.delete("/v1/orgs/acme/members/admin@rillform.local")
            expectError(billing, status: 400, code: 3)
            #expect(billing.message
                == "this user is the billing email for the organization, please update the billing email before removing")
            expectOK(try await admin.patch("/v1/orgs/acme", #"{"billingEmail":"editor@example.com"}"#))
            let editorIsBilling = try await admin.delete("/v1/orgs/acme/members/editor@example.com")
            expectError(editorIsBilling, status: 400, code: 3, contains: "this user is the billing email")
            expectOK(try await admin.patch("/v1/orgs/acme", #"{"billingEmail":"finance@example.com"}"#))
            // Now the only admin: removal and demotion are refused.
            let last = try await admin.delete("/v1/orgs/acme/members/admin@rillform.local")
            expectError(last, status: 400, code: 3)
            #expect(last.message == "cannot remove the last admin member")
            expectError(try await admin.put("/v1/orgs/acme/members/admin@rillform.local", #"{"role":"editor"}"#),
                        status: 400, code: 3, contains: "cannot remove the last admin member")
            // An admin through a usergroup does not count as another admin.
            expectOK(try await admin.post("/v1/orgs/acme/usergroups", #"{"name":"admins"}"#))
            expectOK(try await admin.post("/v1/orgs/acme/usergroups/admins/role", #"{"role":"admin"}"#))
            expectOK(try await admin.put("/v1/orgs/acme/usergroups/admins/members/editor@example.com"))
            expectError(try await admin.delete("/v1/orgs/acme/members/admin@rillform.local"), status: 400, code: 3,
                        contains: "cannot remove the last admin member")
            // With a second direct admin, the first may go (even themself).
            expectOK(try await admin.put("/v1/orgs/acme/members/viewer@example.com", #"{"role":"admin"}"#))
            expectOK(try await admin.delete("/v1/orgs/acme/members/admin@rillform.local"))
            expectError(try await admin.get("/v1/orgs/acme"), status: 403, code: 7)
            let viewer = try #require(fixture.users["viewer"])
            let members = expectOK(try await viewer.get("/v1/orgs/acme/members"))["members"]?.arrayValue ?? []
            #expect(!members.contains { $0["userEmail"]?.stringValue == "admin@rillform.local" })
        }
    }

    /// DeleteOrganizationMemberUser drops the user's project roles and usergroup memberships in the org.
    @Test func removalDropsProjectRolesAndGroupMemberships() async throws {
        try await withEmulator { emulator in
            let fixture = try await Fixture.make(emulator)
            let admin = fixture.admin
            expectOK(try await admin.post("/v1/orgs/acme/projects/beta/members", #"{"email":"editor@example.com","role":"admin"}"#))
            expectOK(try await admin.post("/v1/orgs/acme/usergroups", #"{"name":"team"}"#))
            expectOK(try await admin.put("/v1/orgs/acme/usergroups/team/members/editor@example.com"))
            expectOK(try await admin.delete("/v1/orgs/acme/members/editor@example.com"))
            let groupMembers = expectOK(try await admin.get("/v1/orgs/acme/usergroups/team/members"))
            #expect(groupMembers["members"]?.arrayValue.isEmpty == true)
            let projectMembers = expectOK(try await admin.get("/v1/orgs/acme/projects/beta/members"))
            #expect(projectMembers["members"]?.arrayValue.compactMap { $0["userEmail"]?.stringValue } == ["admin@rillform.local"])
            // Re-adding them starts from nothing.
            expectOK(try await admin.post("/v1/orgs/acme/members", #"{"email":"editor@example.com","role":"viewer"}"#))
            let editor = try #require(fixture.users["editor"])
            expectError(try await editor.patch("/v1/orgs/acme/projects/beta", #"{"description":"x"}"#), status: 403, code: 7)
        }
    }

    /// AddOrganizationMemberUser with an unknown email invites; ListOrganizationInvites lists the invite; signup
    /// (admin.CreateOrUpdateUser) turns it into a membership with the invite's role and usergroups.
    @Test func invitesBecomeMembershipsAtSignUp() async throws {
        try await withEmulator { emulator in
            let fixture = try await Fixture.make(emulator)
            let admin = fixture.admin
            let invited = expectOK(try await admin.post("/v1/orgs/acme/members", #"{"email":"new@corp.example","role":"viewer"}"#))
            #expect(invited["pendingSignup"]?.boolValue == true)
            // A repeat invite takes the new role.
            expectOK(try await admin.post("/v1/orgs/acme/members", #"{"email":"new@corp.example","role":"editor"}"#))
            expectOK(try await admin.post("/v1/orgs/acme/usergroups", #"{"name":"analysts"}"#))
            expectOK(try await admin.put("/v1/orgs/acme/usergroups/analysts/members/new@corp.example"))
            let invites = expectOK(try await admin.get("/v1/orgs/acme/invites"))
            #expect(invites["totalCount"]?.intValue == 1)
            let invite = try #require(invites["invites"]?.arrayValue.first)
            #expect(invite["email"]?.stringValue == "new@corp.example")
            #expect(invite["roleName"]?.stringValue == "editor")
            #expect(invite["invitedBy"]?.stringValue == "admin@rillform.local")
            #expect(!(expectOK(try await admin.get("/v1/orgs/acme/members"))["members"]?.arrayValue ?? [])
                .contains { $0["userEmail"]?.stringValue == "new@corp.example" })
            // Readers: invites need readOrgMembers (editor yes, viewer no); the org lookup is wrapped (400).
            expectOK(try await #require(fixture.users["editor"]).get("/v1/orgs/acme/invites"))
            expectError(try await #require(fixture.users["viewer"]).get("/v1/orgs/acme/invites"), status: 403, code: 7,
                        contains: "not authorized to read org members")
            expectError(try await admin.get("/v1/orgs/nope/invites"), status: 400, code: 3, contains: "org not found")

            let token = try await emulator.signUpUser(email: "new@corp.example")
            let newcomer = admin.with(token: token)
            let org = expectOK(try await newcomer.get("/v1/orgs/acme"))
            #expect(org["permissions"]?["createProjects"]?.boolValue == true)
            #expect(expectOK(try await admin.get("/v1/orgs/acme/invites"))["invites"]?.arrayValue.isEmpty == true)
            let group = expectOK(try await admin.get("/v1/orgs/acme/usergroups/analysts/members"))
            #expect(group["members"]?.arrayValue.compactMap { $0["userEmail"]?.stringValue } == ["new@corp.example"])
            // Signing up again is a login: nothing changes, a token is issued.
            let again = admin.with(token: try await emulator.signUpUser(email: "new@corp.example"))
            expectOK(try await again.get("/v1/orgs/acme"))
        }
    }

    /// UpdateOrganizationMemberUserAttributes replaces the attributes (no merge); ListOrganizationMemberUsers
    /// returns them; managers only; an unknown email is 400, a non-member 200 with no effect.
    @Test func attributesAreReplacedNotMerged() async throws {
        try await withEmulator { emulator in
            let fixture = try await Fixture.make(emulator)
            let admin = fixture.admin
            let path = "/v1/orgs/acme/members/viewer@example.com/attributes"
            expectOK(try await admin.put(path, #"{"attributes":{"region":"eu","tier":2}}"#))
            #expect(try await attributes(admin, "viewer@example.com") == ["region": .string("eu"), "tier": .number(2)])
            expectOK(try await admin.put(path, #"{"attributes":{"team":"sales"}}"#))
            #expect(try await attributes(admin, "viewer@example.com") == ["team": .string("sales")])
            expectOK(try await admin.put(path, "{}"))
            #expect(try await attributes(admin, "viewer@example.com") == [:])
            let denied = try await #require(fixture.users["viewer"]).put(path, #"{"attributes":{"a":1}}"#)
            expectError(denied, status: 403, code: 7)
            #expect(denied.message == "not allowed to update org member attributes")
            expectError(try await admin.put("/v1/orgs/acme/members/ghost@example.com/attributes", #"{"attributes":{}}"#),
                        status: 400, code: 3, contains: "user not found")
            expectOK(try await admin.put("/v1/orgs/acme/members/outsider@example.com/attributes", #"{"attributes":{"a":1}}"#))
            expectError(try await admin.put("/v1/orgs/nope/members/viewer@example.com/attributes", "{}"), status: 400, code: 3)
        }
    }

    /// Permissions of the member handlers: readOrgMembers to list, manageOrgMembers to add (editors included),
    /// manageOrgAdmins for admin roles; service tokens with the role may do the same.
    @Test func memberPermissionsFollowRillsRoles() async throws {
        try await withEmulator { emulator in
            let fixture = try await Fixture.make(emulator)
            let editor = try #require(fixture.users["editor"])
            let viewer = try #require(fixture.users["viewer"])
            let add = try await viewer.post("/v1/orgs/acme/members", #"{"email":"x@example.com","role":"viewer"}"#)
            expectError(add, status: 403, code: 7)
            #expect(add.message == "not allowed to add org members")
            expectOK(try await editor.post("/v1/orgs/acme/members", #"{"email":"x@example.com","role":"viewer"}"#))
            expectError(try await editor.post("/v1/orgs/acme/members", #"{"email":"y@example.com","role":"admin"}"#),
                        status: 403, code: 7, contains: "as a non-admin you are not allowed to assign an admin role")
            expectError(try await editor.delete("/v1/orgs/acme/members/admin@rillform.local"), status: 400, code: 3,
                        contains: "billing email")
            expectOK(try await fixture.admin.patch("/v1/orgs/acme", #"{"billingEmail":"finance@example.com"}"#))
            expectError(try await editor.delete("/v1/orgs/acme/members/admin@rillform.local"), status: 403, code: 7,
                        contains: "as a non-admin you are not allowed to remove an admin member")
            let service = try #require(fixture.services["svc-admin"])
            #expect(expectOK(try await service.post("/v1/orgs/acme/members", #"{"email":"z@example.com","role":"admin"}"#))[
                "pendingSignup"]?.boolValue == true)
            let invites = expectOK(try await service.get("/v1/orgs/acme/invites"))["invites"]?.arrayValue ?? []
            #expect(invites.first { $0["email"]?.stringValue == "z@example.com" }?["invitedBy"]?.stringValue == "")
            expectError(try await #require(fixture.services["svc-viewer"]).get("/v1/orgs/acme/members"), status: 403, code: 7)
            expectError(try await fixture.anonymous.get("/v1/orgs/acme/members"), status: 403, code: 7)
        }
    }

    /// ListOrganizationMemberUsers: counts only with includeCounts (projects through groups too, usergroups
    /// including the managed ones), searchPattern on email or name, totalCount of the filtered set.
    @Test func memberListCountsAndSearch() async throws {
        try await withEmulator { emulator in
            let fixture = try await Fixture.make(emulator)
            let admin = fixture.admin
            let plain = expectOK(try await admin.get("/v1/orgs/acme/members"))
            #expect(plain["totalCount"]?.intValue == 4)
            #expect(plain["members"]?.arrayValue.allSatisfy { $0["projectsCount"]?.intValue == 0 } == true)
            let counted = expectOK(try await admin.get("/v1/orgs/acme/members?includeCounts=true"))
            let viewer = try #require(counted["members"]?.arrayValue.first { $0["userEmail"]?.stringValue == "viewer@example.com" })
            // alpha and beta through autogroup:members; autogroup:users and autogroup:members.
            #expect(viewer["projectsCount"]?.intValue == 2)
            #expect(viewer["usergroupsCount"]?.intValue == 2)
            let guest = try #require(counted["members"]?.arrayValue.first { $0["userEmail"]?.stringValue == "guest@example.com" })
            #expect(guest["roleName"]?.stringValue == "guest")
            #expect(guest["projectsCount"]?.intValue == 1)
            let search = expectOK(try await admin.get("/v1/orgs/acme/members?searchPattern=%25edit%25"))
            #expect(search["members"]?.arrayValue.compactMap { $0["userEmail"]?.stringValue } == ["editor@example.com"])
            #expect(search["totalCount"]?.intValue == 1)
            let guests = expectOK(try await admin.get("/v1/orgs/acme/members?role=guest"))
            #expect(guests["members"]?.arrayValue.count == 1)
        }
    }

    private func attributes(_ http: EmulatorHTTP, _ email: String) async throws -> [String: JSON] {
        let members = expectOK(try await http.get("/v1/orgs/acme/members"))["members"]?.arrayValue ?? []
        let member = try #require(members.first { $0["userEmail"]?.stringValue == email })
        return try #require(member["attributes"]?.objectValue)
    }
}
