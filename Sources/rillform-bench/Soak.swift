import Foundation
import RillformAPI
import RillformEmulator
import RillformModel
import RillformPlan

/// The long reliability run (`.ci/soak`): rounds of `rillform apply` (the built binary) against a fresh emulator,
/// each round seeded, alternating injected faults during the writes, SIGKILL after K writes, and both; then
/// fault-free re-runs until one succeeds (at most two), and checks: plan empty, no duplicates, unmanaged intact.
enum Soak {
    struct Settings {
        var rounds: Int
        var seed: UInt64
        var faultRate: Double
        var manifest: ScaleManifest
        var binary: String
    }

    /// Returns the number of rounds that broke an invariant.
    static func run(_ settings: Settings) async throws -> Int {
        var failures = 0
        print("== soak: \(settings.rounds) rounds, \(settings.manifest.resourceCount) resources, fault rate \(settings.faultRate), binary \(settings.binary)")
        for round in 0..<settings.rounds {
            let seed = settings.seed &+ UInt64(round)
            let problems = try await runRound(settings, round: round, seed: seed)
            if !problems.isEmpty {
                failures += 1
                print("   round \(round) (seed \(seed)): FAILED\n" + problems.map { "     - \($0)" }.joined(separator: "\n"))
            }
        }
        print("   soak: \(settings.rounds - failures)/\(settings.rounds) rounds passed")
        return failures
    }

    private static func runRound(_ settings: Settings, round: Int, seed: UInt64) async throws -> [String] {
        let manifest = settings.manifest
        let bench = try await BenchEmulator.start(org: manifest.org, seed: seed)
        do {
            let problems = try await runRound(settings, bench: bench, round: round, seed: seed)
            await bench.stop()
            return problems
        } catch {
            await bench.stop()
            throw error
        }
    }

    private static func runRound(_ settings: Settings, bench: BenchEmulator, round: Int, seed: UInt64) async throws
        -> [String]
    {
        let manifest = settings.manifest
        let emulator = bench.emulator
        let admin = try bench.client(parallelism: 10, pageSize: 1000)
        var keep = NewProject(name: "keep-me")
        keep.skipDeploy = true
        _ = try await admin.writer.createProject(org: manifest.org, keep)
        _ = try await admin.writer.createService(org: manifest.org, name: "legacy-bot", orgRole: .viewer)
        let manifestPath = bench.directory.appendingPathComponent("m.yaml")
        try manifest.yaml.write(to: manifestPath, atomically: true, encoding: .utf8)

        var random = SplitMix64(seed: seed)
        let faults = round % 3 != 1
        let kill = round % 3 != 0
        let expectedWrites = manifest.projects + manifest.services * (1 + manifest.rolesPerService)
        let killAfter = kill ? Int(random.next() % UInt64(max(1, expectedWrites - 1))) + 1 : Int.max
        await emulator.resetAccessLog()
        let process = try launch(settings.binary, manifest: manifestPath.path, bench: bench, log: "run-1.log")
        var faultsOn = false
        var killed = false
        while process.isRunning {
            let writes = await emulator.accessLog().filter { $0.method != "GET" }
            if faults, !faultsOn, !writes.isEmpty {
                await emulator.setFaults(rate: settings.faultRate, kinds: Set(FaultKind.allCases), latencyMilliseconds: 0)
                faultsOn = true
            }
            if writes.filter({ $0.status < 400 }).count >= killAfter {
                Foundation.kill(process.processIdentifier, SIGKILL)
                killed = true
                break
            }
            try await Task.sleep(for: .milliseconds(2))
        }
        process.waitUntilExit()
        await emulator.setFaults(rate: 0, kinds: [], latencyMilliseconds: 0)
        let injected = await emulator.accessLog().filter { $0.fault != nil }.count
        var problems: [String] = []
        var status = killed ? Int32(-9) : process.terminationStatus
        var runs = 1
        while status != 0 && runs < 3 {
            runs += 1
            let rerun = try launch(settings.binary, manifest: manifestPath.path, bench: bench, log: "run-\(runs).log")
            rerun.waitUntilExit()
            status = rerun.terminationStatus
        }
        if status != 0 { problems.append("no convergence after \(runs) runs (last exit \(status))") }

        let desired = try Scenarios.loadDesired(manifest)
        let plan = try await Scenarios.readAndPlan(admin, desired: desired, parallelism: 10)
        if plan.hasChanges { problems.append("plan after convergence has \(plan.changes.count) changes, e.g. \(plan.changes.prefix(3).map(\.address))") }
        let projects = try await admin.reader.listProjects(org: manifest.org).map(\.name)
        let services = try await admin.reader.listServices(org: manifest.org).map(\.name)
        if projects.count != manifest.projects + 1 || Set(projects).count != projects.count {
            problems.append("\(projects.count) projects live, expected \(manifest.projects + 1)")
        }
        if services.count != manifest.services + 1 { problems.append("\(services.count) services live, expected \(manifest.services + 1)") }
        if !projects.contains("keep-me") || !services.contains("legacy-bot") { problems.append("an unmanaged resource was deleted") }
        var prodCounts: [Int: Int] = [:]
        for project in projects where project != "keep-me" {
            let count = try await admin.reader.listDeployments(org: manifest.org, project: project).count
            prodCounts[count, default: 0] += 1
        }
        if prodCounts != [1: manifest.projects] { problems.append("deployments per project: \(prodCounts)") }
        let mode = [faults ? "faults" : nil, kill ? "SIGKILL after \(killAfter) writes" : nil].compactMap { $0 }
            .joined(separator: " + ")
        print("   round \(round) (seed \(seed), \(mode)): \(injected) faults injected, \(killed ? "killed" : "exit \(process.terminationStatus)"), converged after \(runs) run(s)\(problems.isEmpty ? ", invariants hold" : "")")
        return problems
    }

    private static func launch(_ binary: String, manifest: String, bench: BenchEmulator, log: String) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = ["apply", "-f", manifest, "--auto-approve", "--no-pacing", "--parallelism", "10"]
        process.currentDirectoryURL = bench.directory
        process.environment = [
            "RILL_API_TOKEN": bench.adminToken, "RILL_API_URL": bench.emulator.baseURL.absoluteString,
            "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
        ]
        let logPath = bench.directory.appendingPathComponent(log).path
        guard FileManager.default.createFile(atPath: logPath, contents: nil),
            let handle = FileHandle(forWritingAtPath: logPath)
        else { throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: logPath]) }
        process.standardOutput = handle
        process.standardError = handle
        process.standardInput = FileHandle(forReadingAtPath: "/dev/null")
        try process.run()
        return process
    }
}

