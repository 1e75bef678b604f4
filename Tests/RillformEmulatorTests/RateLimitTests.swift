import Foundation
@testable import RillformEmulator
import RillformTestSupport
import Synchronization
import Testing
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// A settable microsecond clock for the limiter.
private final class FakeClock: Sendable {
    private let micros: Mutex<Int64>
    init(_ start: Int64) { micros = Mutex(start) }
    func set(_ value: Int64) { micros.withLock { $0 = value } }
    func now() -> Int64 { micros.withLock { $0 } }
}

/// Rill's rate limiter: `checkRateLimit` (admin/server/server.go) over redis_rate's GCRA.
@Suite struct RateLimitTests {
    private static let start: Int64 = 1_700_000_000 * 1_000_000

    @Test func goDurationStringsMatchGo() {
        let cases: [(Int64, String)] = [
            (0, "0s"), (1, "1ns"), (999, "999ns"), (1_500, "1.5µs"), (1_000_000, "1ms"),
            (333_333_015, "333.333015ms"), (1_500_000_000, "1.5s"), (20_000_000_000, "20s"),
            (120_000_000_000, "2m0s"), (3_600_000_000_000, "1h0m0s"), (3_723_500_000_000, "1h2m3.5s"),
            (-1_500_000_000, "-1.5s"), (59_999_999_999, "59.999999999s"),
        ]
        for (nanoseconds, text) in cases {
            #expect(GoDuration.string(nanoseconds: nanoseconds) == text)
        }
    }

    @Test func burstThenSteadyRate() async {
        let clock = FakeClock(Self.start)
        let limiter = RateLimiter(limit: .perMinute(3), clock: { clock.now() })
        // The burst of 3 at once, then one every 20 s.
        for _ in 0..<3 { #expect(await limiter.allow("k") == .allowed) }
        #expect(await limiter.allow("k") == .limited(retryAfterNanoseconds: 20_000_000_000))
        clock.set(Self.start + 10_000_000)
        #expect(await limiter.allow("k") == .limited(retryAfterNanoseconds: 10_000_000_000))
        clock.set(Self.start + 20_000_000)
        #expect(await limiter.allow("k") == .allowed)
        #expect(await limiter.allow("k") == .limited(retryAfterNanoseconds: 20_000_000_000))
        clock.set(Self.start + 60_000_000)
        #expect(await limiter.allow("k") == .allowed)
        #expect(await limiter.allow("k") == .allowed)
        #expect(await limiter.allow("k") == .limited(retryAfterNanoseconds: 20_000_000_000))
        // A long pause refills the whole burst, and no more.
        clock.set(Self.start + 600_000_000)
        for _ in 0..<3 { #expect(await limiter.allow("k") == .allowed) }
        #expect(await limiter.allow("k") != .allowed)
        #expect(RateLimiter.message(retryAfterNanoseconds: 20_000_000_000) == "Rate limit exceeded. Try again in 20s seconds")
    }

    @Test func retryAfterKeepsRedisAndLuaPrecision() async {
        // 180/min with burst 1: the second request 15 µs later waits the rest of 1/3 s, as the Lua script's
        // float arithmetic (epoch 2017, "%.14g") and Go's truncation to nanoseconds give it.
        let clock = FakeClock(Self.start)
        let limiter = RateLimiter(limit: RateLimit(rate: 180, period: 60, burst: 1), clock: { clock.now() })
        #expect(await limiter.allow("k") == .allowed)
        clock.set(Self.start + 15)
        guard case .limited(let wait) = await limiter.allow("k") else {
            Issue.record("expected a limit")
            return
        }
        #expect(RateLimiter.message(retryAfterNanoseconds: wait) == "Rate limit exceeded. Try again in 333.318352ms seconds")
    }

    @Test func keysAreIndependent() async {
        let clock = FakeClock(Self.start)
        let limiter = RateLimiter(limit: .perMinute(1), clock: { clock.now() })
        #expect(await limiter.allow("auth:/rill.admin.v1.AdminService/Ping:u1") == .allowed)
        #expect(await limiter.allow("auth:/rill.admin.v1.AdminService/Ping:u1") != .allowed)
        #expect(await limiter.allow("auth:/rill.admin.v1.AdminService/ListRoles:u1") == .allowed)
        #expect(await limiter.allow("auth:/rill.admin.v1.AdminService/Ping:u2") == .allowed)
        #expect(await limiter.allow("anon:/rill.admin.v1.AdminService/Ping:127.0.0.1") == .allowed)
    }

    @Test func theServerLimitsPerMethodAndCallerAfterAuthentication() async throws {
        try await withEmulator({ options in
            options.rateLimitEnabled = true
            options.rateLimitPerMinute = 2
        }) { emulator in
            // A frozen clock: the wait depends only on the requests, not on how long they took.
            emulator.freezeClock()
            let anonymous = EmulatorHTTP(emulator, token: nil)
            let admin = EmulatorHTTP(emulator, token: try #require(emulator.adminToken) as String)
            expectOK(try await anonymous.get("/v1/ping"))
            expectOK(try await anonymous.get("/v1/ping"))
            let limited = try await anonymous.get("/v1/ping")
            expectError(limited, status: 429, code: 8)
            #expect(limited.headers["retry-after"] == nil)
            #expect(limited.message.hasPrefix("Rate limit exceeded. Try again in "))
            #expect(limited.message.hasSuffix("s seconds"))
            // 30 s at 2/min: the third request is one emission interval early.
            #expect(limited.message == "Rate limit exceeded. Try again in 30s seconds")
            emulator.advanceClock(by: 29.5)
            #expect(try await anonymous.get("/v1/ping").message == "Rate limit exceeded. Try again in 500ms seconds")
            emulator.advanceClock(by: 0.5)
            expectOK(try await anonymous.get("/v1/ping"))
            // Another method, another caller, another client IP: their own buckets.
            expectOK(try await anonymous.get("/v1/roles"))
            expectOK(try await admin.get("/v1/ping"))
            expectOK(try await admin.get("/v1/ping"))
            expectError(try await admin.get("/v1/ping"), status: 429, code: 8)
            expectOK(try await Self.get(emulator, "/v1/ping", forwardedFor: "203.0.113.7"))
            // Authentication comes first: a bad token is 401, not 429.
            expectError(try await admin.with(token: "rill_usr_bogus").get("/v1/ping"), status: 401, code: 16)
            // The alias of GetDeploymentCredentials shares the method's bucket (both are that RPC).
            let log = await emulator.accessLog()
            #expect(log.filter { $0.status == 429 }.count == 3)
        }
    }

    @Test func aliasRoutesShareTheirRPCsBucket() {
        let routes = CredentialRoutes.routes.filter { $0.segments.contains(.parameter("org")) }
        #expect(routes.count == 2)
        #expect(Set(routes.map(RPCMethodNames.name(for:))) == ["/rill.admin.v1.AdminService/GetDeploymentCredentials"])
        #expect(RPCMethodNames.name(for: DeploymentRoutes.routes[0]) == "/rill.admin.v1.AdminService/ListDeployments")
    }

    private static func get(_ emulator: RunningEmulator, _ path: String, forwardedFor: String) async throws -> HTTPResult {
        var request = URLRequest(url: try #require(URL(string: emulator.baseURL.absoluteString + path)))
        request.setValue(forwardedFor, forHTTPHeaderField: "X-Forwarded-For")
        let (data, response) = try await URLSession.shared.data(for: request)
        let http = try #require(response as? HTTPURLResponse)
        return HTTPResult(
            status: http.statusCode, body: (try? JSON.parse(data)) ?? .null, headers: [:],
            rawBody: String(decoding: data, as: UTF8.self))
    }
}
