import Foundation
@testable import RillformEmulator
import RillformTestSupport
import Testing

/// Starting fails with the path and the cause, and leaves nothing behind; the bootstrap admin can always get a
/// new token.
@Suite struct StartupTests {
    @Test func aMissingStateFolderNamesThePathAndCreatesNothing() async throws {
        try await withTemporaryDirectory { directory in
            let state = directory.appendingPathComponent("missing/state.sqlite").path
            let error = await #expect(throws: EmulatorError.self) {
                _ = try await Emulator.start(EmulatorOptions(statePath: state))
            }
            let text = error.map { "\($0)" } ?? ""
            #expect(text.contains(state))
            #expect(text.contains("does not exist"))
            #expect(!text.contains("SQLite error"))
            let left = try Self.entries(directory)
            #expect(left.isEmpty, "\(left)")
        }
    }

    @Test func aMissingTokenFileFolderFailsBeforeTheStateIsCreated() async throws {
        try await withTemporaryDirectory { directory in
            var options = EmulatorOptions(statePath: directory.appendingPathComponent("state.sqlite").path)
            options.adminTokenFile = directory.appendingPathComponent("nope/token").path
            await #expect(throws: EmulatorError.self) { _ = try await Emulator.start(options) }
            let left = try Self.entries(directory)
            #expect(left.isEmpty, "\(left)")
        }
    }

    @Test func aTakenPortLeavesNoStateAndNoTokenFile() async throws {
        try await withEmulator { running in
            try await withTemporaryDirectory { directory in
                var options = EmulatorOptions(statePath: directory.appendingPathComponent("state.sqlite").path)
                options.port = running.port
                options.adminTokenFile = directory.appendingPathComponent("token").path
                options.accessLogPath = directory.appendingPathComponent("access.jsonl").path
                let error = await #expect(throws: EmulatorError.self) { _ = try await Emulator.start(options) }
                let text = error.map { "\($0)" } ?? ""
                #expect(text.contains("127.0.0.1:\(running.port)"), "\(text)")
                #expect(text.contains("in use"), "\(text)")
                let left = try Self.entries(directory)
            #expect(left.isEmpty, "\(left)")
            }
        }
    }

    @Test func aTakenPortKeepsAnExistingStateFile() async throws {
        try await withTemporaryDirectory { directory in
            let state = directory.appendingPathComponent("state.sqlite").path
            let first = try await Emulator.start(EmulatorOptions(statePath: state))
            await first.stop()
            try await withEmulator { running in
                var options = EmulatorOptions(statePath: state)
                options.port = running.port
                await #expect(throws: EmulatorError.self) { _ = try await Emulator.start(options) }
            }
            #expect(FileManager.default.fileExists(atPath: state))
            let again = try await Emulator.start(EmulatorOptions(statePath: state))
            #expect(again.adminToken == nil)  // the same state: no second bootstrap admin
            await again.stop()
        }
    }

    @Test func theBootstrapAdminGetsANewTokenOnARunningState() async throws {
        try await withTemporaryDirectory { directory in
            let state = directory.appendingPathComponent("state.sqlite").path
            let first = try await Emulator.start(EmulatorOptions(statePath: state))
            let firstToken = try #require(first.adminToken)
            await first.stop()
            let restarted = try await Emulator.start(EmulatorOptions(statePath: state))
            #expect(restarted.adminToken == nil)
            let issued = try Emulator.issueAdminToken(statePath: state)  // while the server runs
            #expect(issued != firstToken)
            let me = expectOK(try await EmulatorHTTP(restarted, token: issued).get("/v1/users/current"))
            #expect(me["user"]?["email"]?.stringValue == Bootstrap.adminEmail)
            expectOK(try await EmulatorHTTP(restarted, token: firstToken).get("/v1/users/current"))
            await restarted.stop()
        }
    }

    @Test func noTokenForAMissingStateAndNoFileCreated() async throws {
        try await withTemporaryDirectory { directory in
            let state = directory.appendingPathComponent("state.sqlite").path
            #expect(throws: EmulatorError.noState(state)) { _ = try Emulator.issueAdminToken(statePath: state) }
            #expect(!FileManager.default.fileExists(atPath: state))
        }
    }

    private static func entries(_ directory: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: directory.path)
    }
}
