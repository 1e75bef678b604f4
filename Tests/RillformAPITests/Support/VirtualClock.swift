import Synchronization
@testable import RillformAPI

/// A clock whose sleeps return at once and only advance virtual time, recording every wait asked for.
/// Lets tests check backoff and rate-limit spacing without waiting or asserting on wall time.
final class VirtualClock: APIClock {
    private let state = Mutex<(now: Duration, sleeps: [Duration])>((.zero, []))

    func now() -> Duration { state.withLock { $0.now } }

    func sleep(for duration: Duration) async throws {
        try Task.checkCancellation()
        state.withLock { state in
            state.now += max(duration, .zero)
            state.sleeps.append(duration)
        }
    }

    /// Every wait requested so far, in order.
    var sleeps: [Duration] { state.withLock { $0.sleeps } }
}
