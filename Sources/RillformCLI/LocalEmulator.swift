import Foundation
import RillformEmulator

/// `--local`: the embedded emulator, started in-process on a loopback ephemeral port.
///
/// State lives in `.rillform/local.sqlite` (relative to the working directory) and the emulator's own admin token
/// in `.rillform/local-admin-token` (mode 0600), so a second run sees what the first one applied. A lost token file
/// is replaced by a new token for the same admin.
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
            // Only token hashes are stored: issue the bootstrap admin a new token (as `emulator token` does).
            try writeAdminToken(try issueAdminToken())
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

    private static func issueAdminToken() throws -> String {
        do {
            return try Emulator.issueAdminToken(statePath: statePath)
        } catch let error as EmulatorError {
            throw CommandError("\(error.description); delete \(directory)/ to start afresh")
        }
    }

    private static func writeAdminToken(_ token: String) throws {
        guard
            FileManager.default.createFile(
                atPath: adminTokenPath, contents: Data((token + "\n").utf8), attributes: [.posixPermissions: 0o600])
        else { throw CommandError("cannot write \(adminTokenPath)") }
    }
}
