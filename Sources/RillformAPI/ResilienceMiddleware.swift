import Foundation
import HTTPTypes
import Logging
import OpenAPIRuntime

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The outermost middleware: per-method pacing (`MethodPacer`), an optional global rate cap, the in-flight bound
/// (`RequestGate`, taken after those waits and held for one attempt), retries with backoff,
/// mapping error responses to `RillAPIError`, and debug logging. Only 2xx responses reach the generated code.
///
/// Retry rules:
/// - 429 is always retried, creates included: the server's limiter rejected the request before any handler ran.
///   The wait is the server's ("Try again in <Go duration> seconds" in Rill's body; a proxy's `Retry-After`;
///   the longer of the two), otherwise a backoff; it is fed to the pacer so every call of that method waits too.
///   429 retries count against `RetryPolicy.maxRateLimitRetries`, not `maxAttempts`.
/// - 500, 502, 503, 504 and connection failures are retried for idempotent requests (`RequestIdempotency`)
///   with an exponential backoff with jitter (or `Retry-After` when sent), up to `maxAttempts` attempts.
/// - A non-idempotent request (a create, a token issue) is otherwise retried only when the server certainly did
///   not act on it: a connection that was never established. Anything else (500/502/503/504, a timeout, a dropped
///   connection) leaves the outcome unknown and is reported as `.ambiguous`, so the caller can look the resource
///   up instead of creating a duplicate.
///
/// Logs carry method, path, status, attempt and duration; never headers or bodies.
struct ResilienceMiddleware: ClientMiddleware {
    let retryPolicy: RetryPolicy
    let pacer: MethodPacer
    /// The optional global cap (`--max-rps`), after the per-method pacing.
    let rateLimiter: RequestRateLimiter?
    /// Bounds requests in flight (`--parallelism`); taken after both waits above, held for one attempt only.
    let gate: RequestGate?
    let clock: any APIClock
    let jitter: JitterSource
    let logger: Logger
    /// The largest error body read (error bodies are small JSON; anything bigger is cut).
    let maxErrorBodyBytes = 64 * 1024

    /// Retried for idempotent requests (429 is handled apart).
    static let retryableStatuses: Set<Int> = [500, 502, 503, 504]
    /// Responses are buffered up to this size (the largest Rill list pages are far smaller).
    let maxBodyBytes = 64 * 1024 * 1024

    func intercept(
        _ request: HTTPRequest, body: HTTPBody?, baseURL: URL, operationID: String,
        next: @Sendable (HTTPRequest, HTTPBody?, URL) async throws -> (HTTPResponse, HTTPBody?)
    ) async throws -> (HTTPResponse, HTTPBody?) {
        let idempotent = RequestIdempotency.isIdempotent(method: request.method, operationID: operationID)
        // Buffer the request body once so every attempt can resend it.
        let bodyBytes: [UInt8]? = if let body { try await [UInt8](collecting: body, upTo: 16 * 1024 * 1024) } else { nil }
        let label = "\(request.method.rawValue) \(request.path ?? "")"
        var attempt = 0
        // Failed attempts other than 429s (those count against `maxAttempts`), and 429s seen.
        var failures = 0
        var rateLimited = 0
        while true {
            attempt += 1
            try Task.checkCancellation()
            let reservation = try await pacer.acquire(operationID)
            if let rateLimiter { try await rateLimiter.acquire() }
            // The in-flight permit is taken only now, after the pacing wait, and given back once the body is
            // read: a request waiting for its method's pace holds no slot that another method needs.
            if let gate { try await gate.acquire() }
            // Waiting for the permit may have made it late enough to restart the server's clock for the method.
            if let reservation { pacer.sent(reservation) }
            let started = clock.now()
            let response: HTTPResponse
            let responseBody: HTTPBody?
            do {
                defer { gate?.release() }
                let (head, streamed) = try await next(request, bodyBytes.map { HTTPBody($0) }, baseURL)
                // Read the whole body here: AsyncHTTPClient streams it, and a connection that drops mid-body must
                // count as a transport failure of this attempt (retried or reported ambiguous), not a decode error.
                response = head
                if let streamed {
                    responseBody = HTTPBody(try await [UInt8](collecting: streamed, upTo: maxBodyBytes))
                } else {
                    responseBody = nil
                }
            } catch {
                if error is CancellationError || Task.isCancelled { throw error }
                let failure = TransportFailureClass(error)
                logger.debug("\(label) failed: \(failure.summary)",
                             metadata: ["attempt": "\(attempt)", "ms": "\(milliseconds(since: started))"])
                failures += 1
                let canRetry = idempotent || failure == .notSent
                if canRetry, failures < retryPolicy.maxAttempts {
                    try await clock.sleep(for: retryPolicy.delay(afterAttempt: failures, retryAfter: nil,
                                                                 unitRandom: jitter.next()))
                    continue
                }
                throw RillAPIError(kind: canRetry ? .transport : .ambiguous, operation: operationID,
                                   message: canRetry ? failure.summary
                                       : "the request may or may not have been processed (\(failure.summary))",
                                   attempts: attempt)
            }
            let status = response.status.code
            logger.debug("\(label) \(status)",
                         metadata: ["attempt": "\(attempt)", "ms": "\(milliseconds(since: started))"])
            if (200..<300).contains(status) { return (response, responseBody) }

            let errorBody = await ErrorResponseBody.read(responseBody, limit: maxErrorBodyBytes)
            let retryAfter = RetryAfterHeader.parse(response.headerFields[.retryAfter])
            if status == 429 {
                rateLimited += 1
                let told = [retryAfter, RateLimitMessage.retryAfter(in: errorBody.message)].compactMap { $0 }.max()
                let wait = retryPolicy.delay(afterAttempt: rateLimited, retryAfter: told, unitRandom: jitter.next())
                // Even when this call gives up, the method's schedule moves back for every other caller.
                pacer.rateLimited(operationID, wait: wait)
                if rateLimited <= retryPolicy.maxRateLimitRetries {
                    logger.debug("\(label) rate limited; retrying", metadata: ["wait_ms": "\(milliseconds(wait))"])
                    continue  // the pacer waits
                }
            } else if ResilienceMiddleware.retryableStatuses.contains(status) {
                if !idempotent {
                    throw RillAPIError(kind: .ambiguous, operation: operationID, httpStatus: status,
                                       grpcCode: errorBody.code,
                                       message: "the request may or may not have been processed: "
                                           + (errorBody.message.isEmpty ? "status \(status)" : errorBody.message),
                                       attempts: attempt)
                }
                failures += 1
                if failures < retryPolicy.maxAttempts {
                    try await clock.sleep(for: retryPolicy.delay(afterAttempt: failures, retryAfter: retryAfter,
                                                                 unitRandom: jitter.next()))
                    continue
                }
            }
            throw RillAPIError(kind: RillAPIError.kind(httpStatus: status, grpcCode: errorBody.code,
                                                       message: errorBody.message),
                               operation: operationID, httpStatus: status, grpcCode: errorBody.code,
                               message: errorBody.message, attempts: attempt)
        }
    }

    private func milliseconds(since start: Duration) -> Int {
        milliseconds(clock.now() - start)
    }

    private func milliseconds(_ duration: Duration) -> Int {
        Int(RequestRateLimiter.seconds(duration) * 1000)
    }
}

/// Whether a failed attempt could have reached the server.
enum TransportFailureClass: Equatable {
    /// The connection was never established: the server cannot have seen the request.
    case notSent
    /// The request may have been sent (timeout, dropped connection, unknown error).
    case maybeSent(String)

    init(_ error: any Error) {
        // The runtime wraps transport errors in `ClientError` before middlewares see them.
        if let clientError = error as? ClientError {
            self.init(clientError.underlyingError)
            return
        }
        if let urlError = error as? URLError {
            switch urlError.code {
            case .cannotConnectToHost, .cannotFindHost, .dnsLookupFailed, .notConnectedToInternet,
                 .secureConnectionFailed, .serverCertificateUntrusted, .serverCertificateHasBadDate,
                 .serverCertificateNotYetValid, .serverCertificateHasUnknownRoot, .appTransportSecurityRequiresSecureConnection:
                self = .notSent
            case .timedOut: self = .maybeSent("timed out")
            case .networkConnectionLost: self = .maybeSent("connection lost")
            default: self = .maybeSent("URL error \(urlError.code.rawValue)")
            }
            return
        }
        if let classified = TransportFailureClass(asyncHTTPClientError: error) {
            self = classified
            return
        }
        self = .maybeSent(SecretScrubber.scrub(String(describing: type(of: error))))
    }

    var summary: String {
        switch self {
        case .notSent: "could not connect"
        case .maybeSent(let reason): reason
        }
    }
}

/// The fields of Rill's `rpcStatus` error body that rillform uses; tolerant of anything else (HTML from a proxy).
struct ErrorResponseBody: Decodable {
    var code: Int?
    var message: String

    enum CodingKeys: String, CodingKey { case code, message }

    init(code: Int?, message: String) {
        self.code = code
        self.message = message
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        code = try? container.decodeIfPresent(Int.self, forKey: .code)
        message = (try? container.decodeIfPresent(String.self, forKey: .message)) ?? ""
    }

    static func read(_ body: HTTPBody?, limit: Int) async -> ErrorResponseBody {
        guard let body, let bytes = try? await [UInt8](collecting: body, upTo: limit) else {
            return ErrorResponseBody(code: nil, message: "")
        }
        if let decoded = try? JSONDecoder().decode(ErrorResponseBody.self, from: Data(bytes)) { return decoded }
        // Not JSON: keep a short, single-line excerpt.
        let text = String(decoding: bytes.prefix(200), as: UTF8.self)
            .split(whereSeparator: \.isNewline).joined(separator: " ")
        return ErrorResponseBody(code: nil, message: text)
    }
}

/// `Retry-After`: delta-seconds or an HTTP date.
enum RetryAfterHeader {
    static func parse(_ value: String?, now: Date = Date()) -> Duration? {
        guard let value = value?.trimmingCharacters(in: .whitespaces), !value.isEmpty else { return nil }
        if let seconds = Double(value), seconds >= 0, seconds.isFinite { return .seconds(seconds) }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        guard let date = formatter.date(from: value) else { return nil }
        return .seconds(max(0, date.timeIntervalSince(now)))
    }
}
