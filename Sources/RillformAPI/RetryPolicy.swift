import RillformModel
import Synchronization

/// When and how long to wait before retrying a failed request: exponential backoff with jitter, and a server's
/// wait (Rill's "Try again in …" or a proxy's `Retry-After`) honoured, capped, when it gives one.
///
/// Which requests may be retried at all is decided by `RequestIdempotency`, not here.
public struct RetryPolicy: Sendable, Hashable {
    /// Attempts in total, the first included (1 = never retry). 429s do not count (see `maxRateLimitRetries`).
    /// The default, 8, makes a call fail only when 8 attempts in a row fail: at a 20% fault rate that is about
    /// 3 in a million calls, so a large apply through a flaky stretch converges in one run (measured by the
    /// reliability suite). Failures that cannot recover (a refused connection, a 4xx) are not retried at all.
    public var maxAttempts: Int
    /// Retries after a 429, counted apart from `maxAttempts`: a 429 means the server did nothing, so it is always
    /// safe to repeat, and a large apply paced against Rill's per-method limit should finish rather than give up.
    /// Each waits what the server said (Rill's waits are at most one emission interval, 333 ms at 180/min).
    public var maxRateLimitRetries: Int
    /// The backoff before the first retry; doubled on each further retry.
    public var baseDelay: Duration
    /// The largest backoff between two attempts.
    public var maxDelay: Duration
    /// The largest `Retry-After` honoured; a longer one is cut to this.
    public var maxRetryAfter: Duration

    public init(maxAttempts: Int = 8, baseDelay: Duration = .milliseconds(250), maxDelay: Duration = .seconds(8),
                maxRetryAfter: Duration = .seconds(60), maxRateLimitRetries: Int = 60) {
        self.maxAttempts = max(1, maxAttempts)
        self.maxRateLimitRetries = max(0, maxRateLimitRetries)
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
        self.maxRetryAfter = maxRetryAfter
    }

    public static let `default` = RetryPolicy()
    /// One attempt, no retries.
    public static let never = RetryPolicy(maxAttempts: 1, maxRateLimitRetries: 0)

    /// The wait before attempt `attempt + 1`, after attempt `attempt` (1-based) failed.
    /// - Parameters:
    ///   - retryAfter: the server's `Retry-After`, if any; it wins over the computed backoff.
    ///   - unitRandom: a random number in `0..<1` (jitter): the wait is `d/2 + d/2 × unitRandom` for backoff `d`.
    public func delay(afterAttempt attempt: Int, retryAfter: Duration?, unitRandom: Double) -> Duration {
        if let retryAfter { return min(max(retryAfter, .zero), maxRetryAfter) }
        let exponent = min(max(attempt - 1, 0), 30)
        let backoff = min(baseDelay * (1 << exponent), maxDelay)
        let jitter = min(max(unitRandom, 0), 1)
        return backoff / 2 + backoff * (jitter / 2)
    }
}

/// A seedable source of jitter, shared by concurrent requests. With a seed the sequence is reproducible (tests).
final class JitterSource: Sendable {
    private let state: Mutex<SplitMix64>

    init(seed: UInt64?) {
        state = Mutex(SplitMix64(seed: seed ?? UInt64.random(in: .min ... .max)))
    }

    /// A number in `0..<1`.
    func next() -> Double {
        state.withLock { generator in Double(generator.next() >> 11) / Double(UInt64(1) << 53) }
    }
}

