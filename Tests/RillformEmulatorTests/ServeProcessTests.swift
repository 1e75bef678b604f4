import Foundation
@testable import RillformEmulator
import RillformTestSupport
import Testing

/// Runs the built `rillform emulator serve` binary as a subprocess to check kill -9 survival.
/// Enabled only when `rillform` was built beside the tests (`swift build --product rillform`, same configuration).
@Suite struct ServeProcessTests {
    static let binary = CLIProcess.binaryPath

    /// A started `serve` subprocess and the base URL it printed.
    struct Served {
        let child: RunningChild
        let baseURL: URL
    }

    /// Starts `serve`; nil (with the output) when it exits or prints no listening line within 20 s.
    static func serve(state: String, tokenFile: String, in directory: URL) async throws -> (Served?, String) {
        let child = RunningChild(
            executable: binary,
            arguments: ["emulator", "serve", "--port", "0", "--state", state, "--admin-token-file", tokenFile],
            in: directory, environment: ["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"])
        if let address = try await child.line(startingWith: "rillform emulator listening on ", timeout: .seconds(20)),
            let url = URL(string: address)
        {
            return (Served(child: child, baseURL: url), child.output)
        }
        child.send(SIGKILL)
        _ = try await child.wait()
        return (nil, child.output)
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: binary)))
    func stateSurvivesKillDashNine() async throws {
        try await withTemporaryDirectory { directory in
            let state = directory.appendingPathComponent("state.sqlite").path
            let tokenFile = directory.appendingPathComponent("token").path
            let (firstRun, output) = try await Self.serve(state: state, tokenFile: tokenFile, in: directory)
            guard let first = firstRun else {
                Issue.record("rillform emulator serve did not start: \(output)")
                return
            }
            #expect(!output.contains("rill_usr_"), "the token goes to the file, not stdout")
            let token = try String(contentsOfFile: tokenFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
            let admin = EmulatorHTTP(baseURL: first.baseURL, token: token)
            expectOK(try await admin.post("/v1/orgs", #"{"name":"durable"}"#))
            expectOK(try await admin.post("/v1/orgs/durable/services", #"{"name":"ci-bot","orgRoleName":"admin"}"#))
            first.child.send(SIGKILL)
            #expect(try await first.child.wait() == 128 + SIGKILL)

            let (secondRun, secondOutput) = try await Self.serve(state: state, tokenFile: tokenFile + "-2", in: directory)
            guard let second = secondRun else {
                Issue.record("restart failed: \(secondOutput)")
                return
            }
            #expect(!FileManager.default.fileExists(atPath: tokenFile + "-2"), "no new admin for an existing state file")
            let again = EmulatorHTTP(baseURL: second.baseURL, token: token)
            expectOK(try await again.get("/v1/orgs/durable/services/ci-bot"))
            // SIGTERM shuts down gracefully.
            second.child.send(SIGTERM)
            #expect(try await second.child.wait() == 0)
        }
    }
}
