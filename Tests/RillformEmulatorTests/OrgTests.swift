import Foundation
@testable import RillformEmulator
import RillformTestSupport
import Testing

@Suite struct OrgTests {
    @Test func pingCurrentUserAndRoles() async throws {
        try await withEmulator { emulator in
            let admin = EmulatorHTTP(emulator, token: try #require(emulator.adminToken))
            let ping = expectOK(try await admin.get("/v1/ping"))
            #expect(ping["version"]?.stringValue?.isEmpty == false)
            #expect(ping["time"]?.stringValue?.hasSuffix("Z") == true)
            let me = expectOK(try await admin.get("/v1/users/current"))
            #expect(me["user"]?["email"]?.stringValue == "admin@rillform.local")
            let anonymous = expectOK(try await admin.with(token: nil).get("/v1/users/current"))
            #expect(anonymous["user"] == .null)
            let roles = expectOK(try await admin.get("/v1/roles"))
            let orgRoles = roles["organizationRoles"]?.arrayValue ?? []
            #expect(orgRoles.compactMap { $0["name"]?.stringValue } == ["admin", "editor", "viewer", "guest"])
            let editor = orgRoles.first { $0["name"]?.stringValue == "editor" }
            #expect(editor?["permissions"]?["createProjects"]?.boolValue == true)
            #expect(editor?["permissions"]?["manageOrg"]?.boolValue == false)
            #expect(roles["projectRoles"]?.arrayValue.count == 3)
        }
    }

    @Test func createGetPatchDelete() async throws {
        try await withEmulator { emulator in
            let admin = EmulatorHTTP(emulator, token: try #require(emulator.adminToken))
            let created = expectOK(try await admin.post("/v1/orgs", #"{"name":"acme","display_name":"Acme","extra":1}"#))
            #expect(created["organization"]?["displayName"]?.stringValue == "Acme")
            #expect(created["organization"]?["quotas"]?["storageLimitBytesPerDeployment"]?.stringValue != nil)
            #expect(created["organization"]?["billingPlanName"] == nil)
            let got = expectOK(try await admin.get("/v1/orgs/acme"))
            #expect(got["permissions"]?["manageOrg"]?.boolValue == true)
            #expect(got["permissions"]?["guest"]?.boolValue == false)

            let patched = expectOK(try await admin.patch("/v1/orgs/acme", #"{"description":"d","defaultProjectRole":"viewer"}"#))
            #expect(patched["organization"]?["description"]?.stringValue == "d")
            #expect(patched["organization"]?["displayName"]?.stringValue == "Acme")
            #expect(patched["organization"]?["defaultProjectRoleId"]?.stringValue?.isEmpty == false)
            let cleared = expectOK(try await admin.patch("/v1/orgs/acme", #"{"defaultProjectRole":""}"#))
            #expect(cleared["organization"]?["defaultProjectRoleId"]?.stringValue == "")
            let renamed = expectOK(try await admin.patch("/v1/orgs/acme", #"{"newName":"acme2"}"#))
            #expect(renamed["organization"]?["name"]?.stringValue == "acme2")
            expectError(try await admin.get("/v1/orgs/acme"), status: 404, code: 5, contains: "not found")

            let deleted = expectOK(try await admin.delete("/v1/orgs/acme2"))
            #expect(deleted.rawBody == "{}")
            expectError(try await admin.get("/v1/orgs/acme2"), status: 404, code: 5)
        }
    }

    @Test func orgErrors() async throws {
        try await withEmulator { emulator in
            let admin = EmulatorHTTP(emulator, token: try #require(emulator.adminToken))
            expectOK(try await admin.post("/v1/orgs", #"{"name":"acme"}"#))
            expectError(try await admin.post("/v1/orgs", #"{"name":"ACME"}"#), status: 400, code: 3, contains: "already exists")
            expectError(try await admin.post("/v1/orgs", #"{"name":"bad name"}"#), status: 400, code: 3)
            expectError(try await admin.patch("/v1/orgs/nope", #"{"description":"x"}"#), status: 400, code: 3, contains: "not found")
            expectError(try await admin.patch("/v1/orgs/acme", #"{"defaultProjectRole":"owner"}"#), status: 400, code: 3)
            expectError(try await admin.delete("/v1/orgs/nope"), status: 404, code: 5)
            expectError(try await admin.with(token: "rill_usr_bogus").get("/v1/orgs"), status: 401, code: 16)
            expectError(try await admin.with(token: nil).get("/v1/orgs"), status: 401, code: 16, contains: "not authenticated as a user")
            expectError(try await admin.with(token: nil).get("/v1/orgs/acme"), status: 403, code: 7)
            expectError(try await admin.get("/v1/organizations/acme"), status: 404, code: 5)
            expectError(try await admin.post("/v1/orgs", #"{"name":5}"#), status: 400, code: 3)
        }
    }

    @Test func serviceTokenCannotListOrCreateOrgs() async throws {
        try await withEmulator { emulator in
            let fixture = try await Fixture.make(emulator)
            let service = try #require(fixture.services["svc-admin"])
            expectError(try await service.get("/v1/orgs"), status: 401, code: 16, contains: "not authenticated as a user")
            expectError(try await service.post("/v1/orgs", #"{"name":"x"}"#), status: 401, code: 16)
            let me = expectOK(try await service.get("/v1/users/current"))
            #expect(me["user"] == .null)
            expectOK(try await service.get("/v1/orgs/acme"))
        }
    }

    @Test func orgListPaginatesWithEmptyLastPage() async throws {
        try await withEmulator({ $0.defaultPageSize = 3 }) { emulator in
            let admin = EmulatorHTTP(emulator, token: try #require(emulator.adminToken))
            for index in 0..<6 { expectOK(try await admin.post("/v1/orgs", #"{"name":"org-\#(index)"}"#)) }
            var names: [String] = []
            var pageSizes: [Int] = []
            var token = ""
            repeat {
                let page = expectOK(try await admin.get("/v1/orgs?pageToken=\(token)"))
                let orgs = page["organizations"]?.arrayValue ?? []
                pageSizes.append(orgs.count)
                names += orgs.compactMap { $0["name"]?.stringValue }
                token = page["nextPageToken"]?.stringValue ?? ""
            } while !token.isEmpty && pageSizes.count < 10
            #expect(names == (0..<6).map { "org-\($0)" })
            #expect(pageSizes == [3, 3, 0])
            let explicit = expectOK(try await admin.get("/v1/orgs?pageSize=4"))
            #expect(explicit["organizations"]?.arrayValue.count == 4)
            expectError(try await admin.get("/v1/orgs?pageToken=garbage"), status: 400, code: 3)
            // Other users don't see acme's orgs.
            let other = EmulatorHTTP(emulator, token: try await emulator.createUser(email: "x@example.com"))
            #expect(expectOK(try await other.get("/v1/orgs"))["organizations"]?.arrayValue.isEmpty == true)
        }
    }
}
