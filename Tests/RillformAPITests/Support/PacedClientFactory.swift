import Foundation
import RillformEmulator
import Synchronization
@testable import RillformAPI

/// A scripted client with explicit pacing (the other factories leave Rill's default pacing on).
func pacedScriptedClient(
    _ transport: ScriptedTransport, clock: VirtualClock = VirtualClock(), retryPolicy: RetryPolicy = .default,
    pacing: PacingConfiguration?
) throws -> RillAdminClient {
    try RillAdminClient(
        endpoint: AdminEndpoint("http://127.0.0.1:9"), token: APIToken(testSecret),
        options: RillAdminClient.Options(
            version: "9.9.9", retryPolicy: retryPolicy, pacing: pacing, jitterSeed: 42, clock: clock),
        transport: transport)
}

/// A client of a running emulator with explicit pacing and clock (real time when the emulator's limiter is on).
func pacedEmulatorClient(
    _ emulator: RunningEmulator, clock: any APIClock, pacing: PacingConfiguration?,
    retryPolicy: RetryPolicy = RetryPolicy(maxAttempts: 6)
) throws -> RillAdminClient {
    try RillAdminClient(
        baseURL: emulator.baseURL.absoluteString, token: try APIToken(try requireAdminToken(emulator)),
        options: RillAdminClient.Options(
            version: "test", requestTimeout: .seconds(20), retryPolicy: retryPolicy, pacing: pacing,
            jitterSeed: 1, clock: clock))
}

/// A clock whose sleeps wait until the test moves time past their deadline (`advance(to:)`), for tests of callers
/// that wait concurrently (the `VirtualClock` adds every sleep to one shared time, so it suits sequential calls).
final class ManualClock: APIClock {
    private struct Sleeper {
        var deadline: Duration
        var continuation: CheckedContinuation<Void, Never>
    }

    private let state = Mutex<(now: Duration, sleepers: [Sleeper])>((.zero, []))

    func now() -> Duration { state.withLock { $0.now } }

    func sleep(for duration: Duration) async throws {
        await withCheckedContinuation { continuation in
            let resumeNow = state.withLock { state -> Bool in
                let deadline = state.now + duration
                guard deadline > state.now else { return true }
                state.sleepers.append(Sleeper(deadline: deadline, continuation: continuation))
                return false
            }
            if resumeNow { continuation.resume() }
        }
    }

    /// Deadlines of the sleeps in progress, earliest first.
    var deadlines: [Duration] { state.withLock { $0.sleepers.map(\.deadline).sorted() } }

    /// Moves time to `instant` and wakes every sleep due by then.
    func advance(to instant: Duration) {
        let due = state.withLock { state -> [Sleeper] in
            state.now = max(state.now, instant)
            let now = state.now
            let due = state.sleepers.filter { $0.deadline <= now }
            state.sleepers.removeAll { $0.deadline <= now }
            return due
        }
        for sleeper in due { sleeper.continuation.resume() }
    }

    /// Waits (in real time, briefly) until `count` sleeps are in progress.
    func waitForSleepers(_ count: Int) async throws {
        for _ in 0..<2000 {
            if state.withLock({ $0.sleepers.count }) >= count { return }
            try await Task.sleep(for: .milliseconds(1))
        }
        throw CancellationError()
    }
}
