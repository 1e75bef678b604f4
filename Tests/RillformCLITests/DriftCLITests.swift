import Foundation
import RillformAPI
import RillformEmulator
import RillformTestSupport
import Testing

/// `drift` as users run it: the built binary, `--local` (the embedded emulator, state in `.rillform/` of a scratch
/// working directory), no TTY.
///
/// The out-of-band change is made honestly through the admin API: between two CLI runs, the test starts a second
/// emulator in this process on the same `.rillform/local.sqlite` and changes the project with the real HTTP client
/// and the local admin token, exactly as someone editing in Rill's UI would, then stops it.
@Suite("drift, end to end", .serialized)
struct DriftCLITests {
    static let quickstart = CLIProcess.repositoryRoot.appendingPathComponent("Examples/quickstart").path

    /// Changes live state behind rillform's back, through the API of the local state file.
    static func editOutOfBand(in directory: URL, _ edit: (RillAdminWriter) async throws -> Void) async throws {
        var options = EmulatorOptions(statePath: directory.appendingPathComponent(".rillform/local.sqlite").path)
        options.adminTokenFile = directory.appendingPathComponent(".rillform/local-admin-token").path
        let emulator = try await Emulator.start(options)
        do {
            let secret = try String(contentsOfFile: try #require(options.adminTokenFile), encoding: .utf8)
            var clientOptions = RillAdminClient.Options()
            clientOptions.maxRequestsPerSecond = nil
            clientOptions.pacing = nil
            let client = try RillAdminClient(baseURL: emulator.baseURL.absoluteString, token: try APIToken(secret),
                                             options: clientOptions)
            try await edit(client.writer)
            await emulator.stop()
        } catch {
            await emulator.stop()
            throw error
        }
    }

    @Test("in sync after apply (exit 0); an out-of-band edit is reported as exactly that field (exit 2)")
    func driftAfterOutOfBandEdit() async throws {
        try await withTemporaryDirectory { directory in
            let apply = try await CLIProcess.run(["apply", "--local", "-f", Self.quickstart, "--auto-approve"],
                                                 in: directory)
            try #require(apply.exitCode == 0, "\(apply.combined)")

            let clean = try await CLIProcess.run(["drift", "--local", "-f", Self.quickstart], in: directory)
            #expect(clean.exitCode == 0, "\(clean.combined)")
            #expect(clean.stdout == "No drift. Live state matches the manifest.\n")

            try await Self.editOutOfBand(in: directory) { writer in
                _ = try await writer.updateProject(org: "acme", project: "sales",
                                                   changes: .init(values: [.description: .string("Edited in the Rill UI")]))
            }

            let text = try await CLIProcess.run(["drift", "--local", "-f", Self.quickstart], in: directory)
            #expect(text.exitCode == 2, "\(text.combined)")
            #expect(text.stdout.contains("# project.acme/sales has changed outside of rillform"))
            #expect(text.stdout.contains(#"~ description = "Edited in the Rill UI" -> "Sales pipeline dashboards""#))
            #expect(text.stdout.hasSuffix("Drift: 1 resource drifted, 0 unmanaged.\n"))

            let json = try await CLIProcess.run(["drift", "--local", "-f", Self.quickstart, "--format", "json"],
                                                in: directory)
            #expect(json.exitCode == 2, "\(json.combined)")
            let document = try #require(
                try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
            let drift = try #require(document["resource_drift"] as? [[String: Any]])
            #expect(drift.count == 1)
            #expect(drift.first?["address"] as? String == "project.acme/sales")
            let fields = try #require(drift.first?["fields"] as? [[String: Any]])
            #expect(fields.count == 1)
            #expect(fields.first?["field"] as? String == "description")
            #expect(fields.first?["live"] as? String == "Edited in the Rill UI")
            #expect(fields.first?["desired"] as? String == "Sales pipeline dashboards")
            let provenance = try #require(fields.first?["provenance"] as? [String: Any])
            #expect((provenance["file"] as? String)?.hasSuffix("Examples/quickstart/rillform.yaml") == true)
            #expect(provenance["line"] as? Int == 22)
        }
    }

    @Test("--output writes the report to a file; github format appends Markdown to $GITHUB_STEP_SUMMARY")
    func outputFilesAndStepSummary() async throws {
        try await withTemporaryDirectory { directory in
            let apply = try await CLIProcess.run(["apply", "--local", "-f", Self.quickstart, "--auto-approve"],
                                                 in: directory)
            try #require(apply.exitCode == 0, "\(apply.combined)")
            try await Self.editOutOfBand(in: directory) { writer in
                _ = try await writer.createService(org: "acme", name: "hand-made", orgRole: .admin)
            }

            let junit = try await CLIProcess.run(
                ["drift", "--local", "-f", Self.quickstart, "--format", "junit", "--output", "drift.xml"],
                in: directory)
            #expect(junit.exitCode == 2, "\(junit.combined)")
            #expect(junit.stdout.isEmpty)
            let xml = try String(contentsOf: directory.appendingPathComponent("drift.xml"), encoding: .utf8)
            #expect(xml.contains(#"<testcase classname="service" name="service.acme/hand-made">"#))
            #expect(xml.contains(#"type="unmanaged-resource""#))

            try Data("# earlier step\n".utf8).write(to: directory.appendingPathComponent("summary.md"))
            let github = try await CLIProcess.run(
                ["drift", "--local", "-f", Self.quickstart, "--format", "github"], in: directory,
                environment: ["GITHUB_STEP_SUMMARY": directory.appendingPathComponent("summary.md").path])
            #expect(github.exitCode == 2, "\(github.combined)")
            #expect(github.stdout.contains("::notice file="))
            #expect(github.stdout.contains("service.acme/hand-made exists live but is not declared in the manifest"))
            let summary = try String(contentsOf: directory.appendingPathComponent("summary.md"), encoding: .utf8)
            #expect(summary.hasPrefix("# earlier step\n<!-- rillform:drift -->\n\n**Drift: 0 resources drifted, 1 unmanaged.**"))
        }
    }

    @Test("an unreadable manifest is an error (exit 1), not drift")
    func manifestErrorExitsOne() async throws {
        try await withTemporaryDirectory { directory in
            try Data("apiVersion: rillform/v1\norgs: [{name: a}]\n".utf8)
                .write(to: directory.appendingPathComponent("bad.yaml"))
            let result = try await CLIProcess.run(["drift", "--local", "-f", "bad.yaml"], in: directory)
            #expect(result.exitCode == 1, "\(result.combined)")
        }
    }

    @Test("graph prints the plan's dependency graph as Mermaid, computed like plan")
    func graph() async throws {
        try await withTemporaryDirectory { directory in
            let result = try await CLIProcess.run(["graph", "--local", "-f", Self.quickstart], in: directory)
            #expect(result.exitCode == 0, "\(result.combined)")
            #expect(result.stdout.hasPrefix("flowchart TD\n"))
            #expect(result.stdout.contains(#"["+ org.acme"]:::create"#))
            #expect(result.stdout.contains(#"["+ project.acme/sales"]:::create"#))
            #expect(result.stdout.contains("  n0 --> "))
            let dot = try await CLIProcess.run(["graph", "--local", "-f", Self.quickstart, "--format", "dot"],
                                               in: directory)
            #expect(dot.exitCode == 0, "\(dot.combined)")
            #expect(dot.stdout.hasPrefix("digraph rillform {"))
        }
    }
}
