import Foundation
@testable import RillformEmulator
import RillformTestSupport
import Testing

@Suite struct PersistenceTests {
    @Test func restartKeepsStateAndDoesNotReissueTheAdminToken() async throws {
        try await withTemporaryDirectory { directory in
            let statePath = directory.appendingPathComponent("state.sqlite").path
            let tokenFile = directory.appendingPathComponent("admin-token").path
            var options = EmulatorOptions(statePath: statePath)
            options.adminTokenFile = tokenFile

            let first = try await Emulator.start(options)
            let adminToken = try #require(first.adminToken)
            #expect(try String(contentsOfFile: tokenFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines) == adminToken)
            let mode = try FileManager.default.attributesOfItem(atPath: tokenFile)[.posixPermissions] as? Int
            #expect(mode == 0o600)
            let admin = EmulatorHTTP(first, token: adminToken)
            expectOK(try await admin.post("/v1/orgs", #"{"name":"acme"}"#))
            expectOK(try await admin.post("/v1/orgs/acme/projects", #"{"project":"p01","archiveAssetId":"asset-1"}"#))
            expectOK(try await admin.post("/v1/orgs/acme/services", #"{"name":"ci-bot","orgRoleName":"admin"}"#))
            let serviceToken = try #require(
                expectOK(try await admin.post("/v1/orgs/acme/services/ci-bot/tokens"))["token"]?.stringValue)
            await first.stop()

            // Secrets are stored as digests only.
            for suffix in ["", "-wal"] {
                if let bytes = FileManager.default.contents(atPath: statePath + suffix) {
                    let text = String(decoding: bytes, as: UTF8.self)
                    #expect(!text.contains(adminToken) && !text.contains(serviceToken))
                    #expect(!bytes.isEmpty)
                }
            }

            let second = try await Emulator.start(options)
            #expect(second.adminToken == nil)
            let again = EmulatorHTTP(second, token: adminToken)
            let project = expectOK(try await again.get("/v1/orgs/acme/projects/p01"))
            #expect(project["prodDeployment"]?["environment"]?.stringValue == "prod")
            expectOK(try await again.with(token: serviceToken).get("/v1/orgs/acme/services/ci-bot"))
            await second.stop()
        }
    }

    @Test func createUserSeedsWorkingTokens() async throws {
        try await withEmulator { emulator in
            let token = try await emulator.createUser(email: "someone@example.com")
            #expect(token.hasPrefix("rill_usr_"))
            let me = expectOK(try await EmulatorHTTP(emulator, token: token).get("/v1/users/current"))
            #expect(me["user"]?["email"]?.stringValue == "someone@example.com")
            let again = try await emulator.createUser(email: "someone@example.com")
            #expect(again != token)
            expectOK(try await EmulatorHTTP(emulator, token: token).get("/v1/users/current"))
        }
    }
}
