import Foundation
import RillformAPI
import RillformApply
import RillformManifest
import RillformModel
import RillformPlan

/// Settings shared by the scenarios.
struct BenchSettings: Sendable {
    var latencyMilliseconds: Int
    var parallelism: Int
    var scale: ScaleManifest
    var cpuScale: ScaleManifest
    var startupRuns: Int
    var binary: String?
    var sequential: Bool
}

enum Scenarios {
    static func loadDesired(_ manifest: ScaleManifest) throws -> DesiredState {
        let result = ManifestLoader.load(text: manifest.yaml, path: "bench.yaml")
        guard let state = result.state else {
            throw BenchError("generated manifest is invalid: \(result.diagnostics.prefix(3).map(\.description))")
        }
        return state
    }

    static func readAndPlan(_ client: RillAdminClient, desired: DesiredState, parallelism: Int) async throws -> Plan {
        // As the CLI reads: only what the plan needs (for the scale manifest: every project and service).
        let options = PlanOptions(now: Date())
        let readPlan = ReadPlan(desired: desired, options: options)
        let live = try await LiveStateReader(reader: client.reader)
            .read(orgs: readPlan.orgs, parallelism: parallelism, details: readPlan.details(for:))
        return Planner.plan(desired: desired, live: live, options: options)
    }

    // MARK: - B3

    static func cpu(_ settings: BenchSettings) async throws {
        let manifest = settings.cpuScale
        print("== B3 load + validate + plan, \(manifest.resourceCount) resources, in memory, no HTTP")
        let baseline = peakResidentMiB()
        let text = manifest.yaml
        let live = manifest.liveState
        let (result, loadTime) = await measure { ManifestLoader.load(text: text, path: "bench.yaml") }
        guard let desired = result.state else {
            throw BenchError("generated manifest is invalid: \(result.diagnostics.prefix(3).map(\.description))")
        }
        let (plan, planTime) = await measure { Planner.plan(desired: desired, live: live, options: PlanOptions(now: Date())) }
        let peak = peakResidentMiB()
        print("   yaml: \(text.utf8.count / 1024) KiB; diagnostics: \(result.diagnostics.count); plan changes: \(plan.changes.count) (expected 0)")
        print("   load+validate: \(format(loadTime.milliseconds, 0)) ms; plan: \(format(planTime.milliseconds, 0)) ms; total: \(format((loadTime + planTime).milliseconds, 0)) ms")
        print("   peak RSS (ru_maxrss): \(format(peak, 1)) MiB (before generating the input: \(format(baseline, 1)) MiB)")
    }

    // MARK: - B4

    static func startup(_ settings: BenchSettings) async throws {
        let root = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        let candidates = [settings.binary, ".build/release/rillform", ".build/debug/rillform"].compactMap { $0 }
        guard let binary = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            throw BenchError("no rillform binary found (tried \(candidates)); run `swift build -c release --product rillform`")
        }
        let example = root.appendingPathComponent("Examples/quickstart").path
        print("== B4 start-up: `\(binary) validate -f Examples/quickstart`, \(settings.startupRuns) runs")
        var times: [Double] = []
        for _ in 0..<max(1, settings.startupRuns) {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: binary)
            process.arguments = ["validate", "-f", example]
            process.standardOutput = FileHandle(forWritingAtPath: "/dev/null")
            process.standardError = FileHandle(forWritingAtPath: "/dev/null")
            let (status, time) = try await measure { () async throws -> Int32 in
                try process.run()
                process.waitUntilExit()
                return process.terminationStatus
            }
            if status != 0 { throw BenchError("validate exited \(status)") }
            times.append(time.milliseconds)
        }
        let sorted = times.sorted()
        print("   median \(format(sorted[sorted.count / 2], 1)) ms; min \(format(sorted[0], 1)) ms; max \(format(sorted[sorted.count - 1], 1)) ms")
    }

    // MARK: - B1 and B2

    static func emulatorScenarios(_ settings: BenchSettings, runApply: Bool, runPlan: Bool) async throws {
        let manifest = settings.scale
        let desired = try loadDesired(manifest)
        let bench = try await BenchEmulator.start(org: manifest.org)
        do {
            try await emulatorScenarios(settings, bench: bench, desired: desired, runApply: runApply, runPlan: runPlan)
            await bench.stop()
        } catch {
            await bench.stop()
            throw error
        }
    }

    private static func emulatorScenarios(_ settings: BenchSettings, bench: BenchEmulator, desired: DesiredState,
                                          runApply: Bool, runPlan: Bool) async throws
    {
        let manifest = settings.scale
        let latency = Double(settings.latencyMilliseconds) / 1000
        let parallelism = settings.parallelism
        let emulator = bench.emulator
        let client = try bench.client(parallelism: parallelism)
        if runApply {
            print("== B2 apply at scale from an empty org: \(manifest.resourceCount - 1) resources, latency \(settings.latencyMilliseconds) ms, parallelism \(parallelism)")
            await emulator.setFaults(rate: 0, kinds: [], latencyMilliseconds: settings.latencyMilliseconds)
            await emulator.resetAccessLog()
            let (plan, planTime) = try await measure { try await readAndPlan(client, desired: desired, parallelism: parallelism) }
            let planCalls = CallCount(await emulator.accessLog())
            print("   read+plan (empty org): \(format(planTime.seconds)) s, \(planCalls); \(plan.changes.count) changes")
            await emulator.resetAccessLog()
            let nodes = plan.applyGraph()
            let applier = PlanApplier(executor: PlanExecutor(writer: client.writer, tokenSink: nil), parallelism: parallelism)
            let (outcome, applyTime) = try await measure {
                try await applier.apply(plan, output: DiscardOutput(), liveStatus: false)
            }
            let calls = CallCount(await emulator.accessLog())
            let path = criticalPathLength(nodes)
            let lower = max(Double(path), Double(calls.writes) / Double(parallelism)) * latency
            let brent = (Double(path) + Double(calls.writes) / Double(parallelism)) * latency
            print("   apply: \(format(applyTime.seconds)) s, \(calls), exit \(outcome.exitStatus); \(nodes.count) graph nodes, critical path \(path) nodes")
            print("   reads during apply by route: \(calls.readsByPath.sorted { $0.key < $1.key })")
            print("   ideal: lower bound max(path, writes/P)*L = \(format(lower)) s (ratio \(format(applyTime.seconds / lower))); greedy bound (path + writes/P)*L = \(format(brent)) s (ratio \(format(applyTime.seconds / brent)))")
            if outcome.exitStatus != .success { throw BenchError("apply failed:\n\(outcome.summary)") }
        } else {
            // Seed fast: no latency, wide parallelism; not measured.
            await emulator.setFaults(rate: 0, kinds: [], latencyMilliseconds: 0)
            let plan = try await readAndPlan(client, desired: desired, parallelism: 32)
            let outcome = try await PlanApplier(
                executor: PlanExecutor(writer: client.writer, tokenSink: nil), parallelism: 32)
                .apply(plan, output: DiscardOutput(), liveStatus: false)
            if outcome.exitStatus != .success { throw BenchError("seeding failed:\n\(outcome.summary)") }
        }
        guard runPlan else { return }

        print("== B1 plan at scale, no changes: \(manifest.projects) projects, \(manifest.services) services, \(manifest.services * manifest.rolesPerService) project roles, \(manifest.projects) prod deployments; latency \(settings.latencyMilliseconds) ms")
        await emulator.setFaults(rate: 0, kinds: [], latencyMilliseconds: settings.latencyMilliseconds)
        let projectPages = (manifest.projects + 1000) / 1000  // pageSize 1000; Rill sends a token when a page is full
        let minimumCalls = 1 + projectPages + 1 + 2 * manifest.projects
        let ideal = max(3 + Double(projectPages - 1), Double(minimumCalls) / Double(parallelism)) * latency
        print("   minimum calls with list endpoints: 1 org + \(projectPages) project page(s) of 1000 + 1 services + \(manifest.projects) deployment lists + \(manifest.projects) project-service lists = \(minimumCalls)")
        print("   ideal bound max(3 levels, calls/P)*L = \(format(ideal)) s")
        var runs: [(String, Int, Int?)] = [("as shipped (server page size)", parallelism, nil),
                                          ("pageSize 1000", parallelism, 1000)]
        if settings.sequential {
            runs.append(("sequential, as shipped", 1, nil))
            runs.append(("sequential, pageSize 1000", 1, 1000))
        }
        var baseline: [Int?: Double] = [:]
        for (label, width, pageSize) in runs {
            let runClient = try bench.client(parallelism: width, pageSize: pageSize)
            await emulator.resetAccessLog()
            let (plan, time) = try await measure { try await readAndPlan(runClient, desired: desired, parallelism: width) }
            let calls = CallCount(await emulator.accessLog())
            var line = "   \(label), parallelism \(width): \(format(time.seconds)) s, \(calls); changes \(plan.changes.count) (expected 0); ratio to ideal \(format(time.seconds / ideal))"
            if width == parallelism {
                baseline[pageSize] = time.seconds
            } else if let parallel = baseline[pageSize] {
                line += "; sequential / parallel = \(format(time.seconds / parallel))"
            }
            print(line)
            if plan.hasChanges { throw BenchError("plan at scale is not empty: \(plan.changes.prefix(3).map(\.address))") }
        }
    }
}
