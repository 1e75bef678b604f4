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
        (501, #"{"code":12,"message":"not implemented"}"#, .serverError),
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

    // MARK: Rill's rate limit (429 without Retry-After) and 500s

    static let rillLimited = ScriptedTransport.Step.respond(
        status: 429, body: #"{"code":8,"message":"Rate limit exceeded. Try again in 1.5s seconds","details":[]}"#)

    @Test func rillsRateLimitMessageIsHonouredExactly() async throws {
        let transport = ScriptedTransport([Self.rillLimited, services])
        let clock = VirtualClock()
        let client = try scriptedClient(transport, clock: clock)
        _ = try await client.reader.listServices(org: "acme")
        #expect(clock.sleeps == [.milliseconds(1500)])
        #expect(transport.received.count == 2)
        let stats = try #require(client.pacing.snapshot().methods["AdminService_ListServices"])
        #expect(stats.calls == 2)
        #expect(stats.rateLimited == 1)
        #expect(stats.waited == .milliseconds(1500))
    }

    @Test func aRateLimitedCreateIsRetriedWithRillsWaitAndNoLookup() async throws {
        let limited = ScriptedTransport.Step.respond(
            status: 429, body: #"{"code":8,"message":"Rate limit exceeded. Try again in 333.333015ms seconds"}"#)
        let transport = ScriptedTransport([
            limited, .respond(status: 200, body: #"{"service":{"id":"s1","name":"bot"}}"#),
        ])
        let clock = VirtualClock()
        let service = try await scriptedClient(transport, clock: clock)
            .writer.createService(org: "acme", name: "bot", orgRole: .viewer)
        #expect(service.id == "s1")
        #expect(transport.received.map(\.method) == ["POST", "POST"])
        #expect(clock.sleeps == [.nanoseconds(333_333_015)])
    }

    @Test func aProxysLongerRetryAfterWins() async throws {
        let limited = ScriptedTransport.Step.respond(
            status: 429, body: #"{"code":8,"message":"Rate limit exceeded. Try again in 1.5s seconds"}"#,
            headers: ["Retry-After": "4"])
        let clock = VirtualClock()
        _ = try await scriptedClient(ScriptedTransport([limited, services]), clock: clock).reader.listServices(org: "acme")
        #expect(clock.sleeps == [.seconds(4)])
    }

    @Test func aRateLimitHoldsBackLaterCallsOfThatMethodOnly() async throws {
        let transport = ScriptedTransport([Self.rillLimited, services, services, .respond(status: 200, body: #"{"roles":[]}"#)])
        let clock = VirtualClock()
        let client = try pacedScriptedClient(
            transport, clock: clock, pacing: PacingConfiguration(defaultLimit: .perMinute(60, burst: 10)))
        _ = try await client.reader.listServices(org: "acme")
        _ = try await client.reader.listServices(org: "acme")
        // The 429 said the bucket is empty: the retry waits 1.5 s, the next call of the method one interval (1 s).
        #expect(clock.sleeps == [.milliseconds(1500), .seconds(1)])
        _ = try await client.reader.listRoles()
        #expect(clock.sleeps.count == 2)  // another method: no wait
    }

    @Test func rateLimitsDoNotUseUpTheAttemptBudget() async throws {
        let transport = ScriptedTransport(Array(repeating: Self.rillLimited, count: 6) + [
            .respond(status: 200, body: #"{"organization":{"id":"o1","name":"acme"}}"#)
        ])
        let clock = VirtualClock()
        let client = try scriptedClient(transport, clock: clock, retryPolicy: RetryPolicy(maxAttempts: 2))
        let org = try await client.writer.createOrganization(name: "acme")
        #expect(org.id == "o1")
        #expect(transport.received.count == 7)
        #expect(clock.sleeps == Array(repeating: .milliseconds(1500), count: 6))
        #expect(client.pacing.snapshot().rateLimited == 6)
    }

    @Test func rateLimitRetriesHaveTheirOwnCap() async throws {
        let transport = ScriptedTransport([], fallback: Self.rillLimited)
        let client = try scriptedClient(transport, retryPolicy: RetryPolicy(maxAttempts: 4, maxRateLimitRetries: 2))
        let error = try await #require(throws: RillAPIError.self) { try await client.reader.listServices(org: "acme") }
        #expect(error.kind == .rateLimited)
        #expect(error.attempts == 3)
        #expect(error.message == "Rate limit exceeded. Try again in 1.5s seconds")
    }

    static let internalError = ScriptedTransport.Step.respond(status: 500, body: #"{"code":13,"message":"internal error"}"#)

    @Test func a500IsRetriedForAGet() async throws {
        let transport = ScriptedTransport([Self.internalError, services])
        let result = try await scriptedClient(transport).reader.listServices(org: "acme")
        #expect(result.map(\.name) == ["bot"])
        #expect(transport.received.map(\.method) == ["GET", "GET"])
    }

    @Test func a500IsRetriedForAPatch() async throws {
        let transport = ScriptedTransport([
            Self.internalError, .respond(status: 200, body: #"{"service":{"id":"s1","name":"bot2"}}"#),
        ])
        let service = try await scriptedClient(transport).writer.updateService(org: "acme", name: "bot", newName: "bot2")
        #expect(service.name == "bot2")
        #expect(transport.received.map(\.method) == ["PATCH", "PATCH"])
    }

    @Test func a500IsRetriedForADelete() async throws {
        let transport = ScriptedTransport([Self.internalError, .respond(status: 200, body: "{}")])
        let outcome = try await scriptedClient(transport).writer.deleteService(org: "acme", name: "bot")
        #expect(outcome == .deleted)
        #expect(transport.received.map(\.method) == ["DELETE", "DELETE"])
    }

    @Test func a500IsRetriedUpToTheLimitThenReported() async throws {
        let transport = ScriptedTransport([], fallback: Self.internalError)
        let error = try await #require(throws: RillAPIError.self) {
            try await scriptedClient(transport, retryPolicy: RetryPolicy(maxAttempts: 3)).reader.listServices(org: "acme")
        }
        #expect(error.kind == .serverError)
        #expect(error.attempts == 3)
    }

    @Test func a500OnACreateIsAmbiguousAndLookedUp() async throws {
        let transport = ScriptedTransport([
            Self.internalError,
            .respond(status: 200, body: #"{"service":{"id":"s1","name":"bot","roleName":"viewer"},"projectMemberships":[]}"#),
        ])
        let service = try await scriptedClient(transport).writer.createService(org: "acme", name: "bot", orgRole: .viewer)
        #expect(service.id == "s1")
        #expect(transport.received.map { "\($0.method) \($0.path)" } == [
            "POST /v1/orgs/acme/services", "GET /v1/orgs/acme/services/bot",
        ])
    }

    @Test func a500OnATokenIssueIsAmbiguous() async throws {
        let transport = ScriptedTransport([Self.internalError])
        let error = try await #require(throws: RillAPIError.self) {
            try await scriptedClient(transport).writer.issueServiceToken(org: "acme", service: "bot")
        }
        #expect(error.kind == .ambiguous)
        #expect(error.httpStatus == 500)
        #expect(transport.received.count == 1)
    }

    // MARK: Duplicate answers after an ambiguous create

    @Test(arguments: [
        (400, #"{"code":3,"message":"an object with that name already exists"}"#),  // v0.76–v0.78 handlers
        (409, #"{"code":6,"message":"a project with that name already exists"}"#),  // newer handlers
    ])
    func aDuplicateAnswerToAReCreateIsResolvedByLookup(status: Int, body: String) async throws {
        // The first create's outcome is unknown, the lookup does not see it yet, the re-create is refused as a
        // duplicate, and a second lookup finds the project the first attempt made.
        let transport = ScriptedTransport([
            unavailable,
            .respond(status: 404, body: #"{"code":5,"message":"project not found"}"#),
            .respond(status: status, body: body),
            .respond(status: 200, body: #"{"project":{"id":"p1","name":"sales","orgName":"acme"}}"#),
        ])
        let project = try await scriptedClient(transport).writer.createProject(org: "acme", NewProject(name: "sales"))
        #expect(project.id == "p1")
        #expect(transport.received.map { "\($0.method) \($0.path)" } == [
            "POST /v1/orgs/acme/projects", "GET /v1/orgs/acme/projects/sales",
            "POST /v1/orgs/acme/projects", "GET /v1/orgs/acme/projects/sales",
        ])
    }

    @Test(arguments: [
        (400, #"{"code":3,"message":"an object with that name already exists"}"#, RillAPIError.Kind.invalidArgument),
        (409, #"{"code":6,"message":"a project with that name already exists"}"#, .alreadyExists),
    ])
    func aDuplicateAnswerIsThrownWhenTheLookupFindsNothing(status: Int, body: String, kind: RillAPIError.Kind)
        async throws
    {
        let notFound = ScriptedTransport.Step.respond(status: 404, body: #"{"code":5,"message":"project not found"}"#)
        let transport = ScriptedTransport([unavailable, notFound, .respond(status: status, body: body), notFound])
        let error = try await #require(throws: RillAPIError.self) {
            try await scriptedClient(transport).writer.createProject(org: "acme", NewProject(name: "sales"))
        }
        #expect(error.kind == kind)
        #expect(error.httpStatus == status)
        #expect(transport.received.count == 4)
    }

    @Test func aDuplicateAnswerWithoutAnyAmbiguityIsNotLookedUp() async throws {
        let transport = ScriptedTransport([
            .respond(status: 400, body: #"{"code":3,"message":"an object with that name already exists"}"#)
        ])
        let error = try await #require(throws: RillAPIError.self) {
            try await scriptedClient(transport).writer.createProject(org: "acme", NewProject(name: "sales"))
        }
        #expect(error.kind == .invalidArgument)
        #expect(transport.received.map(\.method) == ["POST"])
    }
}
