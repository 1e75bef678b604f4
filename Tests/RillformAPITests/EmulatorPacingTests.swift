import Foundation
import RillformEmulator
import RillformTestSupport
import Testing
@testable import RillformAPI

/// The client's pacing against the emulator's port of Rill's limiter (GCRA per method and caller), in real time.
/// A fast limit (600/min, burst 5: one request per 100 ms after five) keeps these tests to a few seconds.
@Suite struct EmulatorPacingTests {
    static let calls = 36

    static func limited(_ options: inout EmulatorOptions) {
        options.rateLimitEnabled = true
        options.rateLimitPerMinute = 600
        options.rateLimitBurst = 5
    }

    @Test func pacedCallsOfOneMethodNeverTripTheServersLimiter() async throws {
        try await withEmulator(Self.limited) { emulator in
            let client = try pacedEmulatorClient(
                emulator, clock: SystemAPIClock(),
                pacing: PacingConfiguration(defaultLimit: .perMinute(600, burst: 5)))
            _ = try await client.writer.createOrganization(name: "acme")
            await emulator.resetAccessLog()
            let started = ContinuousClock.now
            for index in 0..<Self.calls {
                _ = try await client.writer.createService(org: "acme", name: "bot\(index)", orgRole: .viewer)
            }
            let elapsed = ContinuousClock.now - started
            let log = await emulator.accessLog()
            #expect(log.count == Self.calls)
            #expect(log.filter { $0.status == 429 }.isEmpty)
            let stats = try #require(client.pacing.snapshot().methods["AdminService_CreateService"])
            #expect(stats.calls == Self.calls)
            #expect(stats.rateLimited == 0)
            // 31 calls after the burst, 100 ms apart.
            #expect(stats.waited > .zero)
            #expect(elapsed >= .seconds(3))
        }
    }

    @Test func withoutPacingTheLimiterTripsAndEvery429IsRetried() async throws {
        try await withEmulator(Self.limited) { emulator in
            let client = try pacedEmulatorClient(emulator, clock: SystemAPIClock(), pacing: nil)
            _ = try await client.writer.createOrganization(name: "acme")
            await emulator.resetAccessLog()
            for index in 0..<Self.calls {
                _ = try await client.writer.createService(org: "acme", name: "bot\(index)", orgRole: .viewer)
            }
            let log = await emulator.accessLog()
            let limited = log.filter { $0.status == 429 }
            #expect(!limited.isEmpty)
            #expect(log.count == Self.calls + limited.count)  // each 429 retried once it was allowed
            #expect(client.pacing.snapshot().rateLimited == limited.count)
            #expect(try await client.reader.listServices(org: "acme").count == Self.calls)  // no duplicates
        }
    }
}
