import Foundation
import Testing
@testable import RillformAPI

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Retry, ambiguity and error mapping against a scripted transport (no server).
@Suite struct ResilienceTests {
    let unavailable = ScriptedTransport.Step.respond(status: 503, body: #"{"code":14,"message":"try later"}"#)
    let services = ScriptedTransport.Step.respond(status: 200, body: #"{"services":[{"name":"bot","roleName":"viewer"}]}"#)

    @Test func idempotentReadsAreRetriedWithBackoff() async throws {
        let transport = ScriptedTransport([unavailable, unavailable, services])
        let clock = VirtualClock()
        let client = try scriptedClient(transport, clock: clock)
        let result = try await client.reader.listServices(org: "acme")
        #expect(result.map(\.name) == ["bot"])
        #expect(transport.received.count == 3)
        // Two backoffs: 125–250 ms, then 250–500 ms (default policy, jittered).
        #expect(clock.sleeps.count == 2)
        #expect(clock.sleeps[0] >= .milliseconds(125) && clock.sleeps[0] <= .milliseconds(250))
        #expect(clock.sleeps[1] >= .milliseconds(250) && clock.sleeps[1] <= .milliseconds(500))
    }

    @Test func retryAfterIsHonoured() async throws {
        let limited = ScriptedTransport.Step.respond(
            status: 429, body: #"{"code":8,"message":"slow down"}"#, headers: ["Retry-After": "3"])
        let transport = ScriptedTransport([limited, services])
        let clock = VirtualClock()
        _ = try await scriptedClient(transport, clock: clock).reader.listServices(org: "acme")
        #expect(clock.sleeps == [.seconds(3)])
    }

    @Test func retriesStopAtTheLimitWithATypedError() async throws {
        let transport = ScriptedTransport([], fallback: unavailable)
        let client = try scriptedClient(transport, retryPolicy: RetryPolicy(maxAttempts: 3))
        let error = try await #require(throws: RillAPIError.self) { try await client.reader.listServices(org: "acme") }
        #expect(error.kind == .unavailable)
        #expect(error.attempts == 3)
        #expect(transport.received.count == 3)
        #expect(error.description == "listServices org.acme: 503 Unavailable: try later (after 3 attempts)")
    }

    @Test func aCreateIsNotRetriedBlindlyAfterA503() async throws {
        // 503 on the create, then the lookup finds nothing (404), then the create is sent again and succeeds.
        let transport = ScriptedTransport([
            unavailable,
            .respond(status: 404, body: #"{"code":5,"message":"service not found"}"#),
            .respond(status: 200, body: #"{"service":{"id":"s1","name":"bot"}}"#),
        ])
        let client = try scriptedClient(transport)
        let service = try await client.writer.createService(org: "acme", name: "bot", orgRole: .viewer)
        #expect(service.name == "bot")
        #expect(service.orgRole == .viewer)
        #expect(transport.received.map { "\($0.method) \($0.path)" } == [
            "POST /v1/orgs/acme/services",
            "GET /v1/orgs/acme/services/bot",
            "POST /v1/orgs/acme/services",
        ])
    }

    @Test func anAmbiguousCreateThatHappenedIsFoundNotRepeated() async throws {
        let transport = ScriptedTransport([
            .fail(.networkConnectionLost),
            .respond(status: 200, body: #"{"service":{"id":"s1","name":"bot","roleName":"admin"},"projectMemberships":[]}"#),
        ])
        let client = try scriptedClient(transport)
        let service = try await client.writer.createService(org: "acme", name: "bot", orgRole: .admin)
        #expect(service.id == "s1")
        #expect(transport.received.map { "\($0.method) \($0.path)" } == [
            "POST /v1/orgs/acme/services", "GET /v1/orgs/acme/services/bot",
        ])
    }

    @Test func aTokenIssueWithUnknownOutcomeIsReportedAmbiguous() async throws {
        let transport = ScriptedTransport([.fail(.timedOut)])
        let client = try scriptedClient(transport)
        let error = try await #require(throws: RillAPIError.self) {
            try await client.writer.issueServiceToken(org: "acme", service: "bot")
        }
        #expect(error.kind == .ambiguous)
        #expect(error.resource == "service_token.acme/bot")
        #expect(transport.received.count == 1)
    }

    @Test func aCreateIsRetriedWhenTheConnectionWasNeverMade() async throws {
        let transport = ScriptedTransport([
            .fail(.cannotConnectToHost),
            .respond(status: 200, body: #"{"organization":{"id":"o1","name":"acme"}}"#),
        ])
        let org = try await scriptedClient(transport).writer.createOrganization(name: "acme")
        #expect(org.id == "o1")
        #expect(transport.received.map(\.method) == ["POST", "POST"])  // retried, no lookup needed
    }

    @Test func aRateLimitedCreateIsRetried() async throws {
        let transport = ScriptedTransport([
            .respond(status: 429, body: #"{"code":8,"message":"rate limited"}"#, headers: ["Retry-After": "1"]),
            .respond(status: 200, body: #"{"organization":{"id":"o1","name":"acme"}}"#),
        ])
        let clock = VirtualClock()
        _ = try await scriptedClient(transport, clock: clock).writer.createOrganization(name: "acme")
        #expect(transport.received.filter { $0.method == "POST" }.count == 2)
        #expect(clock.sleeps == [.seconds(1)])
    }

    @Test(arguments: [
        (404, #"{"code":5,"message":"project not found"}"#, RillAPIError.Kind.notFound),
        (400, #"{"code":3,"message":"org not found"}"#, .notFound),
        (400, #"{"code":3,"message":"invalid name"}"#, .invalidArgument),
        (400, #"{"code":9,"message":"quota exceeded: projects"}"#, .failedPrecondition),
        (409, #"{"code":6,"message":"exists"}"#, .alreadyExists),
        (403, #"{"code":7,"message":"denied"}"#, .permissionDenied),
        (401, #"{"code":16,"message":"not authenticated"}"#, .unauthenticated),
        (500, "<html>oops</html>", .serverError),
    ])
    func errorResponsesMapToKinds(status: Int, body: String, kind: RillAPIError.Kind) async throws {
        let transport = ScriptedTransport([.respond(status: status, body: body)])
        let client = try scriptedClient(transport, retryPolicy: .never)
        let error = try await #require(throws: RillAPIError.self) {
            try await client.writer.createProject(org: "acme", NewProject(name: "sales"))
        }
        #expect(error.kind == kind)
        #expect(error.operation == "createProject")
        #expect(error.resource == "project.acme/sales")
        #expect(error.httpStatus == status)
    }

    @Test func errorDescriptionNamesOperationResourceStatusAndCode() async throws {
        let transport = ScriptedTransport([.respond(status: 400, body: #"{"code":3,"message":"org not found","details":[]}"#)])
        let client = try scriptedClient(transport, retryPolicy: .never)
        let error = try await #require(throws: RillAPIError.self) {
            try await client.writer.createProject(org: "acme", NewProject(name: "sales"))
        }
        #expect(error.description == "createProject project.acme/sales: 400 InvalidArgument: org not found")
    }

    @Test func aTokenEchoedByTheServerIsScrubbedFromErrors() async throws {
        let transport = ScriptedTransport([
            .respond(status: 401, body: #"{"code":16,"message":"bad token \#(testSecret) (Bearer \#(testSecret))"}"#)
        ])
        let client = try scriptedClient(transport)
        let error = try await #require(throws: RillAPIError.self) { try await client.reader.listRoles() }
        #expect(!error.description.contains(testSecret))
        #expect(!String(reflecting: error).contains(testSecret))
        #expect(!"\(error)".contains("TESTSECRET"))
        #expect(error.description.contains("rill_usr_<redacted>"))
    }

    @Test func headersCarryTheTokenAndRillformUserAgent() async throws {
        let transport = ScriptedTransport([services])
        _ = try await scriptedClient(transport).reader.listServices(org: "acme")
        let request = try #require(transport.received.first)
        #expect(request.headers[.authorization] == "Bearer \(testSecret)")
        #expect(request.headers[.userAgent] == "rillform/9.9.9")
    }

    @Test func deleteThatSucceededBeforeARetryCountsAsDone() async throws {
        // The first DELETE's response is lost, the retry finds the project already gone.
        let transport = ScriptedTransport([
            .fail(.networkConnectionLost),
            .respond(status: 404, body: #"{"code":5,"message":"project not found"}"#),
        ])
        let outcome = try await scriptedClient(transport).writer.deleteProject(org: "acme", project: "sales")
        #expect(outcome == .alreadyAbsent)
        #expect(transport.received.count == 2)
    }

    @Test func deleteReportsWhetherItRemovedSomething() async throws {
        let transport = ScriptedTransport([
            .respond(status: 200, body: #"{"id":"p1"}"#),
            .respond(status: 404, body: #"{"code":5,"message":"project not found"}"#),
        ])
        let client = try scriptedClient(transport)
        #expect(try await client.writer.deleteProject(org: "acme", project: "sales") == .deleted)
        #expect(try await client.writer.deleteProject(org: "acme", project: "sales") == .alreadyAbsent)
    }

    @Test func otherDeleteFailuresStillThrow() async throws {
        let transport = ScriptedTransport([.respond(status: 403, body: #"{"code":7,"message":"denied"}"#)])
        let error = try await #require(throws: RillAPIError.self) {
            try await scriptedClient(transport).writer.deleteProject(org: "acme", project: "sales")
        }
        #expect(error.kind == .permissionDenied)
    }
}
