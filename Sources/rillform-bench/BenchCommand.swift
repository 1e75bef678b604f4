import ArgumentParser
import Foundation

/// `swift run -c release rillform-bench [b1 b2 b3 b4] [--latency-ms 20] [--parallelism 10]`
@main
struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rillform-bench",
        abstract: "Benchmarks against the in-process emulator with injected latency (see /tmp/benchmarks.md).",
        discussion: """
            b1: plan at scale with no changes (read live state + plan), vs the ideal bound and a sequential reader.
            b2: apply the same manifest from an empty org, vs the ideal graph bound.
            b3: load + validate + plan a large manifest in memory (no HTTP): time and peak RSS.
            b4: start-up of the built binary (`validate -f Examples/quickstart`), median of N runs.
            b5: apply from empty with Rill's rate limiter on in the emulator and the client's pacer on (about 1,000
                calls by default: --b5-projects, --b5-services); reports 429s and the per-method bound.
            b6: plan --cpu-resources resources against a live org drifted in 9,000 places (role changes, revokes,
                deployment deletes), plus the guards, in memory: time and peak RSS.
            matrix: issue 11's matrix (limits off and on, 1× and 4×: plan with no changes, apply from empty, a 10%
                change set), with --matrix-scales, --matrix-limits and --limit-scale; prints a Markdown table.
            b7: the saved-plan freshness check (StalePlanCheck and the reads it needs) on 8,000+ changes, the former
                per-change scans against the indexed lookups.
            soak: the long reliability run (not part of the default set); uses --projects/--services and --binary.
            Run b3 alone for a clean peak RSS.
            """)

    @Argument(help: "Scenarios to run (b1 b2 b3 b4); all by default.")
    var scenarios: [String] = []

    @Option(name: .long, help: "Latency the emulator adds to every request.")
    var latencyMs = 20

    @Option(name: .long, help: "Requests in flight for reading and applying.")
    var parallelism = 10

    @Option(name: .long, help: "B1/B2 projects (each with a prod deployment).")
    var projects = 500

    @Option(name: .long, help: "B1/B2 services.")
    var services = 2000

    @Option(name: .long, help: "Project roles per service.")
    var rolesPerService = 2

    @Option(name: .long, help: "B3 resources (approximately).")
    var cpuResources = 20_000

    @Option(name: .long, help: "B4 runs.")
    var startupRuns = 10

    @Option(name: .long, help: "B4 binary (default: .build/release/rillform, else .build/debug/rillform).")
    var binary: String?

    @Flag(name: .long, help: "Skip B1's sequential (parallelism 1) comparison runs.")
    var skipSequential = false

    @Option(name: .long, help: "B5 projects.")
    var b5Projects = 200

    @Option(name: .long, help: "B5 services (each with 2 project roles).")
    var b5Services = 400

    @Option(name: .long, parsing: .upToNextOption, help: "matrix: size factors of --projects/--services.")
    var matrixScales: [Int] = [1, 4]

    @Option(name: .long, parsing: .upToNextOption, help: "matrix: rate limits `off`, `on` or both.")
    var matrixLimits: [String] = ["off", "on"]

    @Option(name: .long, help: "matrix: with limits on, multiply Rill's rate and burst by K (emulator and client).")
    var limitScale = 1

    @Option(name: .long, help: "soak: rounds (each: faults during writes, SIGKILL, or both; then re-run and check).")
    var rounds = 3

    @Option(name: .long, help: "soak: first seed (round i uses seed + i).")
    var seed: UInt64 = 1

    @Option(name: .long, help: "soak: share of requests that fail once faults are on.")
    var faultRate = 0.2

    func run() async throws {
        let selected = Set(scenarios.isEmpty ? ["b1", "b2", "b3", "b4"] : scenarios.map { $0.lowercased() })
        // B3: 1 + 2p + s + 2s with s = 2p  →  p ≈ resources / 8.
        let cpuProjects = max(1, cpuResources / 8)
        let settings = BenchSettings(
            latencyMilliseconds: latencyMs, parallelism: max(1, parallelism),
            scale: ScaleManifest(projects: projects, services: services, rolesPerService: rolesPerService),
            cpuScale: ScaleManifest(projects: cpuProjects, services: cpuProjects * 2, rolesPerService: 2),
            startupRuns: startupRuns, binary: binary, sequential: !skipSequential)
        print("rillform-bench: \(Machine.describe())")
        if selected.contains("b3") { try await Scenarios.cpu(settings) }
        if selected.contains("b4") { try await Scenarios.startup(settings) }
        if selected.contains("b1") || selected.contains("b2") {
            try await Scenarios.emulatorScenarios(settings, runApply: selected.contains("b2"), runPlan: selected.contains("b1"))
        }
        if selected.contains("b5") {
            try await RateLimitedApply.run(
                settings, manifest: ScaleManifest(projects: b5Projects, services: b5Services, rolesPerService: 2))
        }
        if selected.contains("b6") { try await PlanManyChanges.run(settings) }
        if selected.contains("matrix") {
            let limits = try matrixLimits.map { value -> Bool in
                switch value.lowercased() {
                case "on": return true
                case "off": return false
                default: throw ValidationError("--matrix-limits takes on or off, not \(value)")
                }
            }
            try await Matrix.run(settings, options: Matrix.Options(
                scales: matrixScales.map { max(1, $0) }, limitsOn: limits, limitScale: max(1, limitScale),
                sequential: !skipSequential))
        }
        if selected.contains("b7") { try await FreshnessCheckBench.run(settings) }
        if selected.contains("soak") {
            let candidates = [binary, ".build/release/rillform", ".build/debug/rillform"].compactMap { $0 }
            guard let path = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
                throw BenchError("no rillform binary found (tried \(candidates))")
            }
            let failures = try await Soak.run(Soak.Settings(
                rounds: rounds, seed: seed, faultRate: faultRate, manifest: settings.scale, binary: path))
            if failures > 0 { throw ExitCode(1) }
        }
    }
}

