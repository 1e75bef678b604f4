import Foundation
@testable import RillformEmulator
import RillformTestSupport
import Testing

@Suite struct ConcurrencyTests {
    /// Parallel writers are serialised by SQLite's single writer (WAL), without busy errors or lost writes.
    @Test func concurrentWritesAllCommit() async throws {
        try await withEmulator { emulator in
            let token: String = try #require(emulator.adminToken)
            let admin = EmulatorHTTP(emulator, token: token)
            expectOK(try await admin.post("/v1/orgs", #"{"name":"acme"}"#))
            let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
                for index in 0..<24 {
                    group.addTask {
                        let body = #"{"name":"svc-\#(index)","orgRoleName":"viewer"}"#
                        return try await admin.post("/v1/orgs/acme/services", body).status
                    }
                }
                return try await group.reduce(into: [Int]()) { $0.append($1) }
            }
            #expect(statuses == Array(repeating: 200, count: 24))
            #expect(expectOK(try await admin.get("/v1/orgs/acme/services"))["services"]?.arrayValue.count == 24)
            #expect(await emulator.accessLog().count == 26)
        }
    }

    @Test func stateFileUsesWriteAheadLogging() async throws {
        try await withTemporaryDirectory { directory in
            let path = directory.appendingPathComponent("state.sqlite").path
            let emulator = try await Emulator.start(EmulatorOptions(statePath: path))
            let token: String = try #require(emulator.adminToken)
            let admin = EmulatorHTTP(emulator, token: token)
            expectOK(try await admin.post("/v1/orgs", #"{"name":"acme"}"#))
            #expect(FileManager.default.fileExists(atPath: path + "-wal"))
            await emulator.stop()
        }
    }
}
