import Foundation
@testable import RillformEmulator
import RillformTestSupport
import Testing

/// Usergroups as admin/server/usergroups.go handles them, managed autogroups included.
@Suite struct UsergroupTests {
    /// An org is created with autogroup:users/members/guests, whose members follow the org roles.
    @Test func managedGroupsComeWithTheOrgAndFollowRoles() async throws {
        try await withEmulator { emulator in
            let fixture = try await Fixture.make(emulator)
            let admin = fixture.admin
            let listed = expectOK(try await admin.get("/v1/orgs/acme/usergroups?includeCounts=true"))["members"]?.arrayValue ?? []
            let counts = Dictionary(uniqueKeysWithValues: listed.compactMap { group -> (String, Int)? in
                guard let name = group["groupName"]?.stringValue, group["groupManaged"]?.boolValue == true else { return nil }
                return (name, group["usersCount"]?.intValue ?? -1)
            })
            #expect(counts == ["autogroup:guests": 1, "autogroup:members": 3, "autogroup:users": 4])
            #expect(listed.allSatisfy { $0["roleName"]?.stringValue == "" })
            // Without includeCounts the counts are zero.
            let plain = expectOK(try await admin.get("/v1/orgs/acme/usergroups"))["members"]?.arrayValue ?? []
            #expect(plain.allSatisfy { $0["usersCount"]?.intValue == 0 })
            // A role change moves the user between autogroup:members and autogroup:guests.
            expectOK(try await admin.put("/v1/orgs/acme/members/guest@example.com", #"{"role":"viewer"}"#))
            let guests = expectOK(try await admin.get("/v1/orgs/acme/usergroups/autogroup:guests/members"))
            #expect(guests["members"]?.arrayValue.isEmpty == true)
            let members = expectOK(try await admin.get("/v1/orgs/acme/usergroups/AUTOGROUP:MEMBERS/members"))
            #expect(members["members"]?.arrayValue.compactMap { $0["userEmail"]?.stringValue }
                == ["admin@rillform.local", "editor@example.com", "guest@example.com", "viewer@example.com"])
            let group = expectOK(try await admin.get("/v1/orgs/acme/usergroups/autogroup:users"))["usergroup"]
            #expect(group?["managed"]?.boolValue == true)
        }
    }

    /// Every handler that edits a group refuses managed ones (400 "cannot edit managed user group"), after the
    /// lookup and the permission check; project roles are allowed.
    @Test func managedGroupsRefuseEditsButTakeProjectRoles() async throws {
        try await withEmulator { emulator in
            let fixture = try await Fixture.make(emulator)
            let admin = fixture.admin
            let base = "/v1/orgs/acme/usergroups/autogroup:members"
            let refusals: [HTTPResult] = [
                try await admin.post(base, #"{"name":"everyone"}"#),
                try await admin.put(base, #"{"description":"x"}"#),
                try await admin.delete(base),
                try await admin.put(base + "/members/outsider@example.com"),
                try await admin.delete(base + "/members/viewer@example.com"),
                try await admin.post(base + "/role", #"{"role":"viewer"}"#),
                try await admin.put(base + "/role", #"{"role":"viewer"}"#),
                try await admin.delete(base + "/role"),
            ]
            for refusal in refusals {
                expectError(refusal, status: 400, code: 3)
                #expect(refusal.message == "cannot edit managed user group")
            }
            // The permission check comes first.
            let viewer = try #require(fixture.users["viewer"])
            expectError(try await viewer.delete(base), status: 403, code: 7, contains: "not allowed to delete org user group")
            // Project roles: CreateProject gave autogroup:members the default role; guests can be granted one.
            let groups = expectOK(try await admin.get("/v1/orgs/acme/project/beta/usergroups"))["members"]?.arrayValue ?? []
            #expect(groups.map { [$0["groupName"]?.stringValue, $0["roleName"]?.stringValue] } == [["autogroup:members", "viewer"]])
            let guest = try #require(fixture.users["guest"])
            expectError(try await guest.get("/v1/orgs/acme/projects/beta"), status: 403, code: 7)
            expectOK(try await admin.post("/v1/orgs/acme/projects/beta/usergroups/autogroup:guests/roles", #"{"role":"viewer"}"#))
            expectOK(try await guest.get("/v1/orgs/acme/projects/beta"))
            // Members of the org lose beta when autogroup:members loses its role.
            expectOK(try await admin.delete("/v1/orgs/acme/projects/beta/usergroups/autogroup:members/roles"))
            expectError(try await viewer.get("/v1/orgs/acme/projects/beta"), status: 403, code: 7)
            let names = expectOK(try await viewer.get("/v1/orgs/acme/projects"))["projects"]?.arrayValue
                .compactMap { $0["name"]?.stringValue }
            #expect(names == ["alpha"])
        }
    }

    /// Create, get, rename, describe, delete; names validated on create only; lookups case-insensitive.
    @Test func groupLifecycleAndErrors() async throws {
        try await withEmulator { emulator in
            let fixture = try await Fixture.make(emulator)
            let admin = fixture.admin
            let created = expectOK(try await admin.post("/v1/orgs/acme/usergroups", #"{"name":"analysts"}"#))
            #expect(created["usergroup"]?["groupName"]?.stringValue == "analysts")
            #expect(created["usergroup"]?["managed"]?.boolValue == false)
            expectError(try await admin.post("/v1/orgs/acme/usergroups", #"{"name":"Analysts"}"#), status: 409, code: 6,
                        contains: "a usergroup with that name already exists in the org")
            let badName = try await admin.post("/v1/orgs/acme/usergroups", #"{"name":"autogroup:mine"}"#)
            expectError(badName, status: 500, code: 13)
            #expect(badName.message == "Key: 'InsertUsergroupOptions.Name' Error:Field validation for 'Name' failed on the 'slug' tag")
            expectError(try await admin.post("/v1/orgs/nope/usergroups", #"{"name":"x-team"}"#), status: 404, code: 5,
                        contains: "org not found")
            let viewer = try #require(fixture.users["viewer"])
            expectError(try await viewer.post("/v1/orgs/acme/usergroups", #"{"name":"v-team"}"#), status: 403, code: 7,
                        contains: "not allowed to add org user group")
            // Editors have manageOrgMembers.
            expectOK(try await #require(fixture.users["editor"]).post("/v1/orgs/acme/usergroups", #"{"name":"e-team"}"#))

            expectOK(try await admin.put("/v1/orgs/acme/usergroups/ANALYSTS", #"{"description":"Reads dashboards"}"#))
            expectOK(try await admin.post("/v1/orgs/acme/usergroups/analysts", #"{"name":"data analysts"}"#))
            let renamed = expectOK(try await admin.get("/v1/orgs/acme/usergroups/data%20analysts"))["usergroup"]
            #expect(renamed?["groupDescription"]?.stringValue == "Reads dashboards")
            expectError(try await admin.get("/v1/orgs/acme/usergroups/analysts"), status: 404, code: 5, contains: "usergroup not found")
            expectError(try await admin.post("/v1/orgs/acme/usergroups/e-team", #"{"name":"DATA ANALYSTS"}"#), status: 409, code: 6)
            // Lookup before permission: an unknown group is 404 even for someone without access.
            expectError(try await fixture.outsider.get("/v1/orgs/acme/usergroups/nope"), status: 404, code: 5)
            expectError(try await fixture.outsider.get("/v1/orgs/acme/usergroups/e-team"), status: 403, code: 7,
                        contains: "not allowed to get org user group")
            expectOK(try await admin.delete("/v1/orgs/acme/usergroups/e-team"))
            expectError(try await admin.delete("/v1/orgs/acme/usergroups/e-team"), status: 404, code: 5)
        }
    }

    /// AddUsergroupMemberUser needs an org member (or a pending invite); RemoveUsergroupMemberUser 404s cleanly.
    @Test func groupMembers() async throws {
        try await withEmulator { emulator in
            let fixture = try await Fixture.make(emulator)
            let admin = fixture.admin
            expectOK(try await admin.post("/v1/orgs/acme/usergroups", #"{"name":"team"}"#))
            let path = "/v1/orgs/acme/usergroups/team/members"
            let outsider = try await admin.put(path + "/outsider@example.com")
            expectError(outsider, status: 400, code: 9)
            #expect(outsider.message == "user is not a member of the organization")
            expectError(try await admin.put(path + "/nobody@example.com"), status: 400, code: 9)
            expectOK(try await admin.put(path + "/viewer@example.com"))
            expectOK(try await admin.put(path + "/guest@example.com"))
            expectError(try await admin.put(path + "/viewer@example.com"), status: 409, code: 6,
                        contains: "user is already a member of the usergroup")
            let listed = expectOK(try await admin.get(path))["members"]?.arrayValue.compactMap { $0["userEmail"]?.stringValue }
            #expect(listed == ["guest@example.com", "viewer@example.com"])
            // Readers need readOrgMembers.
            expectOK(try await #require(fixture.users["editor"]).get(path))
            expectError(try await #require(fixture.users["viewer"]).get(path), status: 403, code: 7,
                        contains: "not allowed to list user group members")
            expectOK(try await admin.delete(path + "/viewer@example.com"))
            expectError(try await admin.delete(path + "/viewer@example.com"), status: 404, code: 5, contains: "usergroup member not found")
            expectError(try await admin.delete(path + "/nobody@example.com"), status: 404, code: 5, contains: "user not found")
            // A group with the admin role can only be edited by someone with manageOrgAdmins.
            expectOK(try await admin.post("/v1/orgs/acme/usergroups/team/role", #"{"role":"admin"}"#))
            let editor = try #require(fixture.users["editor"])
            expectError(try await editor.put(path + "/viewer@example.com"), status: 403, code: 7,
                        contains: "as a non-admin you are not allowed to edit a group that has an admin role")
        }
    }

    /// Org roles of groups: Add (409 if present), Set (404 if absent), Remove; members get the role's permissions.
    @Test func groupOrgRoles() async throws {
        try await withEmulator { emulator in
            let fixture = try await Fixture.make(emulator)
            let admin = fixture.admin
            expectOK(try await admin.post("/v1/orgs/acme/usergroups", #"{"name":"builders"}"#))
            expectOK(try await admin.put("/v1/orgs/acme/usergroups/builders/members/viewer@example.com"))
            let viewer = try #require(fixture.users["viewer"])
            expectError(try await viewer.post("/v1/orgs/acme/projects", #"{"project":"via-group","skipDeploy":true}"#), status: 403, code: 7)
            let role = "/v1/orgs/acme/usergroups/builders/role"
            expectError(try await admin.put(role, #"{"role":"editor"}"#), status: 404, code: 5, contains: "org group member not found")
            expectError(try await admin.post(role, #"{"role":"owner"}"#), status: 404, code: 5, contains: "org role not found")
            expectOK(try await admin.post(role, #"{"role":"editor"}"#))
            expectError(try await admin.post(role, #"{"role":"viewer"}"#), status: 409, code: 6)
            expectOK(try await viewer.post("/v1/orgs/acme/projects", #"{"project":"via-group","skipDeploy":true}"#))
            let listed = expectOK(try await admin.get("/v1/orgs/acme/usergroups?role=editor"))["members"]?.arrayValue ?? []
            #expect(listed.compactMap { $0["groupName"]?.stringValue } == ["builders"])
            let editor = try #require(fixture.users["editor"])
            expectError(try await editor.put(role, #"{"role":"admin"}"#), status: 403, code: 7,
                        contains: "as a non-admin you are not allowed to assign an admin role")
            expectOK(try await admin.put(role, #"{"role":"admin"}"#))
            expectError(try await editor.put(role, #"{"role":"viewer"}"#), status: 403, code: 7,
                        contains: "as a non-admin you are not allowed to remove an admin role")
            expectError(try await editor.delete(role), status: 403, code: 7,
                        contains: "as a non-admin you are not allowed to remove an admin role")
            expectOK(try await admin.delete(role))
            expectError(try await admin.delete(role), status: 404, code: 5, contains: "org group member not found")
            expectError(try await viewer.post("/v1/orgs/acme/projects", #"{"project":"via-group-2","skipDeploy":true}"#), status: 403, code: 7)
        }
    }

    /// Project roles of groups: Add/Set/Remove with Rill's errors and checks in order.
    @Test func groupProjectRoles() async throws {
        try await withEmulator { emulator in
            let fixture = try await Fixture.make(emulator)
            let admin = fixture.admin
            expectOK(try await admin.post("/v1/orgs/acme/usergroups", #"{"name":"devs"}"#))
            expectOK(try await admin.put("/v1/orgs/acme/usergroups/devs/members/editor@example.com"))
            let path = "/v1/orgs/acme/projects/beta/usergroups/devs/roles"
            let editor = try #require(fixture.users["editor"])
            expectError(try await editor.patch("/v1/orgs/acme/projects/beta", #"{"description":"x"}"#), status: 403, code: 7)
            expectError(try await admin.put(path, #"{"role":"admin"}"#), status: 404, code: 5, contains: "project group member role not found")
            expectError(try await admin.post(path, #"{"role":"owner"}"#), status: 404, code: 5, contains: "project role not found")
            expectError(try await admin.post("/v1/orgs/acme/projects/nope/usergroups/devs/roles", #"{"role":"viewer"}"#),
                        status: 404, code: 5, contains: "project not found")
            expectError(try await admin.post("/v1/orgs/acme/projects/beta/usergroups/nope/roles", #"{"role":"viewer"}"#),
                        status: 404, code: 5, contains: "usergroup not found")
            expectOK(try await admin.post(path, #"{"role":"editor","resources":[{"type":"rill.runtime.v1.Explore","name":"sales"}]}"#))
            expectError(try await admin.post(path, #"{"role":"viewer"}"#), status: 409, code: 6,
                        contains: "usergroup is already a member of the project")
            #expect(expectOK(try await editor.get("/v1/orgs/acme/projects/beta"))["projectPermissions"]?["manageDev"]?.boolValue == true)
            let listed = expectOK(try await admin.get("/v1/orgs/acme/project/beta/usergroups?role=editor"))["members"]?.arrayValue ?? []
            let devs = try #require(listed.first)
            #expect(devs["groupName"]?.stringValue == "devs")
            #expect(devs["restrictResources"]?.boolValue == true)
            #expect(devs["resources"]?.arrayValue.count == 1)
            // Set keeps the resources when neither field is sent.
            expectOK(try await admin.put(path, #"{"role":"admin"}"#))
            let after = expectOK(try await admin.get("/v1/orgs/acme/project/beta/usergroups?role=admin"))["members"]?.arrayValue ?? []
            #expect(after.first?["restrictResources"]?.boolValue == true)
            expectOK(try await editor.patch("/v1/orgs/acme/projects/beta", #"{"description":"x"}"#))
            // Project viewers cannot manage project members; the listing needs readProjectMembers.
            let viewer = try #require(fixture.users["viewer"])
            expectError(try await viewer.post(path, #"{"role":"viewer"}"#), status: 403, code: 7,
                        contains: "not allowed to add project user group role")
            expectError(try await viewer.get("/v1/orgs/acme/project/beta/usergroups"), status: 403, code: 7,
                        contains: "not allowed to list project user groups")
            expectOK(try await admin.delete(path))
            expectError(try await admin.delete(path), status: 404, code: 5, contains: "project group member role not found")
            // Deleting a group removes its roles.
            expectOK(try await admin.post(path, #"{"role":"viewer"}"#))
            expectOK(try await admin.delete("/v1/orgs/acme/usergroups/devs"))
            let remaining = expectOK(try await admin.get("/v1/orgs/acme/project/beta/usergroups"))["members"]?.arrayValue ?? []
            #expect(remaining.compactMap { $0["groupName"]?.stringValue } == ["autogroup:members"])
        }
    }

    /// Every usergroup method goes through the per-method limiter: one method's budget does not spend another's.
    @Test func usergroupMethodsAreRateLimitedPerMethod() async throws {
        try await withEmulator({ options in
            options.rateLimitEnabled = true
            options.rateLimitPerMinute = 3
        }) { emulator in
            let admin = EmulatorHTTP(emulator, token: try #require(emulator.adminToken) as String)
            expectOK(try await admin.post("/v1/orgs", #"{"name":"acme"}"#))
            for _ in 0..<3 { expectOK(try await admin.get("/v1/orgs/acme/usergroups")) }
            let limited = try await admin.get("/v1/orgs/acme/usergroups")
            expectError(limited, status: 429, code: 8, contains: "Rate limit exceeded. Try again in ")
            #expect(limited.headers["retry-after"] == nil)
            expectOK(try await admin.get("/v1/orgs/acme/whitelisted"))
            expectOK(try await admin.get("/v1/orgs/acme/invites"))
        }
    }
}
