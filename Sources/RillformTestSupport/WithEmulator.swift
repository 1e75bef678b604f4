import Foundation
import RillformEmulator

/// Starts a real emulator on 127.0.0.1 (port 0) with a fresh SQLite file in a temporary directory,
/// runs `body`, and always stops the server and removes the directory.
///
/// `gitHubOpenAccess` (the default) lets every user deploy every github.com repository, as `--local` does; tests of
/// Rill's GitHub access refusals pass `false` and grant access per repository.
public func withEmulator<T>(
    _ options: ((inout EmulatorOptions) -> Void)? = nil,
    gitHubOpenAccess: Bool = true,
    _ body: (RunningEmulator) async throws -> T
) async throws -> T {
    try await withTemporaryDirectory { directory in
        var emulatorOptions = EmulatorOptions(statePath: directory.appendingPathComponent("state.sqlite").path)
        options?(&emulatorOptions)
        let emulator = try await Emulator.start(emulatorOptions)
        do {
            if gitHubOpenAccess { try await emulator.setGitHubOpenAccess(true) }
            let result = try await body(emulator)
            await emulator.stop()
            return result
        } catch {
            await emulator.stop()
            throw error
        }
    }
}
