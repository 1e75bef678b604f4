/// A client-side token bucket: at most `maxRequestsPerSecond` requests on average, with bursts of up to
/// `burst` requests. Every attempt, retries included, takes a token. Shared by all requests of one client.
public actor RequestRateLimiter {
    public nonisolated let maxRequestsPerSecond: Double
    public nonisolated let burst: Double
    private let clock: any APIClock
    private var tokens: Double
    private var lastRefill: Duration

    /// - Parameters:
    ///   - maxRequestsPerSecond: the sustained rate (must be positive).
    ///   - burst: how many requests may go out back to back after a quiet spell (at least 1).
    public init(maxRequestsPerSecond: Double, burst: Int = 1, clock: any APIClock = SystemAPIClock()) {
        self.maxRequestsPerSecond = max(maxRequestsPerSecond, 0.001)
        self.burst = Double(max(burst, 1))
        self.clock = clock
        self.tokens = Double(max(burst, 1))
        self.lastRefill = clock.now()
    }

    /// Takes a token, waiting until one is available. Waiters are served in arrival order: the token is
    /// reserved before the wait (the balance may go negative), so suspension cannot let a later caller jump ahead.
    public func acquire() async throws {
        let now = clock.now()
        let elapsed = now - lastRefill
        lastRefill = now
        tokens = min(burst, tokens + RequestRateLimiter.seconds(elapsed) * maxRequestsPerSecond)
        tokens -= 1
        guard tokens < 0 else { return }
        // Whole microseconds: exact, reproducible waits (no binary-fraction noise).
        let wait = Duration.microseconds(Int64((-tokens / maxRequestsPerSecond * 1_000_000).rounded()))
        try await clock.sleep(for: wait)
    }

    static func seconds(_ duration: Duration) -> Double {
        let parts = duration.components
        return Double(parts.seconds) + Double(parts.attoseconds) / 1e18
    }
}
