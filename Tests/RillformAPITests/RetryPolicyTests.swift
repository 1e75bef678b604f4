import Testing
@testable import RillformAPI

@Suite struct RetryPolicyTests {
    @Test func backoffDoublesWithinJitterBoundsAndIsCapped() {
        let policy = RetryPolicy(maxAttempts: 10, baseDelay: .milliseconds(100), maxDelay: .seconds(1))
        // Jitter 0 gives half the backoff, jitter ~1 the full backoff.
        #expect(policy.delay(afterAttempt: 1, retryAfter: nil, unitRandom: 0) == .milliseconds(50))
        #expect(policy.delay(afterAttempt: 1, retryAfter: nil, unitRandom: 1) == .milliseconds(100))
        #expect(policy.delay(afterAttempt: 2, retryAfter: nil, unitRandom: 0) == .milliseconds(100))
        #expect(policy.delay(afterAttempt: 3, retryAfter: nil, unitRandom: 1) == .milliseconds(400))
        #expect(policy.delay(afterAttempt: 9, retryAfter: nil, unitRandom: 1) == .seconds(1))
    }

    @Test func retryAfterWinsAndIsCapped() {
        let policy = RetryPolicy(maxRetryAfter: .seconds(5))
        #expect(policy.delay(afterAttempt: 1, retryAfter: .seconds(2), unitRandom: 0.9) == .seconds(2))
        #expect(policy.delay(afterAttempt: 1, retryAfter: .seconds(600), unitRandom: 0) == .seconds(5))
    }

    @Test func seededJitterIsReproducible() {
        let first = JitterSource(seed: 7)
        let second = JitterSource(seed: 7)
        let a = (0..<5).map { _ in first.next() }
        let b = (0..<5).map { _ in second.next() }
        #expect(a == b)
        #expect(a.allSatisfy { (0..<1).contains($0) })
        #expect(Set(a).count == 5)
    }

    @Test func retryAfterHeaderParsesSecondsAndDates() throws {
        #expect(RetryAfterHeader.parse("3") == .seconds(3))
        #expect(RetryAfterHeader.parse(" 0 ") == .zero)
        #expect(RetryAfterHeader.parse("soon") == nil)
        #expect(RetryAfterHeader.parse(nil) == nil)
        let now = try #require(RFC3339DateTranscoder.parse("2015-10-21T07:28:00Z"))
        #expect(RetryAfterHeader.parse("Wed, 21 Oct 2015 07:28:10 GMT", now: now) == .seconds(10))
    }

    @Test func onlyCreatesAndIssuesAreNotIdempotent() {
        #expect(RequestIdempotency.isIdempotent(method: .get, operationID: "AdminService_ListServices"))
        #expect(RequestIdempotency.isIdempotent(method: .put, operationID: "AdminService_SetProjectMemberServiceRole"))
        #expect(RequestIdempotency.isIdempotent(method: .delete, operationID: "AdminService_DeleteProject"))
        #expect(RequestIdempotency.isIdempotent(method: .patch, operationID: "AdminService_UpdateProject"))
        #expect(RequestIdempotency.isIdempotent(method: .post, operationID: "AdminService_StartDeployment"))
        #expect(!RequestIdempotency.isIdempotent(method: .post, operationID: "AdminService_CreateProject"))
        #expect(!RequestIdempotency.isIdempotent(method: .post, operationID: "AdminService_IssueServiceAuthToken"))
    }
}
