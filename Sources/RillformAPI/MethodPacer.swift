import Synchronization

/// One of Rill's rate limits: `requests` per `period`, with bursts of up to `burst` requests (redis_rate's `Limit`).
public struct RateLimit: Sendable, Hashable {
    public var requests: Int
    public var period: Duration
    public var burst: Int

    public init(requests: Int, period: Duration, burst: Int) {
        self.requests = max(1, requests)
        self.period = period > .zero ? period : .seconds(60)
        self.burst = max(1, burst)
    }

    /// redis_rate's `PerMinute(n)`: n per minute, burst n.
    public static func perMinute(_ requests: Int, burst: Int? = nil) -> RateLimit {
        RateLimit(requests: requests, period: .seconds(60), burst: burst ?? requests)
    }

    /// GCRA's emission interval: the steady-state spacing between two requests.
    public var emissionInterval: Duration { period / requests }
}

/// The limits the client paces itself by, mirroring Rill's server.
///
/// Rill limits every admin RPC **per method and per caller** (`checkRateLimit`, admin/server/server.go; limits in
/// runtime/pkg/ratelimit/ratelimiter.go): key `auth:<full method>:<owner id>`, GCRA via redis_rate.
/// - `ratelimit.Default` = `PerMinute(180)` (burst 180, then 3/s) for AdminService; older servers used
///   `PerMinute(60)` (pass `--rate-limit-per-minute 60` against those).
/// - `/rill.admin.v1.AIService/*` uses `ratelimit.Sensitive` = `PerMinute(30)` (older: 10).
/// - Newer servers exempt superusers entirely; the client cannot tell, so it paces anyway.
public struct PacingConfiguration: Sendable, Hashable {
    /// The limit of every method without a more specific one.
    public var defaultLimit: RateLimit
    /// Limits by operationID prefix (`AIService_` → Sensitive), longest prefix wins.
    public var limitsByPrefix: [String: RateLimit]
    /// Slack against latency jitter: the server's GCRA clock starts when our first request *arrives* (after the
    /// connection setup), so later requests that arrive sooner after sending would look early. Each paced
    /// request is sent this much later than the server's exact limit would allow (a 429's own wait is exact).
    /// Capped at half the burst's tolerance, `(burst − 1) × interval / 2`, so that a small burst is not eaten up.
    public var margin: Duration

    public init(defaultLimit: RateLimit = .perMinute(180),
                limitsByPrefix: [String: RateLimit] = ["AIService_": .perMinute(30)],
                margin: Duration = .seconds(1)) {
        self.defaultLimit = defaultLimit
        self.limitsByPrefix = limitsByPrefix
        self.margin = max(margin, .zero)
    }

    /// Rill Cloud's current limits.
    public static let rill = PacingConfiguration()

    public func limit(for operationID: String) -> RateLimit {
        limitsByPrefix.filter { operationID.hasPrefix($0.key) }.max { $0.key.count < $1.key.count }?.value
            ?? defaultLimit
    }

    /// The margin used with `limit` (see `margin`).
    func margin(for limit: RateLimit) -> Duration {
        min(margin, limit.emissionInterval * (limit.burst - 1) / 2)
    }
}

/// What the pacer has seen so far (for progress and ETA).
public struct PacingSnapshot: Sendable, Hashable {
    public struct Method: Sendable, Hashable {
        /// Attempts sent (retries included).
        public var calls = 0
        /// Time spent waiting for this method's schedule (429 waits included).
        public var waited: Duration = .zero
        /// 429 responses received.
        public var rateLimited = 0
        /// The limit this method is paced by; `nil` when pacing is off.
        public var limit: RateLimit?
        /// Callers sleeping for their slot right now.
        public var waiting = 0
        /// How long a request of this method made now would wait (zero while the burst lasts).
        public var nextFree: Duration = .zero
        /// Requests of this method that could go right now without waiting (0 when `nextFree > 0`).
        public var available = 0

        public init(calls: Int = 0, waited: Duration = .zero, rateLimited: Int = 0, limit: RateLimit? = nil,
                    waiting: Int = 0, nextFree: Duration = .zero, available: Int = 0) {
            self.calls = calls
            self.waited = waited
            self.rateLimited = rateLimited
            self.limit = limit
            self.waiting = waiting
            self.nextFree = nextFree
            self.available = available
        }
    }

    /// By operationID, e.g. `AdminService_CreateService`.
    public var methods: [String: Method]
    /// The pacing in force (`nil`: off); gives the limit of a method not called yet.
    public var configuration: PacingConfiguration?

    public init(methods: [String: Method], configuration: PacingConfiguration? = nil) {
        self.methods = methods
        self.configuration = configuration
    }

    /// `methods[operationID]`, or a fresh method with its whole burst available when it was not called yet.
    public func method(_ operationID: String) -> Method {
        if let method = methods[operationID] { return method }
        let limit = configuration?.limit(for: operationID)
        return Method(limit: limit, available: limit?.burst ?? 0)
    }

    public var calls: Int { methods.values.reduce(0) { $0 + $1.calls } }
    public var waited: Duration { methods.values.reduce(.zero) { $0 + $1.waited } }
    public var rateLimited: Int { methods.values.reduce(0) { $0 + $1.rateLimited } }
}

/// Paces requests per method so that Rill's per-method limiter never rejects them in steady state.
///
/// Runs the server's own algorithm (GCRA, as redis_rate's `allow_n`) on the client's clock: for each method a
/// theoretical arrival time `tat`; a request may go at `tat + interval − burst × interval` (+ `margin`), and
/// moves `tat` one interval on. Slots are reserved synchronously under a lock before any wait, so callers go
/// in arrival order and cannot starve; methods never wait on each other. Every attempt takes a slot, retries
/// included. A 429 pushes the method's schedule back to the server's stated time (`rateLimited(_:wait:)`):
/// callers already waiting for that method are moved back with it, in their order.
///
/// With `configuration == nil` nothing is paced, but 429 waits and the counters still work.
public final class MethodPacer: Sendable {
    public let configuration: PacingConfiguration?
    private let clock: any APIClock
    private let state = Mutex(State())

    public init(configuration: PacingConfiguration?, clock: any APIClock = SystemAPIClock()) {
        self.configuration = configuration
        self.clock = clock
    }

    /// The counters so far.
    public func snapshot() -> PacingSnapshot {
        let now = clock.now()
        return state.withLock { state in
            var methods: [String: PacingSnapshot.Method] = [:]
            for (key, method) in state.methods {
                let (limit, margin) = limitAndMargin(key)
                var entry = PacingSnapshot.Method(calls: method.calls, waited: method.waited,
                                                  rateLimited: method.rateLimited, limit: limit,
                                                  waiting: method.pending.values.filter { $0 > now }.count)
                // When a new request could go: GCRA's allow time, or a 429's hold without a limit.
                if let limit, let tat = method.tat {
                    let interval = limit.emissionInterval
                    let allowAt = tat + interval - interval * limit.burst + margin
                    if allowAt > now {
                        entry.nextFree = allowAt - now
                    } else {
                        // Each whole interval since `allowAt` is one more request allowed now, up to the burst.
                        let spare = Int((now - allowAt) / interval)
                        entry.available = min(limit.burst, spare + 1)
                    }
                } else if let limit {
                    entry.available = limit.burst
                }
                if let notBefore = method.notBefore, notBefore > now {
                    entry.nextFree = max(entry.nextFree, notBefore - now)
                    entry.available = 0
                }
                methods[key] = entry
            }
            return PacingSnapshot(methods: methods, configuration: configuration)
        }
    }

    private func limitAndMargin(_ operationID: String) -> (RateLimit?, Duration) {
        guard let configuration else { return (nil, .zero) }
        let limit = configuration.limit(for: operationID)
        return (limit, configuration.margin(for: limit))
    }

    /// A slot taken by `acquire`, to report with `sent(_:)` when the request actually goes out.
    struct Reservation: Sendable {
        let operationID: String
        /// Where the method's GCRA clock stood for this request: `max(tat before it, its send time)`. Had the
        /// request arrived later than that, the server's clock would have restarted from the arrival.
        let floor: Duration
    }

    /// Reserves the next slot of `operationID` and waits for it.
    @discardableResult
    func acquire(_ operationID: String) async throws -> Reservation? {
        let now = clock.now()
        let (limit, margin) = limitAndMargin(operationID)
        let (ticket, floor) = state.withLock { state in
            state.reserve(operationID, now: now, limit: limit, margin: margin)
        }
        let reservation = floor.map { Reservation(operationID: operationID, floor: $0) }
        guard let ticket else { return reservation }
        do {
            // Re-read the slot after each sleep: a 429 meanwhile may have moved it back.
            while let sendAt = state.withLock({ $0.methods[operationID]?.pending[ticket] }) {
                let before = clock.now()
                let wait = sendAt - before
                guard wait > .zero else { break }
                state.withLock { $0.methods[operationID]?.waited += wait }
                try await clock.sleep(for: wait)
                // A clock too coarse to sleep this little would spin here forever: go now instead.
                if clock.now() <= before { break }
            }
        } catch {
            state.withLock { _ = $0.methods[operationID]?.pending.removeValue(forKey: ticket) }
            throw error
        }
        state.withLock { _ = $0.methods[operationID]?.pending.removeValue(forKey: ticket) }
        return reservation
    }

    /// The request of `reservation` goes out now, possibly later than its slot (it waited for an in-flight permit).
    /// If it is late past the method's GCRA clock, the server's clock restarts from its arrival, later than ours:
    /// the method's schedule and its waiting callers move back by the difference, so the next ones are not early.
    /// On a busy method (the clock ahead of now) a late request changes nothing.
    func sent(_ reservation: Reservation) {
        let shift = clock.now() - reservation.floor
        guard shift > .zero else { return }
        state.withLock { state in
            guard var method = state.methods[reservation.operationID], let tat = method.tat else { return }
            method.tat = tat + shift
            for ticket in method.pending.keys { method.pending[ticket]? += shift }
            state.methods[reservation.operationID] = method
        }
    }

    /// The server refused a request of `operationID` and said when to come back: no request of that method may go
    /// before `now + wait`. The first waiting caller is moved to exactly that time, the others keep their spacing.
    func rateLimited(_ operationID: String, wait: Duration) {
        let now = clock.now()
        let (limit, margin) = limitAndMargin(operationID)
        state.withLock { state in
            state.pushBack(operationID, until: now + max(wait, .zero), limit: limit, margin: margin)
        }
    }

    /// Only for tests: reserves a slot without waiting and returns when it may go.
    func reserveForTesting(_ operationID: String) -> Duration {
        let now = clock.now()
        let (limit, margin) = limitAndMargin(operationID)
        return state.withLock { state in
            guard let ticket = state.reserve(operationID, now: now, limit: limit, margin: margin).ticket else { return now }
            return state.methods[operationID]?.pending.removeValue(forKey: ticket) ?? now
        }
    }

    private struct MethodState {
        /// GCRA's theoretical arrival time on the client's clock; `nil` before the first request.
        var tat: Duration?
        /// Without a limit: nothing may go before this (set by a 429).
        var notBefore: Duration?
        /// Callers waiting for their slot: ticket → send time.
        var pending: [UInt64: Duration] = [:]
        var calls = 0
        var waited: Duration = .zero
        var rateLimited = 0
    }

    private struct State {
        var methods: [String: MethodState] = [:]
        var nextTicket: UInt64 = 0

        /// Takes the next slot; returns a ticket when the caller has to wait for it, and (with a limit) the
        /// reservation's floor (see `Reservation`).
        mutating func reserve(_ key: String, now: Duration, limit: RateLimit?, margin: Duration)
            -> (ticket: UInt64?, floor: Duration?)
        {
            var method = methods[key] ?? MethodState()
            defer { methods[key] = method }
            method.calls += 1
            let sendAt: Duration
            var floor: Duration?
            if let limit {
                let interval = limit.emissionInterval
                // redis_rate: allowed iff now >= max(tat, now) + interval - burst * interval.
                let allowAt = method.tat.map { $0 + interval - interval * limit.burst + margin } ?? now
                sendAt = max(now, allowAt)
                floor = max(method.tat ?? sendAt, sendAt)
                method.tat = (floor ?? sendAt) + interval
            } else {
                sendAt = max(now, method.notBefore ?? now)
            }
            guard sendAt > now else { return (nil, floor) }
            nextTicket += 1
            method.pending[nextTicket] = sendAt
            return (nextTicket, floor)
        }

        mutating func pushBack(_ key: String, until: Duration, limit: RateLimit?, margin: Duration) {
            var method = methods[key] ?? MethodState()
            defer { methods[key] = method }
            method.rateLimited += 1
            // Callers already waiting shift back together, so the earliest goes at `until` and order is kept.
            if let earliest = method.pending.values.min(), earliest < until {
                let shift = until - earliest
                for ticket in method.pending.keys { method.pending[ticket]? += shift }
                if let tat = method.tat { method.tat = tat + shift }
                method.notBefore = max(method.notBefore ?? until, until)
                return
            }
            if let limit {
                // The server's tat: the next request is allowed at `until`. Minus the margin, which `reserve` adds.
                let interval = limit.emissionInterval
                let serverTat = until - interval + interval * limit.burst - margin
                method.tat = max(method.tat ?? serverTat, serverTat)
            } else {
                method.notBefore = max(method.notBefore ?? until, until)
            }
        }
    }
}
