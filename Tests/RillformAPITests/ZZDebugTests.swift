import Foundation
import RillformEmulator
import RillformTestSupport
import Testing
@testable import RillformAPI

@Test func zzDebugDroppedDelete() async throws {
    try await withEmulator({ $0.seed = 3 }) { emulator in
        let client = try emulatorClient(emulator, retryPolicy: RetryPolicy(maxAttempts: 10))
        _ = try await client.writer.createOrganization(name: "acme")
        _ = try await client.writer.createProject(org: "acme", NewProject(name: "p1", skipDeploy: true))
        await emulator.setFaults(rate: 1, kinds: [.ambiguousCommit], latencyMilliseconds: 0)
        await emulator.resetAccessLog()
        let start = Date()
        do {
            try await client.writer.deleteProject(org: "acme", project: "p1")
            print("DEBUG ok")
        } catch {
            print("DEBUG error \(error)")
        }
        print("DEBUG elapsed \(Date().timeIntervalSince(start))")
        for e in await emulator.accessLog() { print("DEBUG log \(e)") }
    }
}
