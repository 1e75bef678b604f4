import Foundation
import RillformAPI
import RillformEmulator

/// An in-process emulator on loopback with a temporary SQLite file, the admin client, and an empty org with
/// unlimited quotas (the emulator's defaults cap an org at 100 projects).
struct BenchEmulator: Sendable {
    let emulator: RunningEmulator
    let directory: URL
    let adminToken: String

    /// - Parameters:
    ///   - rillRateLimits: turn on the emulator's port of Rill's per-method limiter (180/min, burst 180).
    ///   - limitScale: multiplies that limit's rate and burst (the matrix's `--limit-scale`).
    static func start(org: String, seed: UInt64 = 0, rillRateLimits: Bool = false, limitScale: Int = 1) async throws
        -> BenchEmulator
    {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("rillform-bench-\(UUID().uuidString.lowercased())", isDirectory: true)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let statePath = directory.appendingPathComponent("state.sqlite").path
        var options = EmulatorOptions(statePath: statePath)
        options.seed = seed
        options.newOrgQuotas = .unlimited
        options.rateLimitEnabled = rillRateLimits
        options.rateLimitPerMinute = 180 * max(1, limitScale)
        options.rateLimitBurst = 180 * max(1, limitScale)
        let emulator = try await Emulator.start(options)
        try await emulator.setGitHubOpenAccess(true)  // projects deploy from git; there is no GitHub here
        guard let token = emulator.adminToken else { throw BenchError("the emulator issued no admin token") }
        let bench = BenchEmulator(emulator: emulator, directory: directory, adminToken: token)
        _ = try await bench.client(parallelism: 8).writer.createOrganization(name: org)
        return bench
    }

    /// An admin client; no client-side pacing unless `pacing` is given (the emulator is ours). At most
    /// `parallelism` requests in flight, as the CLI sets it.
    func client(parallelism: Int, pageSize: Int? = nil, pacing: PacingConfiguration? = nil) throws -> RillAdminClient {
        var options = RillAdminClient.Options()
        options.maxRequestsPerSecond = nil
        options.maxConcurrentRequests = parallelism
        options.pacing = pacing
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
