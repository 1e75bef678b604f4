import Foundation
import RillformEmulator
import RillformTestSupport
import Testing
@testable import RillformAPI

/// The client's pacing against the emulator's port of Rill's limiter (GCRA per method and caller), on one shared
/// virtual time: the emulator's clock is frozen and moves only when the client sleeps. What trips the limiter is
/// then decided by the requests alone, never by how fast the machine serves them, and no test waits for real.
@Suite struct EmulatorPacingTests {
    static let calls = 36

    /// 600/min with a burst of 5: one request per 100 ms after five.
    static func limited(_ options: inout EmulatorOptions) {
        options.rateLimitEnabled = true
        options.rateLimitPerMinute = 600
        options.rateLimitBurst = 5
    }

    @Test func pacedCallsOfOneMethodNeverTripTheServersLimiter() async throws {
        try await withEmulator(Self.limited) { emulator in
            let clock = EmulatorTimeClock(emulator)
            let client = try pacedEmulatorClient(
                emulator, clock: clock, pacing: PacingConfiguration(defaultLimit: .perMinute(600, burst: 5)))
            _ = try await client.writer.createOrganization(name: "acme")
            await emulator.resetAccessLog()
            let started = clock.now()
            for index in 0..<Self.calls {
                _ = try await client.writer.createService(org: "acme", name: "bot\(index)", orgRole: .viewer)
            }
            let elapsed = clock.now() - started
            let log = await emulator.accessLog()
            #expect(log.count == Self.calls)
            #expect(log.filter { $0.status == 429 }.isEmpty)
            let stats = try #require(client.pacing.snapshot().methods["AdminService_CreateService"])
            #expect(stats.calls == Self.calls)
            #expect(stats.rateLimited == 0)
            // The first call of the method used one slot of the burst (with createOrganization's own bucket
            // apart): 31 calls after the burst, 100 ms apart, all spent waiting on the client.
            #expect(stats.waited > .zero)
            #expect(elapsed >= .milliseconds(3_000))
        }
    }

    @Test func withoutPacingTheLimiterTripsAndEvery429IsRetried() async throws {
        try await withEmulator(Self.limited) { emulator in
            let client = try pacedEmulatorClient(emulator, clock: EmulatorTimeClock(emulator), pacing: nil)
            _ = try await client.writer.createOrganization(name: "acme")
            await emulator.resetAccessLog()
            for index in 0..<Self.calls {
                _ = try await client.writer.createService(org: "acme", name: "bot\(index)", orgRole: .viewer)
            }
            let log = await emulator.accessLog()
            let limited = log.filter { $0.status == 429 }
            // No time passes between back-to-back calls, so every call after the burst of five is refused once.
            #expect(limited.count >= Self.calls - 5)
            #expect(log.count == Self.calls + limited.count)  // each 429 retried once it was allowed
            #expect(client.pacing.snapshot().rateLimited == limited.count)
            #expect(try await client.reader.listServices(org: "acme").count == Self.calls)  // no duplicates
        }
    }
}

/// The client's clock on the emulator's frozen time: a sleep moves the emulator's clock forward and returns.
/// Suits sequential callers (one shared time, like `VirtualClock`).
final class EmulatorTimeClock: APIClock {
    private let emulator: RunningEmulator
    private let origin: Date

    init(_ emulator: RunningEmulator) {
        emulator.freezeClock()
        self.emulator = emulator
        self.origin = emulator.now
    }

    func now() -> Duration {
        let seconds = emulator.now.timeIntervalSince(origin)
        return .nanoseconds(Int64((seconds * 1_000_000_000).rounded()))
    }

    func sleep(for duration: Duration) async throws {
        try Task.checkCancellation()
        guard duration > .zero else { return }
        let parts = duration.components
        emulator.advanceClock(by: Double(parts.seconds) + Double(parts.attoseconds) / 1e18)
    }
}
