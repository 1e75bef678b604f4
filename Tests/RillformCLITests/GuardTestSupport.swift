import Foundation
import RillformAPI
import RillformEmulator
import RillformModel
import RillformTestSupport
import Testing
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Shared set-up for the end-to-end guard tests: a real emulator, a scratch directory, manifests written there,
/// the built binary run against them, and clients with other identities.
struct GuardHarness {
    let emulator: RunningEmulator
    let directory: URL
    let adminToken: String

    static func run(_ body: (GuardHarness) async throws -> Void) async throws {
        try await withEmulator { emulator in
            try await withTemporaryDirectory { directory in
                try await body(GuardHarness(emulator: emulator, directory: directory,
                                            adminToken: try #require(emulator.adminToken)))
            }
        }
    }

    /// Writes `text` to `name` in the scratch directory and returns its path.
    @discardableResult
    func write(_ name: String, _ text: String) throws -> String {
        let url = directory.appendingPathComponent(name)
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    func read(_ name: String) throws -> String {
        try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
    }

    /// Runs the built `rillform` with `token` (default: the bootstrap admin's user token).
    func rillform(_ arguments: [String], token: String? = nil) async throws -> CLIProcess.Result {
        try await CLIProcess.run(arguments, in: directory, environment: [
            "RILL_API_TOKEN": token ?? adminToken, "RILL_API_URL": emulator.baseURL.absoluteString,
        ])
    }

    /// A real HTTP client with `token` (default: the admin's).
    func client(token: String? = nil) throws -> RillAdminClient {
        var options = RillAdminClient.Options()
        options.maxRequestsPerSecond = nil
        options.pacing = nil
        return try RillAdminClient(baseURL: emulator.baseURL.absoluteString, token: try APIToken(token ?? adminToken),
                                   options: options)
    }

    /// The mutating requests served since the last `resetAccessLog()`.
    func writes() async -> [String] {
        await emulator.accessLog().filter { $0.method != "GET" }.map { "\($0.method) \($0.path)" }
    }

    /// A new user with `role` in `org`, added by the admin through the emulator's member endpoint; its token.
    func userToken(email: String, role: String, org: String) async throws -> String {
        let token = try await emulator.createUser(email: email)
        var request = URLRequest(url: emulator.baseURL.appendingPathComponent("v1/orgs/\(org)/members"))
        request.httpMethod = "POST"
        request.setValue("Bearer \(adminToken)", forHTTPHeaderField: "Authorization")
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        request.httpBody = try JSONSerialization.data(withJSONObject: ["email": email, "role": role])
        let (_, response) = try await URLSession.shared.data(for: request)
        #expect((response as? HTTPURLResponse)?.statusCode == 200)
        return token
    }

    /// Secrets in a JSON-lines token sink.
    func sinkSecrets(_ name: String) throws -> [String] {
        try read(name).split(separator: "\n").compactMap { line in
            guard let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else { return nil }
            return object["token"] as? String
        }
    }
}
