import Foundation
@testable import RillformEmulator
import RillformTestSupport
import Testing

/// Behaviours ported from admin/server/service.go (v0.78.1) that earlier emulator versions got wrong.
@Suite struct ServiceConformanceTests {
    private func setUp(_ emulator: RunningEmulator) async throws -> EmulatorHTTP {
        let token: String = try #require(emulator.adminToken)
        let admin = EmulatorHTTP(emulator, token: token)
        expectOK(try await admin.post("/v1/orgs", #"{"name":"acme"}"#))
        expectOK(try await admin.post("/v1/orgs/acme/projects", #"{"project":"alpha","skipDeploy":true}"#))
        return admin
    }

    @Test func removingOrgRoleThatIsNotThereIs500() async throws {
        try await withEmulator { emulator in
            let admin = try await setUp(emulator)
            expectOK(try await admin.post("/v1/orgs/acme/services", #"{"name":"proj-only","project":"alpha","projectRoleName":"viewer"}"#))
            let removed = try await admin.delete("/v1/orgs/acme/services/proj-only/role")
            expectError(removed, status: 500, code: 13)
            #expect(removed.message == "service org member not found")
            let set = try await admin.put("/v1/orgs/acme/services/proj-only/role", #"{"role":"viewer"}"#)
            expectError(set, status: 500, code: 13)
            #expect(set.message == "service org member not found")
        }
    }

    @Test func unknownRoleNamesAre404AndRoleNamesIgnoreCase() async throws {
        try await withEmulator { emulator in
            let admin = try await setUp(emulator)
            expectOK(try await admin.post("/v1/orgs/acme/services", #"{"name":"bot","orgRoleName":"Viewer"}"#))
            let orgRole = try await admin.put("/v1/orgs/acme/services/bot/role", #"{"role":"owner"}"#)
            expectError(orgRole, status: 404, code: 5)
            #expect(orgRole.message == "org role not found")
            let projectRole = try await admin.put("/v1/orgs/acme/projects/alpha/services/bot/role", #"{"role":"owner"}"#)
            expectError(projectRole, status: 404, code: 5)
            #expect(projectRole.message == "project role not found")
            expectOK(try await admin.put("/v1/orgs/acme/services/bot/role", #"{"role":"EDITOR"}"#))
            expectOK(try await admin.put("/v1/orgs/acme/projects/alpha/services/bot/role", #"{"role":"Admin"}"#))
            let shown = expectOK(try await admin.get("/v1/orgs/acme/services/bot"))
            #expect(shown["service"]?["roleName"]?.stringValue == "editor")
            #expect(shown["projectMemberships"]?.arrayValue.first?["projectRoleName"]?.stringValue == "admin")
        }
    }

    @Test func badNamesAre500WithTheValidatorText() async throws {
        try await withEmulator { emulator in
            let admin = try await setUp(emulator)
            let path = "/v1/orgs/acme/services"
            let cases = [("ab", "slug"), ("", "min"), (String(repeating: "a", count: 41), "max"), ("-abc", "slug"), ("a b c", "slug")]
            for (name, tag) in cases {
                let result = try await admin.post(path, #"{"name":"\#(name)","orgRoleName":"viewer"}"#)
                expectError(result, status: 500, code: 13)
                #expect(result.message == "Key: 'InsertServiceOptions.Name' Error:Field validation for 'Name' failed on the '\(tag)' tag")
            }
            // The name is validated when the service is inserted, before the role is looked up.
            expectError(try await admin.post(path, #"{"name":"ab","orgRoleName":"owner"}"#), status: 500, code: 13)
            expectOK(try await admin.post(path, #"{"name":"_ok","orgRoleName":"viewer"}"#))
            let renamed = try await admin.patch("/v1/orgs/acme/services/_ok", #"{"newName":"x"}"#)
            expectError(renamed, status: 500, code: 13)
            #expect(renamed.message == "Key: 'UpdateServiceOptions.Name' Error:Field validation for 'Name' failed on the 'slug' tag")
            // Present-but-empty `newName` is set, not ignored.
            expectError(try await admin.patch("/v1/orgs/acme/services/_ok", #"{"newName":""}"#), status: 500, code: 13, contains: "'min' tag")
            #expect(expectOK(try await admin.get(path))["services"]?.arrayValue.count == 1)
        }
    }

    @Test func lookupsAreCaseSensitiveButUniquenessIsNot() async throws {
        try await withEmulator { emulator in
            let admin = try await setUp(emulator)
            let path = "/v1/orgs/acme/services"
            expectOK(try await admin.post(path, #"{"name":"analytics","orgRoleName":"viewer"}"#))
            expectError(try await admin.get("/v1/orgs/acme/services/Analytics"), status: 404, code: 5, contains: "service not found")
            let duplicate = try await admin.post(path, #"{"name":"Analytics","orgRoleName":"viewer"}"#)
            expectError(duplicate, status: 409, code: 6)
            #expect(duplicate.message == "a service with that name already exists in the org")
            expectOK(try await admin.post(path, #"{"name":"other","orgRoleName":"viewer"}"#))
            expectError(try await admin.patch("/v1/orgs/acme/services/other", #"{"newName":"ANALYTICS"}"#), status: 409, code: 6)
            // Changing only the case of its own name is allowed.
            let recased = expectOK(try await admin.patch("/v1/orgs/acme/services/analytics", #"{"newName":"Analytics"}"#))
            #expect(recased["service"]?["name"]?.stringValue == "Analytics")
            expectOK(try await admin.get("/v1/orgs/acme/services/Analytics"))
        }
    }

    @Test func updateDoesNotBumpUpdatedOn() async throws {
        try await withEmulator { emulator in
            let admin = try await setUp(emulator)
            let created = expectOK(try await admin.post("/v1/orgs/acme/services", #"{"name":"bot","orgRoleName":"viewer"}"#))
            let updatedOn = try #require(created["service"]?["updatedOn"]?.stringValue)
            try await Task.sleep(for: .milliseconds(30))
            let patched = expectOK(try await admin.patch("/v1/orgs/acme/services/bot", #"{"newName":"bot2","attributes":{"a":1}}"#))
            #expect(patched["service"]?["updatedOn"]?.stringValue == updatedOn)
            #expect(patched["service"]?["attributes"]?["a"]?.intValue == 1)
        }
    }

    @Test func notFoundCodesAndCheckOrderPerHandler() async throws {
        try await withEmulator { emulator in
            let fixture = try await Fixture.make(emulator)
            let admin = fixture.admin
            // Org misses: ListServices and CreateService wrap as InvalidArgument, the others return NotFound.
            expectError(try await admin.get("/v1/orgs/nope/services"), status: 400, code: 3, contains: "org not found")
            expectError(try await admin.get("/v1/orgs/nope/services/svc-admin"), status: 404, code: 5, contains: "org not found")
            expectError(try await admin.get("/v1/orgs/nope/services/svc-admin/tokens"), status: 404, code: 5)
            expectError(try await admin.get("/v1/orgs/acme/projects/nope/services"), status: 404, code: 5, contains: "project not found")
            expectError(try await admin.delete("/v1/orgs/acme/projects/alpha/services/svc-admin"), status: 404, code: 5,
                        contains: "service project member not found")

            // An org viewer: handlers that look up first answer 404 for a missing object, the others 403.
            let viewer = try #require(fixture.users["viewer"])
            expectError(try await viewer.delete("/v1/orgs/acme/services/ghost"), status: 404, code: 5)
            expectError(try await viewer.post("/v1/orgs/acme/services/ghost/tokens"), status: 404, code: 5)
            expectError(try await viewer.get("/v1/orgs/acme/projects/ghost/services"), status: 404, code: 5)
            let messages = [
                ("GET", "/v1/orgs/acme/services", "not allowed to list services"),
                ("GET", "/v1/orgs/acme/services/ghost", "not allowed to show service"),
                ("PATCH", "/v1/orgs/acme/services/ghost", "not allowed to update service"),
                ("PUT", "/v1/orgs/acme/services/ghost/role", "not allowed to update org"),
                ("DELETE", "/v1/orgs/acme/services/ghost/role", "not allowed to remove service"),
                ("GET", "/v1/orgs/acme/services/ghost/tokens", "not allowed to update org"),
                ("DELETE", "/v1/orgs/acme/services/svc-viewer", "not allowed to delete service"),
                ("POST", "/v1/orgs/acme/services/svc-viewer/tokens", "not allowed to update org"),
                ("GET", "/v1/orgs/acme/projects/alpha/services", "not allowed to list project services"),
                ("PUT", "/v1/orgs/acme/projects/ghost/services/ghost/role", "not allowed to update org"),
                ("DELETE", "/v1/orgs/acme/projects/ghost/services/ghost", "not allowed to remove service from project"),
                ("POST", "/v1/orgs/acme/services", "not allowed to create a service"),
            ]
            for (method, path, message) in messages {
                let result = try await viewer.send(method, path, body: method == "GET" || method == "DELETE" ? nil : #"{"role":"viewer"}"#)
                expectError(result, status: 403, code: 7)
                #expect(result.message == message, "\(method) \(path)")
            }
        }
    }

    @Test func tokensAreRillShapedAndRevokeChecksInOrder() async throws {
        try await withEmulator { emulator in
            let fixture = try await Fixture.make(emulator)
            let admin = fixture.admin
            let token = try #require(expectOK(try await admin.post("/v1/orgs/acme/services/svc-viewer/tokens"))["token"]?.stringValue)
            let body = token.dropFirst("rill_svc_".count)
            #expect(token.hasPrefix("rill_svc_") && (40...54).contains(body.count))
            #expect(body.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) })
            let listed = expectOK(try await admin.get("/v1/orgs/acme/services/svc-viewer/tokens"))["tokens"]?.arrayValue ?? []
            let mine = try #require(listed.first { token.hasPrefix($0["prefix"]?.stringValue ?? "-") })
            #expect(mine["prefix"]?.stringValue?.count == 19)
            let id = try #require(mine["id"]?.stringValue)
            #expect(UUID(uuidString: id) != nil)

            let malformed = try await admin.delete("/v1/services/tokens/not-a-uuid")
            expectError(malformed, status: 500, code: 13, contains: "invalid input syntax for type uuid")
            let missing = try await admin.delete("/v1/services/tokens/\(UUID().uuidString.lowercased())")
            expectError(missing, status: 404, code: 5)
            #expect(missing.message == "service auth token not found")
            let viewer = try #require(fixture.users["viewer"])
            let denied = try await viewer.delete("/v1/services/tokens/\(id)")
            expectError(denied, status: 403, code: 7)
            #expect(denied.message == "not allowed to revoke auth token")
            expectOK(try await admin.delete("/v1/services/tokens/\(id)"))
        }
    }

    @Test func base62MatchesGoBigIntText() {
        #expect(TokenFactory.base62([]) == "0")
        #expect(TokenFactory.base62([10]) == "a")
        #expect(TokenFactory.base62([61]) == "Z")
        #expect(TokenFactory.base62([62]) == "10")
        #expect(TokenFactory.base62([0, 1, 0]) == "48")
        #expect(TokenFactory.base62(Array(repeating: 0xFF, count: 40)).count == 54)
    }
}

/// Member handlers ported from admin/server/organizations.go and projects.go.
@Suite struct MemberConformanceTests {
    @Test func orgMemberRulesAndMessages() async throws {
        try await withEmulator { emulator in
            let fixture = try await Fixture.make(emulator)
            let admin = fixture.admin
            let editor = try #require(fixture.users["editor"])
            let viewer = try #require(fixture.users["viewer"])
            let assign = try await editor.put("/v1/orgs/acme/members/viewer@example.com", #"{"role":"admin"}"#)
            expectError(assign, status: 403, code: 7)
            #expect(assign.message == "as a non-admin you are not allowed to assign an admin role")
            let demote = try await editor.put("/v1/orgs/acme/members/admin@rillform.local", #"{"role":"viewer"}"#)
            expectError(demote, status: 403, code: 7, contains: "not allowed to remove an admin member")
            let denied = try await viewer.put("/v1/orgs/acme/members/editor@example.com", #"{"role":"viewer"}"#)
            expectError(denied, status: 403, code: 7)
            #expect(denied.message == "not allowed to set org members role")
            expectError(try await admin.put("/v1/orgs/acme/members/nobody@example.com", #"{"role":"viewer"}"#), status: 404, code: 5,
                        contains: "org invite not found")
            expectError(try await admin.put("/v1/orgs/acme/members/viewer@example.com", #"{"role":"owner"}"#), status: 400, code: 3,
                        contains: "org role not found")
            expectError(try await admin.get("/v1/orgs/acme/members?role=owner"), status: 404, code: 5)
            expectError(try await viewer.get("/v1/orgs/acme/members"), status: 403, code: 7, contains: "not authorized to read org members")
            // Invites: set-role updates them, remove deletes them.
            expectOK(try await admin.post("/v1/orgs/acme/members", #"{"email":"later@example.com","role":"viewer"}"#))
            expectOK(try await admin.put("/v1/orgs/acme/members/later@example.com", #"{"role":"editor"}"#))
            expectOK(try await admin.delete("/v1/orgs/acme/members/later@example.com"))
            expectError(try await admin.delete("/v1/orgs/acme/members/later@example.com"), status: 404, code: 5)
            // A member may leave on their own.
            expectOK(try await viewer.delete("/v1/orgs/acme/members/viewer@example.com"))
            expectError(try await viewer.get("/v1/orgs/acme"), status: 403, code: 7)
        }
    }

    @Test func projectMemberRulesAndMessages() async throws {
        try await withEmulator { emulator in
            let fixture = try await Fixture.make(emulator)
            let admin = fixture.admin
            // Re-adding a member is not an error (Rill re-sends the email) and keeps the role.
            expectOK(try await admin.post("/v1/orgs/acme/projects/alpha/members", #"{"email":"guest@example.com","role":"admin"}"#))
            let guest = try #require(fixture.users["guest"])
            #expect(expectOK(try await guest.get("/v1/orgs/acme/projects/alpha"))["projectPermissions"]?["manageProject"]?.boolValue == false)
            expectError(try await admin.post("/v1/orgs/acme/projects/nope/members", #"{"email":"guest@example.com","role":"viewer"}"#),
                        status: 400, code: 3, contains: "project not found")
            expectError(try await admin.post("/v1/orgs/acme/projects/alpha/members", #"{"email":"guest@example.com","role":"owner"}"#),
                        status: 400, code: 3, contains: "project role not found")
            let viewer = try #require(fixture.users["viewer"])
            let denied = try await viewer.put("/v1/orgs/acme/projects/alpha/members/guest@example.com", #"{"role":"viewer"}"#)
            expectError(denied, status: 403, code: 7)
            #expect(denied.message == "not allowed to set project member roles")
            expectError(try await admin.put("/v1/orgs/acme/projects/alpha/members/editor@example.com", #"{"role":"viewer"}"#),
                        status: 404, code: 5, contains: "project member role not found")
            // A project member may remove themself.
            expectOK(try await guest.delete("/v1/orgs/acme/projects/alpha/members/guest@example.com"))
            expectError(try await guest.get("/v1/orgs/acme/projects/alpha"), status: 403, code: 7)
        }
    }
}
