import RillformAPI

/// Where an apply's progress sinks learn about rate-limit pacing: the calls the plan is expected to make per
/// method (`ApplyBudget`), the client's pacer counters, and the clock that spaces periodic lines.
public struct ApplyPacing: Sendable {
    /// Expected calls per operationID (an estimate from the plan: retries and lookups are not in it).
    public var expectedCalls: [String: Int]
    /// The pacer's counters now (`client.pacing.snapshot()`).
    public var snapshot: @Sendable () -> PacingSnapshot
    /// Spaces periodic lines and ticks.
    public var clock: any APIClock
    /// Without a terminal: a progress line at most this often, and only while calls wait for their pace.
    public var lineInterval: Duration

    public init(expectedCalls: [String: Int], snapshot: @escaping @Sendable () -> PacingSnapshot,
                clock: any APIClock = SystemAPIClock(), lineInterval: Duration = .seconds(10)) {
        self.expectedCalls = expectedCalls.filter { $0.value > 0 }
        self.snapshot = snapshot
        self.clock = clock
        self.lineInterval = lineInterval
    }

    public init(expectedCalls: [String: Int], pacer: MethodPacer, clock: any APIClock = SystemAPIClock(),
                lineInterval: Duration = .seconds(10)) {
        self.init(expectedCalls: expectedCalls, snapshot: { pacer.snapshot() }, clock: clock,
                  lineInterval: lineInterval)
    }
}

/// Calls done against calls expected, the longest current pacing wait, and the time left at the rate limits:
/// a pure function of the plan's estimate and two pacer snapshots (at the walk's start and now).
public struct PacingStatus: Sendable, Hashable {
    /// Calls made since the walk started (retries included).
    public var callsDone: Int
    /// Calls expected in all (never below `callsDone`).
    public var callsExpected: Int
    /// The method with the longest queue for its pace, if any caller is waiting.
    public var pacedMethod: String?
    /// How long a new call of `pacedMethod` would wait now (the length of its queue).
    public var pacedWait: Duration
    /// Callers of `pacedMethod` waiting now.
    public var pacedWaiting: Int
    /// The time left at the per-method limits (`nil` when pacing is off): the slowest method's queue plus its
    /// expected calls not yet made, after what is left of its burst.
    public var remaining: Duration?

    public init(callsDone: Int, callsExpected: Int, pacedMethod: String? = nil, pacedWait: Duration = .zero,
                pacedWaiting: Int = 0, remaining: Duration? = nil) {
        self.callsDone = callsDone
        self.callsExpected = callsExpected
        self.pacedMethod = pacedMethod
        self.pacedWait = pacedWait
        self.pacedWaiting = pacedWaiting
        self.remaining = remaining
    }

    public init(expected: [String: Int], baseline: PacingSnapshot, now: PacingSnapshot) {
        var done = 0
        var expectedTotal = 0
        var remaining: Duration?
        var paced: (method: String, wait: Duration, waiting: Int)?
        for name in Set(expected.keys).union(now.methods.keys).sorted() {
            let method = now.method(name)
            let made = max(0, method.calls - (baseline.methods[name]?.calls ?? 0))
            let expectedCalls = expected[name] ?? 0
            done += made
            expectedTotal += max(made, expectedCalls)
            if method.waiting > 0, paced.map({ method.nextFree > $0.wait }) ?? true {
                paced = (name, method.nextFree, method.waiting)
            }
            guard let limit = method.limit else { continue }
            let left = max(0, expectedCalls - made)
            let time: Duration
            if left <= method.available {
                // Only the callers already queued: the last of them goes one interval before the next free slot.
                time = method.waiting > 0 ? max(.zero, method.nextFree - limit.emissionInterval) : .zero
            } else {
                time = method.nextFree + limit.emissionInterval * (left - max(method.available, 1))
            }
            remaining = max(remaining ?? .zero, time)
        }
        self.init(callsDone: done, callsExpected: expectedTotal, pacedMethod: paced?.method,
                  pacedWait: paced?.wait ?? .zero, pacedWaiting: paced?.waiting ?? 0, remaining: remaining)
    }

    /// Whether calls are waiting for their method's pace right now.
    public var isPacing: Bool { pacedMethod != nil && pacedWait > .zero }

    /// `CreateService` for `AdminService_CreateService`.
    static func shortName(_ operationID: String) -> String {
        operationID.split(separator: "_", maxSplits: 1).last.map(String.init) ?? operationID
    }

    /// For the live status line: `about 340/1,000 calls, CreateService paced (queue 54s), about 1m13s left`.
    public var statusText: String {
        var parts = ["about \(Self.grouped(callsDone))/\(Self.grouped(callsExpected)) calls"]
        if isPacing, let pacedMethod {
            parts.append("\(Self.shortName(pacedMethod)) paced (queue \(pacedWait.applyWaitText))")
        }
        if let remaining, remaining > .zero { parts.append("about \(remaining.applyWaitText) left") }
        return parts.joined(separator: ", ")
    }

    /// For logs: `Progress: about 340 of 1,000 API calls made; 160 CreateService calls waiting for the rate limit
    /// (queue 54s); about 1m13s left at the rate limits.` The queue is how long a new call of that method would
    /// wait now.
    public var lineText: String {
        var text = "Progress: about \(Self.grouped(callsDone)) of \(Self.grouped(callsExpected)) API calls made"
        if isPacing, let pacedMethod {
            text += "; \(pacedWaiting) \(Self.shortName(pacedMethod)) call\(pacedWaiting == 1 ? "" : "s") "
                + "waiting for the rate limit (queue \(pacedWait.applyWaitText))"
        }
        if let remaining, remaining > .zero { text += "; about \(remaining.applyWaitText) left at the rate limits" }
        return text + "."
    }

    /// `1,000`
    static func grouped(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var out = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { out += "," }
            out.append(digit)
        }
        return value < 0 ? "-" + out : out
    }
}

extension Duration {
    /// A wait in whole seconds, Go style, rounded up so a short wait never reads as none: `1s`, `45s`, `1m13s`,
    /// `1h2m0s`.
    public var applyWaitText: String {
        let (seconds, attoseconds) = components
        let total = max(0, seconds + (attoseconds > 0 ? 1 : 0))
        let (hours, minutes, rest) = (total / 3600, total % 3600 / 60, total % 60)
        if hours > 0 { return "\(hours)h\(minutes)m\(rest)s" }
        return minutes > 0 ? "\(minutes)m\(rest)s" : "\(rest)s"
    }
}
