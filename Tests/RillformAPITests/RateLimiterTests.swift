import Testing
@testable import RillformAPI

@Suite struct RateLimiterTests {
    @Test func spacesRequestsAfterTheBurst() async throws {
        let clock = VirtualClock()
        let limiter = RequestRateLimiter(maxRequestsPerSecond: 4, burst: 2, clock: clock)
        var sendTimes: [Duration] = []
        for _ in 0..<6 {
            try await limiter.acquire()
            sendTimes.append(clock.now())
        }
        // Two immediately (the burst), then one every 250 ms.
        #expect(sendTimes == [.zero, .zero, .milliseconds(250), .milliseconds(500), .milliseconds(750), .seconds(1)])
    }

    @Test func refillsWhileIdle() async throws {
        let clock = VirtualClock()
        let limiter = RequestRateLimiter(maxRequestsPerSecond: 2, burst: 1, clock: clock)
        try await limiter.acquire()
        try await clock.sleep(for: .seconds(5))  // idle: the bucket refills, but only up to the burst
        let before = clock.sleeps.count
        try await limiter.acquire()
        #expect(clock.sleeps.count == before)  // no wait
        try await limiter.acquire()
        #expect(clock.sleeps.last == .milliseconds(500))
    }

    @Test func clientAppliesTheLimitToEveryRequest() async throws {
        let page = #"{"services":[]}"#
        let transport = ScriptedTransport(Array(repeating: .respond(status: 200, body: page), count: 5))
        let clock = VirtualClock()
        let client = try scriptedClient(transport, clock: clock, maxRequestsPerSecond: 10)
        for _ in 0..<5 { _ = try await client.reader.listServices(org: "acme") }
        // Default burst 5 at 10/s: five requests fit the burst, no waits.
        #expect(clock.sleeps.isEmpty)
        let slow = try scriptedClient(ScriptedTransport(Array(repeating: .respond(status: 200, body: page), count: 8)),
                                      clock: clock, maxRequestsPerSecond: 10)
        for _ in 0..<8 { _ = try await slow.reader.listServices(org: "acme") }
        // Eight requests with a burst of five: three waits of 100 ms each.
        #expect(clock.sleeps == [.milliseconds(100), .milliseconds(100), .milliseconds(100)])
    }

    @Test func theDefaultClientHasNoGlobalCapOnlyPerMethodPacing() async throws {
        let options = RillAdminClient.Options()
        #expect(options.maxRequestsPerSecond == nil)
        #expect(options.pacing == .rill)
        // 120 calls over two methods, back to back: within each method's burst of 180, so no waits at all
        // (the old global default, 20/s with a burst of 5, would have spaced them).
        let transport = ScriptedTransport([], fallback: .respond(status: 200, body: #"{"services":[],"roles":[]}"#))
        let clock = VirtualClock()
        let client = try scriptedClient(transport, clock: clock)
        for _ in 0..<60 {
            _ = try await client.reader.listServices(org: "acme")
            _ = try await client.reader.listRoles()
        }
        #expect(clock.sleeps.isEmpty)
        let snapshot = client.pacing.snapshot()
        #expect(snapshot.calls == 120)
        #expect(snapshot.methods["AdminService_ListServices"]?.calls == 60)
        #expect(snapshot.methods["AdminService_ListServices"]?.limit == .perMinute(180))
        #expect(snapshot.waited == .zero)
    }
}
