import Foundation
import RillformAPI
import RillformEmulator
import RillformTestSupport
import Testing

/// Apply under injected faults (500, 503, 429 and ambiguous commits: the write commits, the response is lost),
/// through the real binary against a real emulator. Seeded: the emulator draws faults from `seed`; with
/// parallelism above 1 which request gets which fault also depends on the interleaving.
@Suite("reliability: apply under injected faults", .serialized)
struct ReliabilityFaultTests {
    static let manifest = ReliabilityManifest(org: "rel", projects: 60, services: 150)

    /// All fault kinds from the first write of the first run on: 500s on idempotent calls are retried, ambiguous
    /// creates are looked up before being repeated, a token whose secret was lost is revoked and issued again, so
    /// the first run must converge by itself (the target of "Speak real Rill"), with no duplicates.
    @Test("20% faults of every kind during the writes: the first run converges; no duplicates",
          .timeLimit(.minutes(5)), arguments: [UInt64(7), 20_261_123, 42])
    func applyRecoversAfterWriteFaults(seed: UInt64) async throws {
        try await runFaultScenario(seed: seed, kinds: Set(FaultKind.allCases), faultsInSecondRun: false,
                                   fromFirstWrite: true, mustConvergeInOneRun: true)
    }

    /// All fault kinds from the first request, reads included (a 500 on a GET is retried like a 503): the first
    /// run converges too.
    @Test("20% faults of every kind from the first read: the first run converges",
          .timeLimit(.minutes(5)), arguments: [UInt64(7)])
    func applyRecoversAfterReadFaults(seed: UInt64) async throws {
        try await runFaultScenario(seed: seed, kinds: Set(FaultKind.allCases), faultsInSecondRun: false,
                                   fromFirstWrite: false, mustConvergeInOneRun: true)
    }

    /// Only retryable faults (503, 429), on for both runs: the client's retries must carry the apply through.
    @Test("20% retryable faults (503/429) throughout: the second run at the latest converges",
          .timeLimit(.minutes(5)), arguments: [UInt64(11)])
    func applyConvergesUnderRetryableFaults(seed: UInt64) async throws {
        try await runFaultScenario(seed: seed, kinds: [.unavailable, .rateLimited], faultsInSecondRun: true,
                                   fromFirstWrite: false)
    }

    func runFaultScenario(seed: UInt64, kinds: Set<FaultKind>, faultsInSecondRun: Bool, fromFirstWrite: Bool,
                          mustConvergeInOneRun: Bool = false) async throws
    {
        try await withEmulator({ $0.seed = seed }) { emulator in
            try await withTemporaryDirectory { directory in
                let admin = try Reliability.adminClient(emulator)
                try await Reliability.seedUnmanaged(admin, org: Self.manifest.org)
                try Self.manifest.yaml.write(to: directory.appendingPathComponent("rel.yaml"), atomically: true,
                                             encoding: .utf8)
                let environment = Reliability.environment(emulator, token: try #require(emulator.adminToken))
                let apply = ["apply", "-f", "rel.yaml", "--auto-approve", "--no-pacing", "--parallelism", "10"]

                await emulator.resetAccessLog()
                let first: CLIProcess.Result
                if fromFirstWrite {
                    async let run = CLIProcess.run(apply, in: directory, environment: environment)
                    // Turn faults on as soon as the first write arrives (reads before it are fault-free).
                    for _ in 0..<20_000 {
                        let log = await emulator.accessLog()
                        if log.contains(where: { $0.method != "GET" }) { break }
                        try await Task.sleep(for: .milliseconds(1))
                    }
                    await emulator.setFaults(rate: 0.2, kinds: kinds, latencyMilliseconds: 0)
                    first = try await run
                } else {
                    await emulator.setFaults(rate: 0.2, kinds: kinds, latencyMilliseconds: 0)
                    first = try await CLIProcess.run(apply, in: directory, environment: environment)
                }
                let faulted = await emulator.accessLog().filter { $0.fault != nil }
                #expect(!faulted.isEmpty, "no fault was injected")
                print("seed \(seed): first run exit \(first.exitCode), \(faulted.count) faults injected "
                      + "(\(Dictionary(grouping: faulted, by: { $0.fault?.rawValue ?? "" }).mapValues(\.count).sorted { $0.key < $1.key }))")
                if mustConvergeInOneRun {
                    #expect(first.exitCode == 0, "the first run did not converge:\n\(first.combined.suffix(3000))")
                }
                if first.exitCode != 0 {
                    let lines = first.combined.split(separator: "\n")
                    let failed = lines.drop { $0 != "Failed:" }.prefix(6)
                    print("seed \(seed): first run reported:\n\((failed.isEmpty ? lines.suffix(3) : failed).joined(separator: "\n"))")
                    #expect(first.exitCode == 1, "\(first.combined)")
                    Self.expectPreciseFailureReport(first)
                    if !faultsInSecondRun { await emulator.setFaults(rate: 0, kinds: [], latencyMilliseconds: 0) }
                    let second = try await CLIProcess.run(apply, in: directory, environment: environment)
                    #expect(second.exitCode == 0, "second run did not converge:\n\(second.combined.suffix(3000))")
                }

                await emulator.setFaults(rate: 0, kinds: [], latencyMilliseconds: 0)
                let plan = try await CLIProcess.run(["plan", "-f", "rel.yaml", "--detailed-exitcode", "--no-pacing"],
                                                    in: directory, environment: environment)
                #expect(plan.exitCode == 0, "\(plan.combined.suffix(3000))")
                try await Self.expectExactLiveState(admin)
            }
        }
    }

    /// Every failure is named by address under `Failed:`/`Skipped:`, or the run stopped before applying with an
    /// `Error:` line naming the call.
    static func expectPreciseFailureReport(_ result: CLIProcess.Result) {
        if result.stdout.contains("Apply failed:") {
            let lines = result.stdout.split(separator: "\n")
            guard let start = lines.firstIndex(where: { $0.hasPrefix("Apply failed:") }) else { return }
            let listed = lines[start...].filter { $0.hasPrefix("  ") }
            #expect(!listed.isEmpty, "failure summary lists nothing:\n\(result.stdout)")
            for line in listed {
                let named = ["org.", "project.", "deployment.", "service.", "service_project_role.", "service_token."]
                    .contains { line.trimmingCharacters(in: .whitespaces).hasPrefix($0) }
                #expect(named, "failure line without an address: \(line)")
            }
        } else {
            #expect(result.stderr.contains("Error"), "exit 1 without a failure report:\n\(result.combined)")
        }
    }

    /// Exactly the declared objects plus the unmanaged ones: no duplicates, nothing unmanaged deleted.
    static func expectExactLiveState(_ admin: RillAdminClient) async throws {
        let census = try await Reliability.census(admin, org: manifest.org)
        #expect(census.projects == (manifest.projectNames + ["keep-me"]).sorted())
        #expect(census.services == (manifest.serviceNames + ["legacy-bot"]).sorted())
        #expect(census.deployments == manifest.deploymentCount, "\(census)")
        for (index, name) in manifest.projectNames.enumerated() {
            #expect(census.prodDeploymentsPerProject[name] == (index % 2 == 0 ? 1 : 0), "\(name)")
        }
        #expect(census.prodDeploymentsPerProject["keep-me"] == 0)
        let legacy = try await admin.reader.getService(org: manifest.org, name: "legacy-bot")
        #expect(legacy?.orgRole == .viewer)
    }
}
