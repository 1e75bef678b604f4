import Foundation
import RillformAPI
import RillformEmulator
import RillformModel
import RillformTestSupport
import Testing

/// `export` round trip against a real emulator: build live state (apply, plus awkward values made through the
/// API), export it, then plan the export against the same live state: no changes.
@Suite("export, end to end")
struct ExportCLITests {
    static let quickstart = CLIProcess.repositoryRoot.appendingPathComponent("Examples/quickstart").path

    func client(_ emulator: RunningEmulator) throws -> RillAdminClient {
        var options = RillAdminClient.Options()
        options.maxRequestsPerSecond = nil
        options.pacing = nil
        return try RillAdminClient(baseURL: emulator.baseURL.absoluteString,
                                   token: try APIToken(try #require(emulator.adminToken)), options: options)
    }

    @Test("apply, add awkward values through the API, export, plan the export: no changes (exit 0)")
    func roundTrip() async throws {
        try await withEmulator { emulator in
            try await withTemporaryDirectory { directory in
                let environment = ["RILL_API_TOKEN": try #require(emulator.adminToken),
                                   "RILL_API_URL": emulator.baseURL.absoluteString]
                let apply = try await CLIProcess.run(
                    ["apply", "-f", Self.quickstart, "--auto-approve", "--token-sink", "tokens.jsonl"],
                    in: directory, environment: environment)
                try #require(apply.exitCode == 0, "\(apply.combined)")

                let writer = try client(emulator).writer
                _ = try await writer.createService(
                    org: "acme", name: "awkward", orgRole: .editor,
                    attributes: [
                        "price": .string("$5 ${HOME} $$"), "yes": .string("no"), "quote": .string("a \"b\": #c"),
                        "nested": .object(["list": .array([.number(1), .number(2.5), .string("x: y"), .null]),
                                           "empty": .object([:]), "none": .array([]), "flag": .bool(false)]),
                        "when": .string("2026-01-02"), "big": .number(1e20), "unicode": .string("Zürich\n— ok"),
                    ])
                _ = try await writer.updateProject(
                    org: "acme", project: "finance",
                    changes: .init(values: [.description: .string("true"), .prodTtlSeconds: .integer(3600)]))
                _ = try await writer.updateOrganization(
                    "acme", changes: .init(values: [.billingEmail: .string("billing@acme.example")]))

                let export = try await CLIProcess.run(["export", "--org", "acme", "--output", "acme.yaml"],
                                                      in: directory, environment: environment)
                #expect(export.exitCode == 0, "\(export.combined)")
                let text = try String(contentsOf: directory.appendingPathComponent("acme.yaml"), encoding: .utf8)
                #expect(text.hasPrefix("# yaml-language-server: $schema="))
                #expect(text.contains("apiVersion: rillform/v1"))
                #expect(text.contains("# tokens: 1 live token(s); secrets cannot be exported"))
                #expect(!text.contains("rill_svc_"), "an exported manifest must never contain a token")
                // The awkward values are really in the export (so "no changes" below is not vacuous).
                #expect(text.contains("      - name: awkward\n        org_role: editor\n        attributes:\n"))
                #expect(text.contains(#"price: "$$5 $${HOME} $$$$""#))
                #expect(text.contains(#""yes": "no""#))
                #expect(text.contains(#"when: "2026-01-02""#))
                #expect(text.contains(#"description: "true""#))
                #expect(text.contains("prod_ttl_seconds: 3600"))
                #expect(text.contains("billing_email: billing@acme.example"))

                let plan = try await CLIProcess.run(
                    ["plan", "-f", "acme.yaml", "--detailed-exitcode", "--token-sink", "tokens.jsonl"],
                    in: directory, environment: environment)
                #expect(plan.exitCode == 0, "\(plan.combined)\n--- export:\n\(text)")
                #expect(plan.stdout.contains("No changes. Your infrastructure matches the configuration."))

                let validate = try await CLIProcess.run(["validate", "-f", "acme.yaml"], in: directory)
                #expect(validate.exitCode == 0, "\(validate.combined)")
            }
        }
    }

    @Test("--all into a directory writes one file per org; an unknown org is an error")
    func allOrgsIntoDirectory() async throws {
        try await withEmulator { emulator in
            try await withTemporaryDirectory { directory in
                let environment = ["RILL_API_TOKEN": try #require(emulator.adminToken),
                                   "RILL_API_URL": emulator.baseURL.absoluteString]
                let writer = try client(emulator).writer
                _ = try await writer.createOrganization(name: "alpha-org", description: "first")
                _ = try await writer.createOrganization(name: "beta-org")

                // Outputs never create folders (the same rule for every output): the folder exists first.
                try FileManager.default.createDirectory(at: directory.appendingPathComponent("out"),
                                                        withIntermediateDirectories: false)
                let export = try await CLIProcess.run(["export", "--all", "--output", "out/"], in: directory,
                                                      environment: environment)
                #expect(export.exitCode == 0, "\(export.combined)")
                let files = try FileManager.default.contentsOfDirectory(
                    atPath: directory.appendingPathComponent("out").path).sorted()
                #expect(files == ["alpha-org.yaml", "beta-org.yaml"])
                let alpha = try String(contentsOf: directory.appendingPathComponent("out/alpha-org.yaml"),
                                       encoding: .utf8)
                #expect(alpha.contains("  - name: alpha-org\n    description: first\n"))

                let missing = try await CLIProcess.run(["export", "--org", "no-such-org"], in: directory,
                                                       environment: environment)
                #expect(missing.exitCode == 1)
                #expect(missing.stderr.contains("no-such-org"))
            }
        }
    }

    @Test("export --local, then plan --local with it: no changes")
    func localRoundTrip() async throws {
        try await withTemporaryDirectory { directory in
            let apply = try await CLIProcess.run(["apply", "--local", "-f", Self.quickstart, "--auto-approve"],
                                                 in: directory)
            try #require(apply.exitCode == 0, "\(apply.combined)")
            let export = try await CLIProcess.run(["export", "--local", "--org", "acme"], in: directory)
            #expect(export.exitCode == 0, "\(export.combined)")
            try Data(export.stdout.utf8).write(to: directory.appendingPathComponent("exported.yaml"))
            let plan = try await CLIProcess.run(["plan", "--local", "-f", "exported.yaml", "--detailed-exitcode"],
                                                in: directory)
            #expect(plan.exitCode == 0, "\(plan.combined)\n--- export:\n\(export.stdout)")
        }
    }
}
