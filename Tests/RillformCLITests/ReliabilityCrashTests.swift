import RillformModel
import Foundation
import RillformAPI
import RillformEmulator
import RillformTestSupport
import Testing

/// `apply` killed with SIGKILL at seeded points (after K successful writes): the re-run converges, nothing is
/// duplicated or lost, and a following plan reports no changes.
@Suite("reliability: apply killed mid-run", .serialized)
struct ReliabilityCrashTests {
    static let manifest = ReliabilityManifest(org: "crash", projects: 20, services: 40)

    @Test("SIGKILL after K writes, then re-run: converges, counts exact, plan empty",
          .timeLimit(.minutes(5)), arguments: [UInt64(1), 2, 3, 4])
    func killedApplyConverges(seed: UInt64) async throws {
        var random = SplitMix64(seed: seed)
        // ~113 writes in total; kill somewhere inside.
        let killAfter = Int.random(in: 1...100, using: &random)
        try await withEmulator({ $0.latencyMilliseconds = 3 }) { emulator in
            try await withTemporaryDirectory { directory in
                let admin = try Reliability.adminClient(emulator)
                try await Reliability.seedUnmanaged(admin, org: Self.manifest.org)
                try Self.manifest.yaml.write(to: directory.appendingPathComponent("m.yaml"), atomically: true,
                                             encoding: .utf8)
                let environment = Reliability.environment(emulator, token: try #require(emulator.adminToken))
                let apply = ["apply", "-f", "m.yaml", "--auto-approve", "--no-pacing"]

                await emulator.resetAccessLog()
                let running = try RunningCLI(apply, in: directory, environment: environment)
                var writesAtKill = 0
                while running.isRunning {
                    writesAtKill = Reliability.successfulWrites(await emulator.accessLog()).count
                    if writesAtKill >= killAfter { break }
                    try await Task.sleep(for: .milliseconds(2))
                }
                let killedMidRun = running.isRunning
                try await running.kill()
                #expect(killedMidRun, "apply finished before \(killAfter) writes (had \(writesAtKill))")

                let rerun = try await CLIProcess.run(apply, in: directory, environment: environment)
                #expect(rerun.exitCode == 0, "seed \(seed), killed after \(writesAtKill) writes:\n\(rerun.combined)")
                let plan = try await CLIProcess.run(["plan", "-f", "m.yaml", "--detailed-exitcode", "--no-pacing"],
                                                    in: directory, environment: environment)
                #expect(plan.exitCode == 0, "\(plan.combined)")
                #expect(plan.stdout.contains("No changes."))

                let census = try await Reliability.census(admin, org: Self.manifest.org)
                #expect(census.projects == (Self.manifest.projectNames + ["keep-me"]).sorted())
                #expect(census.services == (Self.manifest.serviceNames + ["legacy-bot"]).sorted())
                #expect(census.deployments == Self.manifest.deploymentCount, "\(census)")
            }
        }
    }
}
