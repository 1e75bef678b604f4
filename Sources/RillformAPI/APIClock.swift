/// Time as the client sees it: for retry backoff and the rate limiter. Injected so tests can measure
/// the waits the client asks for instead of asserting on wall time.
public protocol APIClock: Sendable {
    /// Monotonic time since an arbitrary origin.
    func now() -> Duration
    /// Waits for `duration` (throws `CancellationError` when the task is cancelled).
    func sleep(for duration: Duration) async throws
}

/// The real, monotonic clock.
public struct SystemAPIClock: APIClock {
    private let origin: ContinuousClock.Instant

    public init() { origin = ContinuousClock.now }

    public func now() -> Duration { ContinuousClock.now - origin }

    public func sleep(for duration: Duration) async throws {
        guard duration > .zero else { return }
        try await Task.sleep(for: duration)
    }
}
