import Foundation
import RillformAPI
import RillformApply
import RillformPlan
import Synchronization

/// B5: apply from an empty org against the emulator with Rill's per-method rate limiter on (180/min, burst 180),
/// with the client's pacer on. Reports the time against the per-method bound
/// `max over methods of max(0, calls - burst) / rate`, the calls per method, the 429s the server sent, and
/// failed actions (the target: zero of both). The baseline is the same bound with the methods one after another
/// (`sum over methods` instead of `max`): what an apply takes when a method's pacing waits hold the slots other
/// methods need, as before requests in flight were bounded apart from the walk (measured then: 151 s, ratio
/// 2.06, on 200 projects / 400 services). Running it sequentially would take longer still and adds nothing.
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
        let budget = ApplyBudget(plan: plan)
        print("   plan: about \(budget.totalCalls) calls; at Rill's limits at least \(format(budget.minimumSeconds)) s")
        let applier = PlanApplier(executor: PlanExecutor(writer: client.writer, tokenSink: nil),
                                  parallelism: settings.parallelism, pacer: client.pacing)
        // The periodic progress lines a log would get, echoed to show the pacing progress on a real run.
        let progress = ProgressEcho(start: start)
        let outcome = try await applier.apply(plan, output: progress, liveStatus: false)
        let elapsed = (ContinuousClock.now - start).seconds
        let log = await bench.emulator.accessLog()
        let limited = log.filter { $0.status == 429 }.count
        let snapshot = client.pacing.snapshot()
        let perMethod = snapshot.methods.map { ($0.key, $0.value.calls) }.sorted { ($0.1, $1.0) > ($1.1, $0.0) }
        // Rill keys its limiter on the method (the pacer counts per operationID, reads included).
        let over = perMethod.map { max(0, Double($0.1 - 180)) / 3 }
        let bound = over.max() ?? 0
        let serialised = over.reduce(0, +)
        let failed = outcome.report.results.values.filter { !$0.isSuccess }.count
        print("   calls: \(log.count) served, \(snapshot.calls) sent, \(perMethod.count) methods:")
        for (method, calls) in perMethod {
            print("     \(method.replacingOccurrences(of: "AdminService_", with: "")) ×\(calls)")
        }
        print("   time \(format(elapsed)) s; per-method bound \(format(bound)) s; ratio \(format(bound > 0 ? elapsed / bound : 0))")
        print("   baseline (methods one after another, as when pacing waits held the walker's slots): \(format(serialised)) s; "
            + "ratio \(format(bound > 0 ? serialised / bound : 0))")
        print("   429s from the server: \(limited); failed actions: \(failed); client waited \(format(snapshot.waited.seconds)) s in total across requests; exit \(outcome.exitStatus)")
        if outcome.exitStatus != .success { throw BenchError("apply failed:\n\(outcome.summary)") }
        if limited > 0 { throw BenchError("the server answered \(limited) requests with 429") }
    }
}

/// Prints the apply's periodic `Progress:` lines with the time since the start; drops the per-node lines.
private final class ProgressEcho: TextOutput, Sendable {
    let start: ContinuousClock.Instant
    private let pending = Mutex("")

    init(start: ContinuousClock.Instant) { self.start = start }

    func write(_ text: String) {
        let lines = pending.withLock { buffer -> [Substring] in
            buffer += text
            guard let cut = buffer.lastIndex(of: "\n") else { return [] }
            let complete = buffer[..<cut].split(separator: "\n")
            buffer = String(buffer[buffer.index(after: cut)...])
            return complete
        }
        for line in lines where line.hasPrefix("Progress:") {
            print("   [\(format((ContinuousClock.now - start).seconds, 0)) s] \(line)")
        }
    }
}
