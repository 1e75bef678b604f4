import Foundation
@testable import RillformEmulator
import Testing

/// A seeded org "acme" with projects "alpha" (prod deployment) and "beta", and callers holding each role.
struct Fixture {
    let emulator: RunningEmulator
    let admin: EmulatorHTTP
    /// User tokens by org role: "admin", "editor", "viewer", "guest" (guest has project viewer on alpha).
    var users: [String: EmulatorHTTP] = [:]
    /// Service tokens: "svc-admin" (org admin), "svc-viewer" (org viewer), "svc-project" (project admin on alpha only).
    var services: [String: EmulatorHTTP] = [:]
    let anonymous: EmulatorHTTP
    let outsider: EmulatorHTTP

    static func make(_ emulator: RunningEmulator) async throws -> Fixture {
        let admin = EmulatorHTTP(emulator, token: try #require(emulator.adminToken) as String)
        try await expectOK(admin.post("/v1/orgs", #"{"name":"acme"}"#))
        try await expectOK(admin.post("/v1/orgs/acme/projects", #"{"project":"alpha","archiveAssetId":"fixture-archive"}"#))
        try await expectOK(admin.post("/v1/orgs/acme/projects", #"{"project":"beta","skipDeploy":true}"#))
        var fixture = Fixture(
            emulator: emulator, admin: admin, anonymous: EmulatorHTTP(emulator, token: nil),
            outsider: EmulatorHTTP(emulator, token: try await emulator.createUser(email: "outsider@example.com")))
        fixture.users["admin"] = admin
        for role in ["editor", "viewer"] {
            let token = try await emulator.createUser(email: "\(role)@example.com")
            try await expectOK(admin.post("/v1/orgs/acme/members", #"{"email":"\#(role)@example.com","role":"\#(role)"}"#))
            fixture.users[role] = EmulatorHTTP(emulator, token: token)
        }
        let guestToken = try await emulator.createUser(email: "guest@example.com")
        try await expectOK(admin.post("/v1/orgs/acme/projects/alpha/members", #"{"email":"guest@example.com","role":"viewer"}"#))
        fixture.users["guest"] = EmulatorHTTP(emulator, token: guestToken)
        let serviceSpecs = [
            ("svc-admin", #"{"name":"svc-admin","orgRoleName":"admin"}"#),
            ("svc-viewer", #"{"name":"svc-viewer","orgRoleName":"viewer"}"#),
            ("svc-project", #"{"name":"svc-project","project":"alpha","projectRoleName":"admin"}"#),
        ]
        for (name, body) in serviceSpecs {
            try await expectOK(admin.post("/v1/orgs/acme/services", body))
            let issued = try await admin.post("/v1/orgs/acme/services/\(name)/tokens")
            fixture.services[name] = EmulatorHTTP(emulator, token: try #require(issued["token"]?.stringValue))
        }
        return fixture
    }

    /// Every caller by a readable name.
    var callers: [String: EmulatorHTTP] {
        var all = users.reduce(into: [String: EmulatorHTTP]()) { $0["user-\($1.key)"] = $1.value }
        for (name, http) in services { all[name] = http }
        all["anonymous"] = anonymous
        all["outsider"] = outsider
        return all
    }
}

@discardableResult
func expectOK(_ result: HTTPResult, sourceLocation: SourceLocation = #_sourceLocation) -> HTTPResult {
    #expect(result.status == 200, "\(result.rawBody)", sourceLocation: sourceLocation)
    return result
}

func expectError(
    _ result: HTTPResult, status: Int, code: Int, contains text: String? = nil,
    sourceLocation: SourceLocation = #_sourceLocation
) {
    #expect(result.status == status, "\(result.rawBody)", sourceLocation: sourceLocation)
    #expect(result.code == code, "\(result.rawBody)", sourceLocation: sourceLocation)
    #expect(result["details"]?.arrayValue.isEmpty == true, sourceLocation: sourceLocation)
    if let text { #expect(result.message.contains(text), "\(result.message)", sourceLocation: sourceLocation) }
}
