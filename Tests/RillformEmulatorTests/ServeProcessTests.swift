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
        let process: Process
        let baseURL: URL
    }

    /// Starts `serve`; nil (with the output) when it exits or prints no listening line within 20 s.
    static func serve(state: String, tokenFile: String) async throws -> (Served?, String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = ["emulator", "serve", "--port", "0", "--state", state, "--admin-token-file", tokenFile]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        var output = ""
        let deadline = Date().addingTimeInterval(20)
        while Date() < deadline {
            let chunk = pipe.fileHandleForReading.availableData
            if chunk.isEmpty {
                if !process.isRunning { break }
                try await Task.sleep(for: .milliseconds(50))
                continue
            }
            output += String(decoding: chunk, as: UTF8.self)
            if let line = output.split(separator: "\n").first(where: { $0.hasPrefix("rillform emulator listening on ") }),
                let url = URL(string: String(line.dropFirst("rillform emulator listening on ".count)))
            {
                return (Served(process: process, baseURL: url), output)
            }
        }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        return (nil, output)
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: binary)))
    func stateSurvivesKillDashNine() async throws {
        try await withTemporaryDirectory { directory in
            let state = directory.appendingPathComponent("state.sqlite").path
            let tokenFile = directory.appendingPathComponent("token").path
            let (firstRun, output) = try await Self.serve(state: state, tokenFile: tokenFile)
            guard let first = firstRun else {
                Issue.record("rillform emulator serve did not start: \(output)")
                return
            }
            #expect(!output.contains("rill_usr_"), "the token goes to the file, not stdout")
            let token = try String(contentsOfFile: tokenFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
            let admin = EmulatorHTTP(baseURL: first.baseURL, token: token)
            expectOK(try await admin.post("/v1/orgs", #"{"name":"durable"}"#))
            expectOK(try await admin.post("/v1/orgs/durable/services", #"{"name":"ci-bot","orgRoleName":"admin"}"#))
            kill(first.process.processIdentifier, SIGKILL)
            first.process.waitUntilExit()

            let (secondRun, secondOutput) = try await Self.serve(state: state, tokenFile: tokenFile + "-2")
            guard let second = secondRun else {
                Issue.record("restart failed: \(secondOutput)")
                return
            }
            #expect(!FileManager.default.fileExists(atPath: tokenFile + "-2"), "no new admin for an existing state file")
            let again = EmulatorHTTP(baseURL: second.baseURL, token: token)
            expectOK(try await again.get("/v1/orgs/durable/services/ci-bot"))
            // SIGTERM shuts down gracefully.
            second.process.terminate()
            second.process.waitUntilExit()
            #expect(second.process.terminationStatus == 0)
        }
    }
}
