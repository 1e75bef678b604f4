import Foundation
@testable import RillformEmulator
import RillformTestSupport
import Testing

@Suite struct ServiceTests {
    private func setUp(_ emulator: RunningEmulator) async throws -> EmulatorHTTP {
        let token: String = try #require(emulator.adminToken)
        let admin = EmulatorHTTP(emulator, token: token)
        expectOK(try await admin.post("/v1/orgs", #"{"name":"acme"}"#))
        expectOK(try await admin.post("/v1/orgs/acme/projects", #"{"project":"alpha","skipDeploy":true}"#))
        return admin
    }

    @Test func createGetListPatchDelete() async throws {
        try await withEmulator { emulator in
            let admin = try await setUp(emulator)
            let created = expectOK(try await admin.post(
                "/v1/orgs/acme/services",
                #"{"name":"ci-app","org_role_name":"editor","project":"alpha","projectRoleName":"viewer","attributes":{"team":"data","n":1}}"#))
            #expect(created["service"]?["name"]?.stringValue == "ci-app")
            #expect(created["service"]?["orgName"]?.stringValue == "acme")
            #expect(created["service"]?["attributes"]?["team"]?.stringValue == "data")
            #expect(created["token"] == nil)
            expectOK(try await admin.post("/v1/orgs/acme/services", #"{"name":"only-project","project":"alpha","projectRoleName":"admin"}"#))

            let listed = expectOK(try await admin.get("/v1/orgs/acme/services"))
            let services = listed["services"]?.arrayValue ?? []
            #expect(services.compactMap { $0["name"]?.stringValue } == ["ci-app", "only-project"])
            #expect(services.first?["roleName"]?.stringValue == "editor")
            #expect(services.last?["roleName"]?.stringValue == "")
            #expect(services.last?["hasProjectRoles"]?.boolValue == true)

            let shown = expectOK(try await admin.get("/v1/orgs/acme/services/ci-app"))
            #expect(shown["service"]?["roleName"]?.stringValue == "editor")
            let membership = shown["projectMemberships"]?.arrayValue.first
            #expect(membership?["projectName"]?.stringValue == "alpha")
            #expect(membership?["projectRoleName"]?.stringValue == "viewer")
            #expect(membership?["orgRoleName"]?.stringValue == "editor")

            // Attributes are replaced, not merged; omitting them keeps them; {} clears them.
            let replaced = expectOK(try await admin.patch("/v1/orgs/acme/services/ci-app", #"{"attributes":{"x":true}}"#))
            #expect(replaced["service"]?["attributes"] == .object(["x": .bool(true)]))
            let renamed = expectOK(try await admin.patch("/v1/orgs/acme/services/ci-app", #"{"newName":"ci-app2"}"#))
            #expect(renamed["service"]?["attributes"] == .object(["x": .bool(true)]))
            let cleared = expectOK(try await admin.patch("/v1/orgs/acme/services/ci-app2", #"{"attributes":{}}"#))
            #expect(cleared["service"]?["attributes"] == .object([:]))
            expectError(try await admin.get("/v1/orgs/acme/services/ci-app"), status: 404, code: 5)
            expectError(try await admin.patch("/v1/orgs/acme/services/ci-app2", #"{"newName":"only-project"}"#), status: 409, code: 6)

            let deleted = expectOK(try await admin.delete("/v1/orgs/acme/services/ci-app2"))
            #expect(deleted["service"] == .null)
            expectError(try await admin.delete("/v1/orgs/acme/services/ci-app2"), status: 404, code: 5)
        }
    }

    @Test func createErrors() async throws {
        try await withEmulator { emulator in
            let admin = try await setUp(emulator)
            let path = "/v1/orgs/acme/services"
            expectError(try await admin.post(path, #"{"name":"abc"}"#), status: 400, code: 3, contains: "at least one of org role or project role")
            expectError(try await admin.post(path, #"{"name":"abc","orgRoleName":"viewer","project":"alpha"}"#), status: 400, code: 3,
                        contains: "both project name and project role must be specified together")
            expectError(try await admin.post(path, #"{"name":"abc","projectRoleName":"viewer"}"#), status: 400, code: 3)
            expectError(try await admin.post(path, #"{"name":"abc","orgRoleName":"owner"}"#), status: 400, code: 3, contains: "invalid organization role")
            expectError(try await admin.post(path, #"{"name":"abc","project":"nope","projectRoleName":"viewer"}"#), status: 400, code: 3, contains: "invalid project")
            expectError(try await admin.post(path, #"{"name":"abc","project":"alpha","projectRoleName":"owner"}"#), status: 400, code: 3, contains: "invalid project role")
            expectError(try await admin.post("/v1/orgs/nope/services", #"{"name":"abc","orgRoleName":"admin"}"#), status: 400, code: 3, contains: "not found")
            expectOK(try await admin.post(path, #"{"name":"abc","orgRoleName":"admin"}"#))
            expectError(try await admin.post(path, #"{"name":"abc","orgRoleName":"admin"}"#), status: 409, code: 6)
            // Nothing half-created by the failed attempts (the transaction rolls back the inserted service).
            #expect(expectOK(try await admin.get(path))["services"]?.arrayValue.count == 1)
        }
    }

    @Test func orgAndProjectRoles() async throws {
        try await withEmulator { emulator in
            let admin = try await setUp(emulator)
            expectOK(try await admin.post("/v1/orgs/acme/services", #"{"name":"org","orgRoleName":"viewer"}"#))
            expectOK(try await admin.post("/v1/orgs/acme/services", #"{"name":"proj","project":"alpha","projectRoleName":"viewer"}"#))

            expectOK(try await admin.put("/v1/orgs/acme/services/org/role", #"{"role":"admin"}"#))
            #expect(expectOK(try await admin.get("/v1/orgs/acme/services/org"))["service"]?["roleName"]?.stringValue == "admin")
            // Setting an org role is an UPDATE wrapped as Internal: a project-only service has none → 500.
            expectError(try await admin.put("/v1/orgs/acme/services/proj/role", #"{"role":"viewer"}"#), status: 500, code: 13,
                        contains: "service org member not found")
            expectError(try await admin.put("/v1/orgs/acme/services/org/role", #"{"role":"owner"}"#), status: 404, code: 5,
                        contains: "org role not found")
            expectError(try await admin.put("/v1/orgs/acme/services/ghost/role", #"{"role":"viewer"}"#), status: 404, code: 5)
            expectOK(try await admin.delete("/v1/orgs/acme/services/org/role"))
            expectError(try await admin.delete("/v1/orgs/acme/services/org/role"), status: 500, code: 13,
                        contains: "service org member not found")
            #expect(expectOK(try await admin.get("/v1/orgs/acme/services/org"))["service"]?["roleName"]?.stringValue == "")

            // Project role PUT is an upsert.
            expectOK(try await admin.put("/v1/orgs/acme/projects/alpha/services/org/role", #"{"role":"editor"}"#))
            expectOK(try await admin.put("/v1/orgs/acme/projects/alpha/services/proj/role", #"{"role":"admin"}"#))
            let projectServices = expectOK(try await admin.get("/v1/orgs/acme/projects/alpha/services"))
            let roles = (projectServices["services"]?.arrayValue ?? []).map {
                "\($0["name"]?.stringValue ?? ""):\($0["projectRoleName"]?.stringValue ?? "")"
            }
            #expect(roles == ["org:editor", "proj:admin"])
            expectOK(try await admin.delete("/v1/orgs/acme/projects/alpha/services/org"))
            expectError(try await admin.delete("/v1/orgs/acme/projects/alpha/services/org"), status: 404, code: 5)
            expectError(try await admin.get("/v1/orgs/acme/projects/nope/services"), status: 404, code: 5)
        }
    }

    @Test func tokensIssueListRevoke() async throws {
        try await withEmulator { emulator in
            let admin = try await setUp(emulator)
            expectOK(try await admin.post("/v1/orgs/acme/services", #"{"name":"ci-bot","orgRoleName":"admin"}"#))
            let first = try #require(expectOK(try await admin.post("/v1/orgs/acme/services/ci-bot/tokens"))["token"]?.stringValue)
            let second = try #require(expectOK(try await admin.post("/v1/orgs/acme/services/ci-bot/tokens", ""))["token"]?.stringValue)
            #expect(first.hasPrefix("rill_svc_") && first != second)
            let listed = expectOK(try await admin.get("/v1/orgs/acme/services/ci-bot/tokens"))
            let tokens = listed["tokens"]?.arrayValue ?? []
            #expect(tokens.count == 2)
            #expect(tokens.allSatisfy { $0["expiresOn"]?.stringValue == "0001-01-01T00:00:00Z" })
            let prefixes: Set<String> = Set(tokens.compactMap { $0["prefix"]?.stringValue })
            // `Token.Prefix()`: "rill_svc_" and 10 base62 digits of the token id.
            let expectedPrefixes: Set<String> = [String(first.prefix(19)), String(second.prefix(19))]
            #expect(prefixes == expectedPrefixes)
            #expect(!listed.rawBody.contains(first) && !listed.rawBody.contains(second))

            let service = admin.with(token: first)
            expectOK(try await service.get("/v1/orgs/acme/services"))
            let firstID = try #require(tokens.first { first.hasPrefix($0["prefix"]?.stringValue ?? "-") }?["id"]?.stringValue)
            expectOK(try await admin.delete("/v1/services/tokens/\(firstID)"))
            expectError(try await service.get("/v1/orgs/acme/services"), status: 401, code: 16)
            expectOK(try await admin.with(token: second).get("/v1/orgs/acme/services"))
            expectError(try await admin.delete("/v1/services/tokens/\(firstID)"), status: 404, code: 5)

            // Deleting the service revokes its tokens.
            expectOK(try await admin.delete("/v1/orgs/acme/services/ci-bot"))
            expectError(try await admin.with(token: second).get("/v1/orgs/acme"), status: 401, code: 16)
        }
    }
}
