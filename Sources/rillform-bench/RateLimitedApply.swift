import Foundation
import RillformAPI
import RillformApply
import RillformPlan

/// B5: apply from an empty org against the emulator with Rill's per-method rate limiter on (180/min, burst 180),
/// with the client's pacer on. Reports the time against the per-method bound
/// `max over methods of max(0, calls - burst) / rate`, the calls per method, the 429s the server sent, and
/// failed actions (the target: zero of both).
enum RateLimitedApply {
    static func run(_ settings: BenchSettings, manifest: ScaleManifest) async throws {
        print("== B5 apply with Rill's rate limits on: \(manifest.resourceCount - 1) resources, latency \(settings.latencyMilliseconds) ms, parallelism \(settings.parallelism)")
        let bench = try await BenchEmulator.start(org: manifest.org, rillRateLimits: true)
        do {
            try await measureApply(settings, manifest: manifest, bench: bench)
            await bench.stop()
        } catch {
            await bench.stop()
            throw error
        }
    }

    private static func measureApply(_ settings: BenchSettings, manifest: ScaleManifest, bench: BenchEmulator)
        async throws
    {
        let desired = try Scenarios.loadDesired(manifest)
        let client = try bench.client(parallelism: settings.parallelism, pageSize: 1000, pacing: .rill)
        await bench.emulator.setFaults(rate: 0, kinds: [], latencyMilliseconds: settings.latencyMilliseconds)
        await bench.emulator.resetAccessLog()
        let start = ContinuousClock.now
        let plan = try await Scenarios.readAndPlan(client, desired: desired, parallelism: settings.parallelism)
        let applier = PlanApplier(executor: PlanExecutor(writer: client.writer, tokenSink: nil),
                                  parallelism: settings.parallelism)
        let outcome = try await applier.apply(plan, output: DiscardOutput(), liveStatus: false)
        let elapsed = (ContinuousClock.now - start).seconds
        let log = await bench.emulator.accessLog()
        var perRoute: [String: Int] = [:]
        for entry in log { perRoute["\(entry.method) \(CallCount.shape(entry.path))", default: 0] += 1 }
        let limited = log.filter { $0.status == 429 }.count
        // Rill keys its limiter on the method; one route shape is one method here.
        let bound = perRoute.values.map { max(0, Double($0 - 180)) / 3 }.max() ?? 0
        let snapshot = client.pacing.snapshot()
        print("   calls: \(log.count) (\(perRoute.count) methods); busiest: "
            + perRoute.sorted { ($0.value, $0.key) > ($1.value, $1.key) }.prefix(4).map { "\($0.key) ×\($0.value)" }
                .joined(separator: ", "))
        print("   time \(format(elapsed)) s; per-method bound \(format(bound)) s; ratio \(format(bound > 0 ? elapsed / bound : 0))")
        print("   429s from the server: \(limited); client waited \(format(snapshot.waited.seconds)) s in total across requests; exit \(outcome.exitStatus)")
        if outcome.exitStatus != .success { throw BenchError("apply failed:\n\(outcome.summary)") }
        if limited > 0 { throw BenchError("the server answered \(limited) requests with 429") }
    }
}
