import Foundation
import GRDB
import RillformAPI
import RillformEmulator

/// An in-process emulator on loopback with a temporary SQLite file, the admin client, and an empty org whose
/// quotas are lifted (Rill lets only superusers change quotas; the emulator's defaults cap an org at 100 projects).
struct BenchEmulator: Sendable {
    let emulator: RunningEmulator
    let directory: URL
    let adminToken: String

    static func start(org: String) async throws -> BenchEmulator {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("rillform-bench-\(UUID().uuidString.lowercased())", isDirectory: true)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let statePath = directory.appendingPathComponent("state.sqlite").path
        let emulator = try await Emulator.start(EmulatorOptions(statePath: statePath))
        guard let token = emulator.adminToken else { throw BenchError("the emulator issued no admin token") }
        let bench = BenchEmulator(emulator: emulator, directory: directory, adminToken: token)
        _ = try await bench.client(parallelism: 8).writer.createOrganization(name: org)
        // Seeding outside HTTP, like `createUser`: a second connection to the same WAL database.
        let queue = try DatabaseQueue(path: statePath)
        try await queue.write { db in
            try db.execute(sql: """
                UPDATE orgs SET quota_projects = -1, quota_deployments = -1, quota_slots_total = -1,
                    quota_slots_per_deployment = -1 WHERE name = ?
                """, arguments: [org])
        }
        try queue.close()
        return bench
    }

    /// An admin client with no client-side rate limit (the emulator is ours).
    func client(parallelism: Int, pageSize: Int? = nil) throws -> RillAdminClient {
        var options = RillAdminClient.Options()
        options.maxRequestsPerSecond = nil
        options.pageSize = pageSize
        return try RillAdminClient(baseURL: emulator.baseURL.absoluteString, token: try APIToken(adminToken),
                                   options: options)
    }

    func stop() async {
        await emulator.stop()
        try? FileManager.default.removeItem(at: directory)
    }
}

struct BenchError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
