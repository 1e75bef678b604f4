import Foundation
import RillformAPI
import RillformModel
import RillformTestSupport
import Testing

/// Token policy end to end: rotation after N days (issue, write to the sink, then revoke), revoke_unknown,
/// and no secret in any output format, the apply output or the saved plan file.
@Suite("Guards end to end: token rotation, revoke_unknown, no secrets in output")
struct GuardTokensCLITests {
    static let manifest = """
        apiVersion: rillform/v1
        orgs:
          - name: acme
            services:
              - name: reporting
                org_role: viewer
                tokens:
                  ensure: true
                  rotate_after_days: 30
                  revoke_unknown: true
        """

    @Test("rotation and revoke_unknown: old and unknown tokens go, the sink keeps every new secret, output has none")
    func rotationAndRevokeUnknown() async throws {
        try await GuardHarness.run { harness in
            try harness.write("tokens.yaml", Self.manifest)
            let sink = ["--token-sink", "tokens.jsonl"]
            var outputs: [String] = []

            let first = try await harness.rillform(["apply", "-f", "tokens.yaml", "--auto-approve"] + sink)
            try #require(first.exitCode == 0, "\(first.combined)")
            outputs.append(first.combined)
            #expect(try harness.sinkSecrets("tokens.jsonl").count == 1)

            // A token issued outside rillform, then both tokens made 40 days old.
            let reader = try harness.client().reader
            let unknown = try await harness.client().writer.issueServiceToken(org: "acme", service: "reporting")
            #expect(try await harness.emulator.backdateServiceTokens(org: "acme", service: "reporting", days: 40) == 2)

            for format in ["text", "json", "markdown"] {
                let plan = try await harness.rillform(["plan", "-f", "tokens.yaml", "--format", format] + sink)
                #expect(plan.exitCode == 0, "\(plan.combined)")
                outputs.append(plan.combined)
            }
            let text = try await harness.rillform(["plan", "-f", "tokens.yaml", "--out", "plan.json"] + sink)
            #expect(text.stdout.contains("(token will be issued)"), "\(text.stdout)")
            #expect(text.stdout.contains("(2 tokens will be revoked)"), "\(text.stdout)")
            #expect(text.stdout.contains("rotate_after_days = 30: newest token is 40 days old"), "\(text.stdout)")
            outputs.append(text.combined)
            outputs.append(try harness.read("plan.json"))

            let rotate = try await harness.rillform(["apply", "plan.json"] + sink)
            #expect(rotate.exitCode == 0, "\(rotate.combined)")
            outputs.append(rotate.combined)
            let secrets = try harness.sinkSecrets("tokens.jsonl")
            #expect(secrets.count == 2)
            let live = try await reader.listServiceTokens(org: "acme", service: "reporting")
            #expect(live.count == 1, "only the new token is left: \(live.map(\.id))")
            #expect(live.first.map { secrets[1].hasPrefix($0.prefix) } == true)

            // revoke_unknown alone: a fresh out-of-band token is revoked, nothing is issued.
            let stray = try await harness.client().writer.issueServiceToken(org: "acme", service: "reporting")
            let plan = try await harness.rillform(["plan", "-f", "tokens.yaml"] + sink)
            #expect(plan.stdout.contains("(1 token will be revoked)"), "\(plan.stdout)")
            #expect(!plan.stdout.contains("(token will be issued)"))
            #expect(plan.stdout.contains("revoke_unknown: 1 token(s) not issued by rillform"))
            outputs.append(plan.combined)
            let revoke = try await harness.rillform(["apply", "-f", "tokens.yaml", "--auto-approve"] + sink)
            #expect(revoke.exitCode == 0, "\(revoke.combined)")
            outputs.append(revoke.combined)
            #expect(try await reader.listServiceTokens(org: "acme", service: "reporting").map(\.id) == live.map(\.id))

            let leaks = secrets + [unknown.revealSecret(), stray.revealSecret(), harness.adminToken]
            for (index, output) in outputs.enumerated() {
                for secret in leaks {
                    #expect(!output.contains(secret), "output #\(index) contains a secret")
                }
            }
        }
    }
}
