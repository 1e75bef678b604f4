import Foundation
import RillformAPI
import RillformEmulator
import RillformTestSupport
import Testing

/// The CLI run with tokens that may not do what the manifest asks: org viewer, editor and guest users, and a
/// service token that only has a project role. Each run exits non-zero with a message naming what is missing,
/// and no mutating request succeeds (no partial writes).
@Suite("reliability: insufficient permissions", .serialized)
struct ReliabilityPermissionTests {
    static let quickstart = CLIProcess.repositoryRoot.appendingPathComponent("Examples/quickstart").path

    enum Caller: String, CaseIterable, CustomTestStringConvertible {
        case orgViewer = "viewer", orgEditor = "editor", orgGuest = "guest", projectOnlyService = "service"
        var testDescription: String { rawValue }
    }

    /// The org exists with one project (so project-scoped callers have something to see); the rest of the
    /// quickstart is still to be created.
    static func seed(_ emulator: RunningEmulator, caller: Caller) async throws -> String {
        let adminToken = try #require(emulator.adminToken)
        let admin = try Reliability.adminClient(emulator)
        _ = try await admin.writer.createOrganization(name: "acme", displayName: "Acme Corp")
        var project = NewProject(name: "sales")
        project.skipDeploy = true
        _ = try await admin.writer.createProject(org: "acme", project)
        switch caller {
        case .projectOnlyService:
            _ = try await admin.writer.createService(org: "acme", name: "sales-bot", projectRole: ("sales", .admin))
            return try await admin.writer.issueServiceToken(org: "acme", service: "sales-bot").revealSecret()
        case .orgViewer, .orgEditor, .orgGuest:
            let email = "\(caller.rawValue)@example.com"
            let token = try await emulator.createUser(email: email)
            let status = try await Reliability.send(emulator, token: adminToken, method: "POST",
                                                    path: "/v1/orgs/acme/members",
                                                    json: ["email": email, "role": caller.rawValue])
            try #require(status == 200, "adding \(email) as org \(caller.rawValue) returned \(status)")
            return token
        }
    }

    @Test("apply with too few permissions: non-zero exit, a message naming what is missing, no writes",
          .timeLimit(.minutes(2)), arguments: Caller.allCases)
    func insufficientPermissions(caller: Caller) async throws {
        try await withEmulator { emulator in
            try await withTemporaryDirectory { directory in
                let token = try await Self.seed(emulator, caller: caller)
                await emulator.resetAccessLog()
                let result = try await CLIProcess.run(
                    ["apply", "-f", Self.quickstart, "--auto-approve", "--token-sink", "t.jsonl", "--no-pacing"],
                    in: directory, environment: Reliability.environment(emulator, token: token))
                print("\(caller.rawValue): exit \(result.exitCode): \(result.stderr.prefix(400))")
                #expect(result.exitCode != 0, "\(caller): \(result.combined)")
                let message = result.stderr.lowercased()
                let namesWhatIsMissing = ["permission", "not allowed", "denied", "may not", "cannot", "requires",
                                          "missing"].contains { message.contains($0) }
                #expect(namesWhatIsMissing, "\(caller): unclear message:\n\(result.combined)")
                #expect(!result.combined.contains(token), "\(caller): token printed")
                let writes = Reliability.successfulWrites(await emulator.accessLog())
                #expect(writes.isEmpty, "\(caller): partial writes: \(writes.map { "\($0.method) \($0.path) \($0.status)" })")
            }
        }
    }
}
