import Foundation
import RillformAPI
import RillformEmulator
import RillformApply
import RillformManifest
import RillformModel
import RillformPlan

/// Issue 11's benchmark matrix: against the emulator with 20 ms latency, with Rill's per-method limits off and on,
/// at 1× and 4× the scale shape: plan with no changes, apply from an empty org, and a 10% change set (plan +
/// apply). Each run is timed from its first read to its last write, with a fresh client (and so a fresh pacer).
///
/// Bounds:
/// - limits off: the network bound. Reading: `max(levels, calls / P) × L` with levels = the project pages (the
///   org, its service list and the role catalog need nothing first), then the per-project lists. Applying:
///   `max(critical path, calls / P) × L`. A run is its reading plus its applying.
/// - limits on: `max(per-method bound + L, network bound)`, the per-method bound being
///   `max_m max(0, calls_m − burst) / rate` over the calls the client sent (``ApplyBudget/minimumSeconds``).
///   A run that plans and then applies is two phases, one after the other (the writes need the plan): its bound
///   is the sum of the phases' bounds, each phase with its own calls per method.
///   With `--limit-scale K` both the emulator's limit and the client's pacing are K times Rill's (rate and burst),
///   which shrinks that bound by exactly K; the ratio is to the scaled bound.
enum Matrix {
    struct Options: Sendable {
        var scales: [Int]
        var limitsOn: [Bool]
        var limitScale: Int
        var sequential: Bool
    }

    /// Reading or applying: the calls per method the client sent and the network bound.
    struct Phase: Sendable {
        var callsByMethod: [String: Int]
        var networkBound: Double
    }

    /// One measured run: time, the calls it made, and its outcome.
    struct Measured: Sendable {
        var seconds: Double
        var phases: [Phase]
        var served: Int
        var rateLimited: Int
        var failedActions: Int
        var changes: Int

        var networkBound: Double { phases.map(\.networkBound).reduce(0, +) }
        var callsByMethod: [String: Int] {
            phases.reduce(into: [:]) { total, phase in total.merge(phase.callsByMethod, uniquingKeysWith: +) }
        }
    }

    static func run(_ settings: BenchSettings, options: Options) async throws {
        var rows: [MatrixRow] = []
        for limitsOn in options.limitsOn {
            for scale in options.scales {
                let manifest = settings.scale.scaled(by: scale)
                let limitScale = limitsOn ? max(1, options.limitScale) : 1
                print("== matrix: limits \(limitsOn ? "on" : "off")\(limitScale > 1 ? " ×\(limitScale)" : ""), \(scale)×: "
                    + "\(manifest.projects) projects, \(manifest.services) services, "
                    + "\(manifest.services * manifest.rolesPerService) project roles, \(manifest.projects) prod deployments; "
                    + "latency \(settings.latencyMilliseconds) ms, parallelism \(settings.parallelism)")
                let measured = limitsOn
                    ? try await limitedRuns(settings, manifest: manifest, scale: scale, limitScale: limitScale)
                    : try await unlimitedRuns(settings, manifest: manifest, scale: scale, sequential: options.sequential)
                rows += measured
            }
        }
        print("")
        print(MatrixTable(rows: rows, latencyMilliseconds: settings.latencyMilliseconds).markdown)
    }

    // MARK: - Limits off

    private static func unlimitedRuns(_ settings: BenchSettings, manifest: ScaleManifest, scale: Int,
                                      sequential: Bool) async throws -> [MatrixRow]
    {
        let bench = try await BenchEmulator.start(org: manifest.org)
        do {
            let rows = try await unlimitedRuns(settings, bench: bench, manifest: manifest, scale: scale,
                                               sequential: sequential)
            await bench.stop()
            return rows
        } catch {
            await bench.stop()
            throw error
        }
    }

    private static func unlimitedRuns(_ settings: BenchSettings, bench: BenchEmulator, manifest: ScaleManifest,
                                      scale: Int, sequential: Bool) async throws -> [MatrixRow]
    {
        let parallelism = settings.parallelism
        await bench.emulator.setFaults(rate: 0, kinds: [], latencyMilliseconds: settings.latencyMilliseconds)
        let desired = try Scenarios.loadDesired(manifest)
        let row = { (run: String, width: Int, measured: Measured, baseline: Measured?) in
            MatrixRow(limits: "off", size: "\(scale)×", run: run, parallelism: width, measured: measured,
                      bound: measured.networkBound, boundKind: .network, sequentialSeconds: baseline?.seconds)
        }
        var rows: [MatrixRow] = []

        let apply = try await measureRun(settings, bench: bench, desired: desired, parallelism: parallelism,
                                         liveProjects: 0, apply: true, pacing: nil)
        var applySequential: Measured?
        if sequential {
            // A second, empty org in the same emulator: the same apply, one request at a time.
            var other = manifest
            other.org = manifest.org + "seq"
            _ = try await bench.client(parallelism: 8).writer.createOrganization(name: other.org)
            applySequential = try await measureRun(settings, bench: bench, desired: try Scenarios.loadDesired(other),
                                                   parallelism: 1, liveProjects: 0, apply: true, pacing: nil)
        }
        rows.append(row("apply from empty", parallelism, apply, applySequential))
        if let applySequential { rows.append(row("apply from empty, sequential", 1, applySequential, nil)) }

        let plan = try await measureRun(settings, bench: bench, desired: desired, parallelism: parallelism,
                                        liveProjects: manifest.projects, apply: false, pacing: nil)
        var planSequential: Measured?
        if sequential {
            planSequential = try await measureRun(settings, bench: bench, desired: desired, parallelism: 1,
                                                  liveProjects: manifest.projects, apply: false, pacing: nil)
        }
        rows.append(row("plan, no changes", parallelism, plan, planSequential))
        if let planSequential { rows.append(row("plan, no changes, sequential", 1, planSequential, nil)) }

        let change = try await changeSet(settings, bench: bench, manifest: manifest, pacing: nil)
        rows.append(row("10% change set (plan + apply)", parallelism, change, nil))
        for row in rows { print("   " + row.summary) }
        try checkOutcomes(rows, manifest: manifest)
        return rows
    }

    // MARK: - Limits on

    private static func limitedRuns(_ settings: BenchSettings, manifest: ScaleManifest, scale: Int,
                                    limitScale: Int) async throws -> [MatrixRow]
    {
        let bench = try await BenchEmulator.start(org: manifest.org, rillRateLimits: true, limitScale: limitScale)
        do {
            let rows = try await limitedRuns(settings, bench: bench, manifest: manifest, scale: scale,
                                             limitScale: limitScale)
            await bench.stop()
            return rows
        } catch {
            await bench.stop()
            throw error
        }
    }

    private static func limitedRuns(_ settings: BenchSettings, bench: BenchEmulator, manifest: ScaleManifest,
                                    scale: Int, limitScale: Int) async throws -> [MatrixRow]
    {
        let parallelism = settings.parallelism
        let perMinute = 180 * limitScale
        let limit = APIRateLimit(requestsPerMinute: perMinute, burst: perMinute)
        let pacing = PacingConfiguration(defaultLimit: .perMinute(perMinute))
        let latency = Double(settings.latencyMilliseconds) / 1000
        await bench.emulator.setFaults(rate: 0, kinds: [], latencyMilliseconds: settings.latencyMilliseconds)
        let desired = try Scenarios.loadDesired(manifest)
        let limits = limitScale == 1 ? "on (180/min, burst 180)" : "on ×\(limitScale) (\(perMinute)/min, burst \(perMinute))"
        let row = { (run: String, measured: Measured) -> MatrixRow in
            let bound = measured.phases.map { (phase: Phase) -> Double in
                let perMethod = ApplyBudget(callsByMethod: phase.callsByMethod, limit: limit).minimumSeconds
                return max(perMethod + latency, phase.networkBound)
            }.reduce(0.0, +)
            return MatrixRow(limits: limits, size: "\(scale)×", run: run, parallelism: parallelism, measured: measured,
                             bound: bound, boundKind: .perMethod, sequentialSeconds: nil)
        }
        // Every run starts with full buckets, as its bound assumes: a drained bucket refills in burst × interval,
        // 60 s whatever the scale.
        let refill = Duration.seconds(61)
        var rows: [MatrixRow] = []
        let apply = try await measureRun(settings, bench: bench, desired: desired, parallelism: parallelism,
                                         liveProjects: 0, apply: true, pacing: pacing)
        rows.append(row("apply from empty", apply))
        print("   " + rows[rows.count - 1].summary)
        try await Task.sleep(for: refill)
        let plan = try await measureRun(settings, bench: bench, desired: desired, parallelism: parallelism,
                                        liveProjects: manifest.projects, apply: false, pacing: pacing)
        rows.append(row("plan, no changes", plan))
        print("   " + rows[rows.count - 1].summary)
        try await Task.sleep(for: refill)
        let change = try await changeSet(settings, bench: bench, manifest: manifest, pacing: pacing)
        rows.append(row("10% change set (plan + apply)", change))
        print("   " + rows[rows.count - 1].summary)
        try checkOutcomes(rows, manifest: manifest)
        return rows
    }

    // MARK: - Runs

    /// Every 10th project gets a description and every 10th service's roles flip; plan and apply that.
    private static func changeSet(_ settings: BenchSettings, bench: BenchEmulator, manifest: ScaleManifest,
                                  pacing: PacingConfiguration?) async throws -> Measured
    {
        var changed = manifest
        changed.changeEvery = 10
        return try await measureRun(settings, bench: bench, desired: try Scenarios.loadDesired(changed),
                                    parallelism: settings.parallelism, liveProjects: manifest.projects, apply: true,
                                    pacing: pacing)
    }

    /// Reads and plans (as the CLI does), then applies when `apply`, with a fresh client.
    private static func measureRun(_ settings: BenchSettings, bench: BenchEmulator, desired: DesiredState,
                                   parallelism: Int, liveProjects: Int, apply: Bool,
                                   pacing: PacingConfiguration?) async throws -> Measured
    {
        let latency = Double(settings.latencyMilliseconds) / 1000
        let client = try bench.client(parallelism: parallelism, pageSize: 1000, pacing: pacing)
        await bench.emulator.resetAccessLog()
        let start = ContinuousClock.now
        // As Scenarios.readAndPlan, timed in parts: where a run spends its time beyond the bound.
        let options = PlanOptions(now: Date())
        let readPlan = ReadPlan(desired: desired, options: options)
        let live = try await LiveStateReader(reader: client.reader)
            .read(orgs: readPlan.orgs, parallelism: parallelism, details: readPlan.details(for:))
        let readDone = ContinuousClock.now
        let plan = Planner.plan(desired: desired, live: live, options: options)
        let planDone = ContinuousClock.now
        let readLog = await bench.emulator.accessLog()
        let readCalls = readLog.count
        // The project pages (a full page of 1000 is followed by another; the org, the service list and the role
        // catalog go out with the first), then the per-project lists.
        let levels = (liveProjects / 1000 + 1) + (liveProjects > 0 ? 1 : 0)
        let readMethods = client.pacing.snapshot().methods.mapValues(\.calls)
        var phases = [Phase(callsByMethod: readMethods.filter { $0.value > 0 },
                            networkBound: max(Double(levels), Double(readCalls) / Double(parallelism)) * latency)]
        var failed = 0
        if apply && plan.hasChanges {
            let applier = PlanApplier(executor: PlanExecutor(writer: client.writer, tokenSink: nil),
                                      parallelism: parallelism, pacer: pacing == nil ? nil : client.pacing)
            let outcome = try await applier.apply(plan, output: DiscardOutput(), liveStatus: false)
            failed = outcome.report.results.values.filter { !$0.isSuccess }.count
            let applyCalls = await bench.emulator.accessLog().count - readCalls
            let path = criticalPathLength(plan.applyGraph())
            let applyMethods = client.pacing.snapshot().methods.mapValues(\.calls)
                .map { ($0.key, $0.value - (readMethods[$0.key] ?? 0)) }.filter { $0.1 > 0 }
            phases.append(Phase(callsByMethod: Dictionary(uniqueKeysWithValues: applyMethods),
                                networkBound: max(Double(path), Double(applyCalls) / Double(parallelism)) * latency))
        }
        let end = ContinuousClock.now
        let seconds = (end - start).seconds
        let log = await bench.emulator.accessLog()
        print("     " + Self.breakdown(read: (readDone - start).seconds, plan: (planDone - readDone).seconds,
                                       apply: (end - planDone).seconds, readLog: readLog,
                                       applyLog: Array(log.dropFirst(readLog.count))))
        return Measured(seconds: seconds, phases: phases, served: log.count,
                        rateLimited: log.filter { $0.status == 429 }.count, failedActions: failed,
                        changes: plan.changes.count)
    }

    /// `read 2.1 s (1004 calls, 20.6 ms each at the server, 9.7 in flight); plan 0.21 s; apply 0.0 s (…)`: the
    /// server's own time per call (injected latency + handling) and the mean number of calls in flight, from the
    /// access log, so a ratio above 1 can be told apart: slow calls, too few in flight, or time outside the calls.
    static func breakdown(read: Double, plan: Double, apply: Double, readLog: [AccessLogEntry],
                          applyLog: [AccessLogEntry]) -> String {
        func phase(_ name: String, _ seconds: Double, _ entries: [AccessLogEntry]) -> String {
            let server = Double(entries.map(\.latencyMilliseconds).reduce(0, +))
            let perCall = entries.isEmpty ? 0 : server / Double(entries.count)
            let inFlight = seconds > 0 ? server / 1000 / seconds : 0
            return "\(name) \(format(seconds, 2)) s (\(entries.count) calls, \(format(perCall, 1)) ms each at the server, "
                + "\(format(inFlight, 1)) in flight)"
        }
        return [phase("read", read, readLog), "plan \(format(plan, 2)) s", phase("apply", apply, applyLog)]
            .joined(separator: "; ")
    }

    /// The runs must have done what they claim: a plan of an unchanged org is empty, the change set is 10%.
    private static func checkOutcomes(_ rows: [MatrixRow], manifest: ScaleManifest) throws {
        var changed = manifest
        changed.changeEvery = 10
        for row in rows {
            let expected: Int? = row.run.hasPrefix("plan") ? 0 : row.run.hasPrefix("10%") ? changed.changeCount : nil
            if let expected, row.measured.changes != expected {
                throw BenchError("\(row.run): \(row.measured.changes) changes planned, expected \(expected)")
            }
        }
    }
}
