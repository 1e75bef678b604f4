import Foundation
import RillformAPI
import RillformEmulator
import RillformTestSupport
import Testing

/// Every command that exists, in every output format, writing every file it can: no byte of the admin token or of
/// an issued service-token secret appears in any output, plan file, report or export. The sink is 0600.
@Suite("secrets never leak", .serialized)
struct SecretScanTests {
    static let quickstart = CLIProcess.repositoryRoot.appendingPathComponent("Examples/quickstart").path

    @Test("plan/apply/drift/export/graph in all formats: zero token hits in output and files", .timeLimit(.minutes(3)))
    func noTokenInAnyOutput() async throws {
        try await withEmulator { emulator in
            try await withTemporaryDirectory { directory in
                let adminToken = try #require(emulator.adminToken)
                let environment = Reliability.environment(emulator, token: adminToken)
                let sink = ["--token-sink", "sink/tokens.jsonl"]
                try FileManager.default.createDirectory(at: directory.appendingPathComponent("sink"),
                                                        withIntermediateDirectories: true)
                var outputs: [(String, String)] = []
                func run(_ arguments: [String], expect codes: Set<Int32> = [0]) async throws {
                    let result = try await CLIProcess.run(arguments, in: directory, environment: environment)
                    #expect(codes.contains(result.exitCode), "\(arguments): \(result.combined)")
                    outputs.append((arguments.joined(separator: " "), result.combined))
                }
                for format in ["text", "json", "markdown"] {
                    try await run(["plan", "-f", Self.quickstart, "--format", format] + sink)
                }
                try await run(["plan", "-f", Self.quickstart, "--out", "plan.json"] + sink)
                try await run(["graph", "-f", Self.quickstart, "--format", "dot", "--output", "graph.dot"] + sink)
                try await run(["apply", "-f", Self.quickstart, "--auto-approve"] + sink)
                // Out-of-band changes and a rotation-worthy state so drift and the second apply have content.
                let admin = try Reliability.adminClient(emulator)
                _ = try await admin.writer.updateProject(org: "acme", project: "sales",
                                                         changes: .init(values: [.description: .string("edited by hand")]))
                _ = try await admin.writer.issueServiceToken(org: "acme", service: "reporting")
                for format in ["text", "json", "markdown", "junit", "sarif", "github"] {
                    try await run(["drift", "-f", Self.quickstart, "--format", format] + sink, expect: [0, 1, 2])
                    try await run(["drift", "-f", Self.quickstart, "--format", format, "--output", "drift.\(format)"] + sink,
                                  expect: [0, 1, 2])
                }
                for format in ["text", "json", "markdown"] {
                    try await run(["plan", "-f", Self.quickstart, "--format", format] + sink, expect: [0, 2])
                }
                try await run(["apply", "-f", Self.quickstart, "--auto-approve"] + sink)
                try await run(["export", "--org", "acme"])
                try await run(["export", "--org", "acme", "--output", "export"])
                try await run(["apply", "--local", "-f", Self.quickstart, "--auto-approve"])
                // Runtime credentials: the JWT goes to the 0600 file only; the run's stdout/stderr must not show it.
                try await run(["credentials", "--org", "acme", "--project", "sales", "--attributes", #"{"team":"x"}"#,
                               "--output", "sink/creds.json"])
                let credentialsPath = directory.appendingPathComponent("sink/creds.json").path
                let credentialsMode = try FileManager.default.attributesOfItem(atPath: credentialsPath)[.posixPermissions]
                #expect(credentialsMode as? Int == 0o600)
                let credentials = try JSONSerialization.jsonObject(
                    with: Data(try String(contentsOfFile: credentialsPath, encoding: .utf8).utf8)) as? [String: Any]
                let runtimeToken = try #require(credentials?["access_token"] as? String)

                let sinkPath = directory.appendingPathComponent("sink/tokens.jsonl").path
                let mode = try FileManager.default.attributesOfItem(atPath: sinkPath)[.posixPermissions] as? Int
                #expect(mode == 0o600)
                let localSink = directory.appendingPathComponent(".rillform/local-tokens.jsonl").path
                var secrets = [adminToken, runtimeToken]
                for path in [sinkPath, localSink] {
                    let text = try String(contentsOfFile: path, encoding: .utf8)
                    for line in text.split(separator: "\n") {
                        let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
                        if let secret = object?["token"] as? String { secrets.append(secret) }
                    }
                }
                #expect(secrets.count >= 4, "expected issued secrets in both sinks, found \(secrets.count - 1)")
                // Files written by the runs, except the two sinks (whose job is to hold the secrets) and the
                // local emulator's database.
                var files: [(String, String)] = []
                let enumerator = FileManager.default.enumerator(at: directory, includingPropertiesForKeys: nil)
                while let url = enumerator?.nextObject() as? URL {
                    guard url.path != sinkPath, url.path != credentialsPath, !url.path.hasSuffix("local-tokens.jsonl"),
                          !url.lastPathComponent.hasPrefix("local.sqlite"),
                          let data = FileManager.default.contents(atPath: url.path) else { continue }
                    files.append((url.lastPathComponent, String(decoding: data, as: UTF8.self)))
                }
                #expect(files.count >= 8, "expected plan, graph, drift reports and exports, found \(files.map(\.0))")
                for (name, text) in outputs + files {
                    for secret in secrets {
                        // The whole secret and its random part (everything after the `rill_xxx_` prefix).
                        let random = secret.hasPrefix("rill_")
                            ? secret.split(separator: "_").last.map(String.init) ?? secret : secret
                        #expect(!text.contains(secret) && !text.contains(random), "secret found in \(name)")
                    }
                }
            }
        }
    }
}
