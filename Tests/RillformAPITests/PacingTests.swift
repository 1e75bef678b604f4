import Testing
@testable import RillformAPI

/// The per-method pacer: Rill's GCRA on the client's clock (no server).
@Suite struct PacingTests {
    static let exact = PacingConfiguration(defaultLimit: .perMinute(180), margin: .zero)
    let create = "AdminService_CreateService"

    @Test func rillDefaultIsABurstOf180ThenThreePerSecond() {
        let clock = VirtualClock()
        let pacer = MethodPacer(configuration: Self.exact, clock: clock)
        let times = (0..<183).map { _ in pacer.reserveForTesting(create) }
        let interval = Duration.seconds(60) / 180
        #expect(times.prefix(180).allSatisfy { $0 == .zero })
        #expect(Array(times.suffix(3)) == [interval, interval * 2, interval * 3])
        #expect(interval == Duration(secondsComponent: 0, attosecondsComponent: 333_333_333_333_333_333))
    }

    @Test func methodsArePacedIndependently() {
        let pacer = MethodPacer(configuration: Self.exact, clock: VirtualClock())
        for _ in 0..<180 { _ = pacer.reserveForTesting(create) }
        #expect(pacer.reserveForTesting(create) > .zero)
        // Another method (Rill keys its limiter on the method) still has its whole burst.
        #expect((0..<180).allSatisfy { _ in pacer.reserveForTesting("AdminService_GetProject") == .zero })
        #expect(pacer.reserveForTesting("AdminService_GetProject") > .zero)
    }

    @Test func aSmallLimitSpacesAfterItsBurstAndRefillsWhenIdle() async throws {
        let clock = VirtualClock()
        let pacer = MethodPacer(
            configuration: PacingConfiguration(defaultLimit: .perMinute(30, burst: 5), margin: .zero), clock: clock)
        let times = (0..<7).map { _ in pacer.reserveForTesting(create) }
        #expect(times == [.zero, .zero, .zero, .zero, .zero, .seconds(2), .seconds(4)])
        try await clock.sleep(for: .seconds(60))  // idle: the burst is back (but never more than the burst)
        let later = (0..<6).map { _ in pacer.reserveForTesting(create) - clock.now() }
        #expect(later == [.zero, .zero, .zero, .zero, .zero, .seconds(2)])
    }

    @Test func theMarginDelaysPacedRequestsOnlyAndIsCappedBySmallBursts() {
        let paced = MethodPacer(
            configuration: PacingConfiguration(defaultLimit: .perMinute(30, burst: 5), margin: .seconds(1)),
            clock: VirtualClock())
        // Interval 2 s, tolerance 8 s: a 1 s margin moves the fifth request and every later one by 1 s.
        #expect((0..<7).map { _ in paced.reserveForTesting(create) }
            == [.zero, .zero, .zero, .zero, .seconds(1), .seconds(3), .seconds(5)])
        let tiny = MethodPacer(
            configuration: PacingConfiguration(defaultLimit: .perMinute(600, burst: 3), margin: .seconds(1)),
            clock: VirtualClock())
        // Interval 100 ms, burst 3: the margin is cut to (3 − 1) × 100 ms / 2 = 100 ms, so the spacing stays 100 ms.
        #expect((0..<5).map { _ in tiny.reserveForTesting(create) }
            == [.zero, .zero, .milliseconds(100), .milliseconds(200), .milliseconds(300)])
    }

    @Test func aIServiceMethodsGetRillsSensitiveLimit() {
        #expect(PacingConfiguration.rill.limit(for: "AIService_Complete") == .perMinute(30))
        #expect(PacingConfiguration.rill.limit(for: "AdminService_CreateProject") == .perMinute(180))
        #expect(PacingConfiguration.rill.margin(for: .perMinute(180)) == .seconds(1))
    }

    @Test func aRateLimitPushesTheMethodsScheduleBackExactly() {
        let clock = VirtualClock()
        let pacer = MethodPacer(
            configuration: PacingConfiguration(defaultLimit: .perMinute(60, burst: 2), margin: .milliseconds(300)),
            clock: clock)
        #expect(pacer.reserveForTesting(create) == .zero)
        pacer.rateLimited(create, wait: .seconds(5))
        // The next request goes exactly when the server said; the server's bucket is empty then, so the one after
        // waits a full interval. No margin now: the 429 synced us to the server's clock (late by the response's
        // latency, which only errs on the safe side).
        #expect(pacer.reserveForTesting(create) == .seconds(5))
        #expect(pacer.reserveForTesting(create) == .seconds(6))
        #expect(pacer.reserveForTesting("AdminService_GetService") == .zero)
        #expect(pacer.snapshot().methods[create]?.rateLimited == 1)
        #expect(pacer.snapshot().methods[create]?.calls == 3)
    }

    @Test func withoutPacingARateLimitStillHoldsThatMethodBack() {
        let pacer = MethodPacer(configuration: nil, clock: VirtualClock())
        #expect((0..<500).allSatisfy { _ in pacer.reserveForTesting(create) == .zero })
        pacer.rateLimited(create, wait: .milliseconds(1500))
        #expect(pacer.reserveForTesting(create) == .milliseconds(1500))
        #expect(pacer.reserveForTesting("AdminService_GetService") == .zero)
    }

    @Test func aRequestSentLateRestartsTheMethodsScheduleFromItsDeparture() async throws {
        let clock = ManualClock()
        let pacer = MethodPacer(
            configuration: PacingConfiguration(defaultLimit: .perMinute(60, burst: 2), margin: .zero), clock: clock)
        let first = try #require(try await pacer.acquire(create))  // t = 0, at once
        clock.advance(to: .seconds(5))  // held 5 s for an in-flight permit: the server's clock starts at 5 s
        pacer.sent(first)
        let second = try #require(try await pacer.acquire(create))  // the burst's second slot, at once
        pacer.sent(second)  // on time: changes nothing
        // The server allows the third at 6 s (its clock started at 5 s); without the shift the client would say 5 s.
        #expect(pacer.reserveForTesting(create) == .seconds(6))
    }

    @Test func theSnapshotSaysWhatIsLeftOfTheBurstAndWhenTheNextSlotFrees() {
        let clock = VirtualClock()
        let pacer = MethodPacer(
            configuration: PacingConfiguration(defaultLimit: .perMinute(60, burst: 3), margin: .zero), clock: clock)
        _ = pacer.reserveForTesting(create)
        _ = pacer.reserveForTesting(create)
        var stats = pacer.snapshot().method(create)
        #expect(stats.available == 1)
        #expect(stats.nextFree == .zero)
        _ = pacer.reserveForTesting(create)
        stats = pacer.snapshot().method(create)
        #expect(stats.available == 0)
        #expect(stats.nextFree == .seconds(1))
        let unseen = pacer.snapshot().method("AdminService_GetProject")
        #expect(unseen.available == 3)
        #expect(unseen.calls == 0)
        #expect(unseen.limit == .perMinute(60, burst: 3))
    }

    @Test func waitingCallersGoInArrivalOrderAndMoveBackTogetherOnA429() async throws {
        let clock = ManualClock()
        let pacer = MethodPacer(
            configuration: PacingConfiguration(defaultLimit: .perMinute(60, burst: 1), margin: .zero), clock: clock)
        try await pacer.acquire(create)  // the burst
        let first = Task { try await pacer.acquire(create) }
        try await clock.waitForSleepers(1)
        let second = Task { try await pacer.acquire(create) }
        try await clock.waitForSleepers(2)
        #expect(clock.deadlines == [.seconds(1), .seconds(2)])  // one interval apart, in arrival order
        // A 429 at t = 0 says "in 3 s": both move back 2 s, the first to exactly 3 s.
        pacer.rateLimited(create, wait: .seconds(3))
        clock.advance(to: .seconds(2))  // their old slots pass; they re-read the moved ones and wait again
        try await clock.waitForSleepers(2)
        #expect(clock.deadlines == [.seconds(3), .seconds(4)])
        clock.advance(to: .seconds(3))
        _ = try await first.value
        #expect(clock.deadlines == [.seconds(4)])
        clock.advance(to: .seconds(4))
        _ = try await second.value
        let stats = try #require(pacer.snapshot().methods[create])
        #expect(stats.calls == 3)
        #expect(stats.rateLimited == 1)
        #expect(stats.waited == .seconds(1) + .seconds(2) + .seconds(1) + .seconds(2))  // first slept 1 + 1, second 2 + 2
    }

    @Test(arguments: [
        ("333.333015ms", Duration.nanoseconds(333_333_015)),
        ("1.5s", .milliseconds(1500)),
        ("2m0s", .seconds(120)),
        ("1m30.5s", .milliseconds(90_500)),
        ("1h0m0s", .seconds(3600)),
        ("1h2m3.004005006s", .seconds(3723) + .nanoseconds(4_005_006)),
        ("500\u{00B5}s", .microseconds(500)),
        ("1.5\u{03BC}s", .nanoseconds(1500)),
        ("250us", .microseconds(250)),
        ("100ns", .nanoseconds(100)),
        (".5s", .milliseconds(500)),
        ("0s", .zero),
        ("0", .zero),
    ])
    func goDurationsParse(text: String, expected: Duration) {
        #expect(GoDuration.parse(text) == expected)
    }

    @Test(arguments: ["", "s", "1", "1.5", "1x", "-1s", "1s2", "ms5", "1..5s"])
    func malformedGoDurationsAreRejected(text: String) {
        #expect(GoDuration.parse(text) == nil)
    }

    @Test func rillsRateLimitMessageGivesTheWait() {
        #expect(RateLimitMessage.retryAfter(in: "Rate limit exceeded. Try again in 333.333015ms seconds")
            == .nanoseconds(333_333_015))
        #expect(RateLimitMessage.retryAfter(in: "Rate limit exceeded. Try again in 2m0s seconds") == .seconds(120))
        #expect(RateLimitMessage.retryAfter(in: "Resource quota not provided") == nil)
        #expect(RateLimitMessage.retryAfter(in: "slow down") == nil)
    }
}
