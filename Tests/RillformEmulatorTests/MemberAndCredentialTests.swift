import Foundation
@testable import RillformEmulator
import RillformTestSupport
import Testing

@Suite struct MemberTests {
    @Test func orgMembersAndInvites() async throws {
        try await withEmulator { emulator in
            let admin = EmulatorHTTP(emulator, token: try #require(emulator.adminToken))
            expectOK(try await admin.post("/v1/orgs", #"{"name":"acme"}"#))
            let viewerToken = try await emulator.createUser(email: "v@example.com")
            let added = expectOK(try await admin.post("/v1/orgs/acme/members", #"{"email":"v@example.com","role":"viewer"}"#))
            #expect(added["pendingSignup"]?.boolValue == false)
            expectError(try await admin.post("/v1/orgs/acme/members", #"{"email":"v@example.com","role":"viewer"}"#), status: 409, code: 6)
            let invited = expectOK(try await admin.post("/v1/orgs/acme/members", #"{"email":"new@example.com","role":"editor"}"#))
            #expect(invited["pendingSignup"]?.boolValue == true)
            expectError(try await admin.post("/v1/orgs/acme/members", #"{"email":"v@example.com","role":"owner"}"#), status: 400, code: 3)

            let viewer = admin.with(token: viewerToken)
            #expect(expectOK(try await viewer.get("/v1/orgs"))["organizations"]?.arrayValue.count == 1)
            #expect(expectOK(try await viewer.get("/v1/orgs/acme"))["permissions"]?["createProjects"]?.boolValue == false)
            expectError(try await viewer.post("/v1/orgs/acme/projects", #"{"project":"x"}"#), status: 403, code: 7)
            expectOK(try await admin.put("/v1/orgs/acme/members/v@example.com", #"{"role":"editor"}"#))
            expectOK(try await viewer.post("/v1/orgs/acme/projects", #"{"project":"x"}"#))
            let members = expectOK(try await admin.get("/v1/orgs/acme/members"))
            #expect(members["members"]?.arrayValue.compactMap { $0["userEmail"]?.stringValue } == ["admin@rillform.local", "v@example.com"])
            // The last admin can't be removed or demoted.
            expectError(try await admin.put("/v1/orgs/acme/members/admin@rillform.local", #"{"role":"viewer"}"#), status: 400, code: 9)
            expectOK(try await admin.delete("/v1/orgs/acme/members/v@example.com"))
            expectError(try await viewer.get("/v1/orgs/acme"), status: 403, code: 7)
            expectError(try await admin.put("/v1/orgs/acme/members/v@example.com", #"{"role":"viewer"}"#), status: 404, code: 5)
        }
    }

    @Test func guestsSeeOnlyTheirProjects() async throws {
        try await withEmulator { emulator in
            let fixture = try await Fixture.make(emulator)
            let guest = try #require(fixture.users["guest"])
            let orgView = expectOK(try await guest.get("/v1/orgs/acme"))
            #expect(orgView["permissions"]?["guest"]?.boolValue == true)
            let projects = expectOK(try await guest.get("/v1/orgs/acme/projects"))
            #expect(projects["projects"]?.arrayValue.compactMap { $0["name"]?.stringValue } == ["alpha"])
            expectError(try await guest.get("/v1/orgs/acme/projects/beta"), status: 403, code: 7)
            let viewer = try #require(fixture.users["viewer"])
            let all = expectOK(try await viewer.get("/v1/orgs/acme/projects"))
            #expect(all["projects"]?.arrayValue.compactMap { $0["name"]?.stringValue } == ["alpha", "beta"])
            let projectOnly = try #require(fixture.services["svc-project"])
            let visible = expectOK(try await projectOnly.get("/v1/orgs/acme/projects"))
            #expect(visible["projects"]?.arrayValue.compactMap { $0["name"]?.stringValue } == ["alpha"])
            // Project members: update and remove.
            expectOK(try await fixture.admin.put("/v1/orgs/acme/projects/alpha/members/guest@example.com", #"{"role":"editor"}"#))
            #expect(expectOK(try await guest.get("/v1/orgs/acme/projects/alpha"))["projectPermissions"]?["manageProd"]?.boolValue == true)
            expectOK(try await fixture.admin.delete("/v1/orgs/acme/projects/alpha/members/guest@example.com"))
            expectError(try await guest.get("/v1/orgs/acme/projects/alpha"), status: 403, code: 7)
            expectError(try await fixture.admin.delete("/v1/orgs/acme/projects/alpha/members/guest@example.com"), status: 404, code: 5)
        }
    }
}

@Suite struct CredentialTests {
    @Test func projectCredentials() async throws {
        try await withEmulator { emulator in
            let fixture = try await Fixture.make(emulator)
            for path in ["/v1/orgs/acme/projects/alpha/credentials", "/v1/organizations/acme/projects/alpha/credentials"] {
                let creds = expectOK(try await fixture.admin.post(path, #"{"ttl_seconds":60,"attributes":{"team":"x"}}"#))
                #expect(creds["runtimeHost"]?.stringValue?.hasPrefix("http") == true)
                #expect(creds["instanceId"]?.stringValue?.isEmpty == false)
                #expect(creds["accessToken"]?.stringValue?.split(separator: ".").count == 3)
                #expect(creds["ttlSeconds"]?.intValue == 60)
            }
            let defaults = expectOK(try await fixture.admin.post("/v1/orgs/acme/projects/alpha/credentials", #"{"userEmail":"viewer@example.com"}"#))
            #expect((defaults["ttlSeconds"]?.intValue ?? 0) > 0)
            expectError(
                try await fixture.admin.post("/v1/orgs/acme/projects/alpha/credentials", #"{"userEmail":"a@b.c","attributes":{}}"#),
                status: 400, code: 3)
            expectError(try await fixture.admin.post("/v1/orgs/acme/projects/beta/credentials"), status: 400, code: 9)
            // A viewer may read their own credentials but not mint them for someone else.
            let viewer = try #require(fixture.users["viewer"])
            expectOK(try await viewer.post("/v1/orgs/acme/projects/alpha/credentials"))
            expectError(try await viewer.post("/v1/orgs/acme/projects/alpha/credentials", #"{"attributes":{"a":1}}"#), status: 403, code: 7)
            expectError(try await fixture.outsider.post("/v1/orgs/acme/projects/alpha/credentials"), status: 403, code: 7)
        }
    }
}
