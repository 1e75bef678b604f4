import Foundation
import RillformTestSupport
import Testing

/// The emulator's commands as users run them: failures say which path and what to do; the admin token can always
/// be had again; help texts tell the truth about read-only commands.
@Suite struct EmulatorCLITests {
    @Test func serveInAMissingFolderNamesThePath() async throws {
        try await withTemporaryDirectory { directory in
            let state = directory.appendingPathComponent("missing/state.sqlite").path
            let result = try await CLIProcess.run(["emulator", "serve", "--state", state], in: directory)
            #expect(result.exitCode == 1)
            #expect(result.stderr.hasPrefix("Error: cannot create the state file \(state)"), "\(result.stderr)")
            #expect(!result.combined.contains("SQLite error"))
        }
    }

    @Test func tokenForAMissingStateSaysHowToStartOne() async throws {
        try await withTemporaryDirectory { directory in
            let result = try await CLIProcess.run(["emulator", "token", "--state", "nope.sqlite"], in: directory)
            #expect(result.exitCode == 1)
            #expect(result.stderr.contains("Error: no emulator state at nope.sqlite"), "\(result.stderr)")
            #expect(result.stderr.contains("rillform emulator serve --state nope.sqlite"))
            #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("nope.sqlite").path))
        }
    }

    @Test func tokenIssuesANewAdminTokenForAnExistingState() async throws {
        try await withTemporaryDirectory { directory in
            let first = try await CLIProcess.run(
                ["plan", "--local", "-f", CLIProcess.repositoryRoot.appendingPathComponent("Examples/quickstart").path],
                in: directory)
            #expect(first.exitCode == 0, "\(first.combined)")
            let local = directory.appendingPathComponent(".rillform/local.sqlite").path
            let result = try await CLIProcess.run(["emulator", "token", "--state", local], in: directory)
            #expect(result.exitCode == 0, "\(result.stderr)")
            #expect(result.stdout.hasPrefix("rill_usr_"))
            #expect(result.stdout.split(separator: "\n").count == 1)
        }
    }

    @Test func localRecoversALostAdminTokenFile() async throws {
        try await withTemporaryDirectory { directory in
            let manifest = CLIProcess.repositoryRoot.appendingPathComponent("Examples/quickstart").path
            let first = try await CLIProcess.run(["plan", "--local", "-f", manifest], in: directory)
            #expect(first.exitCode == 0, "\(first.combined)")
            let tokenFile = directory.appendingPathComponent(".rillform/local-admin-token")
            let lost = try String(contentsOf: tokenFile, encoding: .utf8)
            try FileManager.default.removeItem(at: tokenFile)
            let second = try await CLIProcess.run(["plan", "--local", "-f", manifest], in: directory)
            #expect(second.exitCode == 0, "\(second.combined)")
            let renewed = try String(contentsOf: tokenFile, encoding: .utf8)
            #expect(renewed.hasPrefix("rill_usr_") && renewed != lost)
            let mode = try FileManager.default.attributesOfItem(atPath: tokenFile.path)[.posixPermissions] as? Int
            #expect(mode == 0o600)
        }
    }

    @Test func helpTextsOfReadOnlyCommands() async throws {
        try await withTemporaryDirectory { directory in
            let drift = try await CLIProcess.run(["drift", "--help"], in: directory)
            #expect(drift.stdout.contains("3 refused by the"), "\(drift.stdout)")
            for command in ["drift", "graph"] {
                let help = try await CLIProcess.run([command, "--help"], in: directory)
                #expect(!help.stdout.contains("Delete live resources"), "\(command): \(help.stdout)")
                #expect(help.stdout.contains("Read-only"), "\(command)")
            }
            let serve = try await CLIProcess.run(["emulator", "serve", "--help"], in: directory)
            #expect(serve.stdout.contains("rillform emulator token --state"))
        }
    }
}
