import Foundation
@testable import RillformEmulator
import RillformTestSupport
import Testing
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

@Suite struct FaultInjectionTests {
    private func statuses(seed: UInt64, count: Int) async throws -> ([Int], [AccessLogEntry]) {
        try await withEmulator({ options in
            options.seed = seed
            options.faultRate = 0.5
            options.faultKinds = [.internalError, .unavailable, .rateLimited, .ambiguousCommit]
        }) { emulator in
            let http = EmulatorHTTP(emulator, token: nil)
            var statuses: [Int] = []
            for _ in 0..<count {
                let result = try await http.get("/v1/ping")
                statuses.append(result.status)
                if result.status == 429 {
                    // Rill's limiter message (one emission interval of 180/min) and no Retry-After header.
                    #expect(result.headers["retry-after"] == nil)
                    #expect(result.message == "Rate limit exceeded. Try again in 333.333333ms seconds")
                }
                if result.status != 200 { #expect(result.code != nil && result["details"] != nil) }
            }
            return (statuses, await emulator.accessLog())
        }
    }

    @Test func faultsAreDeterministicPerSeedAndLogged() async throws {
        let (first, log) = try await statuses(seed: 42, count: 40)
        let (second, _) = try await statuses(seed: 42, count: 40)
        let (other, _) = try await statuses(seed: 7, count: 40)
        #expect(first == second)
        #expect(first != other)
        #expect(Set(first) == [200, 500, 503, 429])
        #expect(log.count == 40)
        #expect(log.map(\.status) == first)
        #expect(log.filter { $0.fault != nil }.count == first.filter { $0 != 200 }.count)
        // Reads are never "ambiguous commits".
        #expect(!log.contains { $0.fault == .ambiguousCommit })
        #expect(log.allSatisfy { $0.method == "GET" && $0.path == "/v1/ping" })
    }

    @Test func ambiguousCommitDropsTheConnectionAfterCommitting() async throws {
        try await withEmulator { emulator in
            let admin = EmulatorHTTP(emulator, token: try #require(emulator.adminToken) as String)
            await emulator.setFaults(rate: 1, kinds: [.ambiguousCommit], latencyMilliseconds: 0)
            // Reads are unaffected by an ambiguous-only fault mix.
            expectOK(try await admin.get("/v1/ping"))
            // On a reused keep-alive connection, libcurl-based URLSession resends a POST whose body stream is
            // already consumed and then waits for its timeout; a fresh connection fails at once.
            let fresh = URLSession(configuration: .ephemeral)
            let started = Date()
            await #expect(throws: (any Error).self) {
                _ = try await admin.send("POST", "/v1/orgs", body: #"{"name":"acme"}"#, session: fresh)
            }
            #expect(Date().timeIntervalSince(started) < 10)
            fresh.invalidateAndCancel()
            await emulator.setFaults(rate: 0, kinds: [], latencyMilliseconds: 0)
            expectOK(try await admin.get("/v1/orgs/acme"))
            let log = await emulator.accessLog()
            let faulted = log.filter { $0.fault == .ambiguousCommit }
            #expect(faulted.count == 1)
            #expect(faulted.first?.path == "/v1/orgs" && faulted.first?.status == 200)
        }
    }

    @Test func latencyAndAccessLogFile() async throws {
        try await withTemporaryDirectory { directory in
            let logPath = directory.appendingPathComponent("access.jsonl").path
            try await withEmulator({ options in
                options.latencyMilliseconds = 60
                options.accessLogPath = logPath
            }) { emulator in
                let admin = EmulatorHTTP(emulator, token: try #require(emulator.adminToken) as String)
                expectOK(try await admin.get("/v1/users/current"))
                expectError(try await admin.get("/v1/orgs/none"), status: 404, code: 5)
                let log = await emulator.accessLog()
                #expect(log.count == 2)
                #expect(log.allSatisfy { $0.latencyMilliseconds >= 60 })
                await emulator.resetAccessLog()
                #expect(await emulator.accessLog().isEmpty)
                let lines = try String(contentsOfFile: logPath, encoding: .utf8).split(separator: "\n")
                #expect(lines.count == 2)
                let first = try JSON.parse(Data(lines[0].utf8))
                #expect(first["method"]?.stringValue == "GET")
                #expect(first["path"]?.stringValue == "/v1/users/current")
                #expect(first["status"]?.intValue == 200)
                #expect((first["latency_ms"]?.intValue ?? 0) >= 60)
                #expect(first["fault"] == .null)
                let adminToken = try #require(emulator.adminToken)
                #expect(!(try String(contentsOfFile: logPath, encoding: .utf8)).contains(adminToken))
            }
        }
    }
}
