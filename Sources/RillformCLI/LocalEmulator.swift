import Foundation
import RillformEmulator

/// `--local`: the embedded emulator, started in-process on a loopback ephemeral port.
///
/// State lives in `.rillform/local.sqlite` (relative to the working directory) and the emulator's own admin token
/// in `.rillform/local-admin-token` (mode 0600), so a second run sees what the first one applied.
enum LocalEmulator {
    static let directory = ".rillform"
    static var statePath: String { "\(directory)/local.sqlite" }
    static var adminTokenPath: String { "\(directory)/local-admin-token" }
    /// Where `apply --local` writes issued service tokens when no `--token-sink` is given.
    static var tokenSinkPath: String { "\(directory)/local-tokens.jsonl" }

    /// Starts the emulator and returns it with the admin token to use.
    static func start() async throws -> (emulator: RunningEmulator, adminToken: String) {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let stateExists = FileManager.default.fileExists(atPath: statePath)
        let tokenExists = FileManager.default.fileExists(atPath: adminTokenPath)
        if stateExists && !tokenExists {
            throw CLIError("\(statePath) exists but \(adminTokenPath) is missing; delete \(directory)/ to start afresh")
        }
        var options = EmulatorOptions(statePath: statePath)
        options.adminTokenFile = adminTokenPath
        let emulator = try await Emulator.start(options)
        do {
            // There is no GitHub to ask locally: every user may deploy every github.com repository. (Rill checks
            // the caller's GitHub access; tests of that refusal use a served emulator with explicit grants.)
            try await emulator.setGitHubOpenAccess(true)
            let token = try String(contentsOfFile: adminTokenPath, encoding: .utf8)
                .trimmingCharacters(in: .whitespacesAndNewlines)
            return (emulator, token)
        } catch {
            await emulator.stop()
            throw error
        }
    }
}
