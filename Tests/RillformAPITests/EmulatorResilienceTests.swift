import Foundation
import RillformEmulator
import RillformModel
import RillformTestSupport
import Testing
@testable import RillformAPI

/// Retries, ambiguity and rate limiting against the emulator's injected faults. The emulator's fault stream is
/// seeded, and these tests send requests one at a time, so the faults are the same on every run.
@Suite struct EmulatorResilienceTests {
    @Test func readsSucceedThrough503sAndTheLogShowsTheRetries() async throws {
        try await withEmulator({ $0.seed = 7 }) { emulator in
            let clock = VirtualClock()
            let client = try emulatorClient(emulator, clock: clock, retryPolicy: RetryPolicy(maxAttempts: 10))
            _ = try await client.writer.createOrganization(name: "acme")
            await emulator.setFaults(rate: 0.5, kinds: [.unavailable], latencyMilliseconds: 0)
            await emulator.resetAccessLog()
            for _ in 0..<10 {
                #expect(try await client.reader.getOrganization("acme")?.org.name == "acme")
            }
            let log = await emulator.accessLog()
            let faulted = log.filter { $0.fault == .unavailable }
            #expect(!faulted.isEmpty)
            #expect(faulted.allSatisfy { $0.status == 503 })
            #expect(log.filter { $0.status == 200 }.count == 10)
            #expect(log.count == 10 + faulted.count)  // every 503 was followed by one retry
            #expect(clock.sleeps.count == faulted.count)  // each retry waited a backoff first
        }
    }

    @Test func injected429sHonourRillsMessage() async throws {
        try await withEmulator({ $0.seed = 11 }) { emulator in
            let clock = VirtualClock()
            // Unpaced: injected 429s come at random, not from a GCRA the pacer could mirror.
            let client = try pacedEmulatorClient(emulator, clock: clock, pacing: nil,
                                                 retryPolicy: RetryPolicy(maxAttempts: 10))
            _ = try await client.writer.createOrganization(name: "acme")
            await emulator.setFaults(rate: 0.5, kinds: [.rateLimited], latencyMilliseconds: 0)
            await emulator.resetAccessLog()
            for index in 0..<6 {
                // Creates too: a 429 means the server did not act, so even a non-idempotent call may repeat.
                _ = try await client.writer.createService(org: "acme", name: "bot\(index)", orgRole: .viewer)
            }
            let log = await emulator.accessLog()
            let limited = log.filter { $0.status == 429 }
            #expect(!limited.isEmpty)
            #expect(clock.sleeps.count == limited.count)
            // The emulator says what Rill says at 180/min: "Try again in 333.333333ms seconds", no Retry-After.
            #expect(clock.sleeps.allSatisfy { $0 == .nanoseconds(333_333_333) })
            #expect(client.pacing.snapshot().rateLimited == limited.count)
            await emulator.setFaults(rate: 0, kinds: [], latencyMilliseconds: 0)
            #expect(try await client.reader.listServices(org: "acme").count == 6)  // no duplicates, none missing
        }
    }

    @Test func anAmbiguousCreateIsLookedUpNotDuplicated() async throws {
        try await withEmulator { emulator in
            // A dropped POST connection surfaces as a timeout here: keep it short.
            let client = try emulatorClient(emulator, requestTimeout: .seconds(2))
            _ = try await client.writer.createOrganization(name: "acme")
            // Every write commits, then the connection drops before the response.
            await emulator.setFaults(rate: 1, kinds: [.ambiguousCommit], latencyMilliseconds: 0)
            await emulator.resetAccessLog()

            let service = try await client.writer.createService(org: "acme", name: "bot", orgRole: .admin)
            #expect(service.name == "bot")
            #expect(service.orgRole == .admin)
            let project = try await client.writer.createProject(org: "acme", NewProject(name: "sales", skipDeploy: true))
            #expect(project.name == "sales")

            #expect(await served(emulator) == [
                "POST /v1/orgs/acme/services", "GET /v1/orgs/acme/services/bot",
                "POST /v1/orgs/acme/projects", "GET /v1/orgs/acme/projects/sales",
            ])
            await emulator.setFaults(rate: 0, kinds: [], latencyMilliseconds: 0)
            #expect(try await client.reader.listServices(org: "acme").map(\.name) == ["bot"])
            #expect(try await client.reader.listProjects(org: "acme").map(\.name) == ["sales"])
        }
    }

    @Test func anAmbiguousTokenIssueIsReportedNotRetried() async throws {
        try await withEmulator { emulator in
            let client = try emulatorClient(emulator, requestTimeout: .seconds(2))
            _ = try await client.writer.createOrganization(name: "acme")
            _ = try await client.writer.createService(org: "acme", name: "bot", orgRole: .viewer)
            await emulator.setFaults(rate: 1, kinds: [.ambiguousCommit], latencyMilliseconds: 0)
            let error = try await #require(throws: RillAPIError.self) {
                try await client.writer.issueServiceToken(org: "acme", service: "bot")
            }
            #expect(error.kind == .ambiguous)
            await emulator.setFaults(rate: 0, kinds: [], latencyMilliseconds: 0)
            // Exactly one token was minted (its secret is lost; a token policy would revoke it as unknown).
            #expect(try await client.reader.listServiceTokens(org: "acme", service: "bot").count == 1)
        }
    }

    @Test func idempotentWritesAreRetriedThroughDroppedConnections() async throws {
        try await withEmulator({ $0.seed = 3 }) { emulator in
            let client = try emulatorClient(emulator, retryPolicy: RetryPolicy(maxAttempts: 10))
            _ = try await client.writer.createOrganization(name: "acme")
            let names = (1...6).map { "proj\($0)" }  // Rill slugs have at least 3 characters
            for name in names {
                _ = try await client.writer.createProject(org: "acme", NewProject(name: name, skipDeploy: true))
            }
            // Half of the writes commit and then lose their connection before the response.
            await emulator.setFaults(rate: 0.5, kinds: [.ambiguousCommit], latencyMilliseconds: 0)
            await emulator.resetAccessLog()
            var outcomes: [DeletionOutcome] = []
            for name in names {
                // A resend after a committed DELETE finds the project gone: reported, not thrown.
                outcomes.append(try await client.writer.deleteProject(org: "acme", project: name))
            }
            let log = await emulator.accessLog()
            let dropped = log.filter { $0.fault == .ambiguousCommit }
            #expect(!dropped.isEmpty)
            #expect(dropped.first?.status == 200)  // the first drop committed the delete
            #expect(log.count == names.count + dropped.count)  // each drop was followed by exactly one resend
            #expect(outcomes.contains(.alreadyAbsent))
            await emulator.setFaults(rate: 0, kinds: [], latencyMilliseconds: 0)
            #expect(try await client.reader.listProjects(org: "acme").isEmpty)
        }
    }

    @Test func theRateLimiterSpacesRequests() async throws {
        try await withEmulator { emulator in
            let clock = VirtualClock()
            let client = try emulatorClient(emulator, clock: clock, maxRequestsPerSecond: 5, rateLimitBurst: 1)
            await emulator.resetAccessLog()
            for _ in 0..<6 { _ = try await client.reader.listRoles() }
            #expect(await emulator.accessLog().count == 6)
            // One request at once, then one every 200 ms of (virtual) time.
            #expect(clock.sleeps == Array(repeating: .milliseconds(200), count: 5))
            #expect(clock.now() == .seconds(1))
        }
    }
}
