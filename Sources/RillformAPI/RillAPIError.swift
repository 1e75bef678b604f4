/// A failed admin API call, naming the operation and the resource it was about:
/// `createProject project.acme/sales: 400 InvalidArgument: org not found`.
///
/// Never contains a token: server messages are scrubbed of anything that looks like one (`SecretScrubber`).
public struct RillAPIError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What went wrong, as far as a caller needs to decide what to do next.
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        /// 404, or a 400 whose message says "not found" (Rill reports many missing parents that way).
        case notFound
        /// 409 (AlreadyExists or Aborted).
        case alreadyExists
        /// 403: the token lacks the permission.
        case permissionDenied
        /// 401: missing, invalid or wrong kind of token (e.g. a service token on a user-only call).
        case unauthenticated
        /// 400 InvalidArgument / OutOfRange.
        case invalidArgument
        /// 400 FailedPrecondition (quota exceeded, billing issues, …).
        case failedPrecondition
        /// 429 after `RetryPolicy.maxRateLimitRetries` retries (counted apart from `maxAttempts`).
        case rateLimited
        /// 502/503/504 after the retries ran out.
        case unavailable
        /// Other 5xx responses: 500 Internal (after the retries, for an idempotent request), 501 Unimplemented.
        case serverError
        /// No HTTP response: connection refused, DNS failure, timeout.
        case transport
        /// A non-idempotent call (a create or a token issue) failed in a way that leaves its outcome unknown:
        /// the server may or may not have acted. Look the resource up before trying again.
        case ambiguous
        /// The response could not be decoded.
        case invalidResponse
        /// The client refused to send the request (for example plain `http://` to a non-loopback host).
        case refused
    }

    public var kind: Kind
    /// The wrapper operation, e.g. `createProject`.
    public var operation: String
    /// The resource the call was about, e.g. `project.acme/sales`; `nil` for calls about no one resource.
    public var resource: String?
    /// The HTTP status, when there was a response.
    public var httpStatus: Int?
    /// The gRPC code from Rill's `rpcStatus` body, when there was one.
    public var grpcCode: Int?
    /// The server's message (scrubbed of token-like strings) or a description of the local failure.
    public var message: String
    /// How many HTTP attempts were made (retries included).
    public var attempts: Int

    public init(kind: Kind, operation: String, resource: String? = nil, httpStatus: Int? = nil, grpcCode: Int? = nil,
                message: String, attempts: Int = 1) {
        self.kind = kind
        self.operation = operation
        self.resource = resource
        self.httpStatus = httpStatus
        self.grpcCode = grpcCode
        self.message = SecretScrubber.scrub(message)
        self.attempts = attempts
    }

    /// True for `notFound`, the way to detect absence.
    public var isNotFound: Bool { kind == .notFound }

    public var description: String {
        var text = operation
        if let resource { text += " \(resource)" }
        text += ": "
        if let httpStatus { text += "\(httpStatus) " }
        if let grpcCode, let name = RillAPIError.grpcCodeName(grpcCode) {
            text += "\(name): "
        } else if httpStatus == nil {
            text += "\(kind.rawValue): "
        } else if let name = RillAPIError.statusName(httpStatus) {
            text += "\(name): "
        }
        text += message.isEmpty ? "(no message)" : message
        if attempts > 1 { text += " (after \(attempts) attempts)" }
        return text
    }

    /// The gRPC status name Rill's server used, e.g. 3 → `InvalidArgument`.
    public static func grpcCodeName(_ code: Int) -> String? {
        switch code {
        case 0: "OK"
        case 1: "Canceled"
        case 2: "Unknown"
        case 3: "InvalidArgument"
        case 4: "DeadlineExceeded"
        case 5: "NotFound"
        case 6: "AlreadyExists"
        case 7: "PermissionDenied"
        case 8: "ResourceExhausted"
        case 9: "FailedPrecondition"
        case 10: "Aborted"
        case 11: "OutOfRange"
        case 12: "Unimplemented"
        case 13: "Internal"
        case 14: "Unavailable"
        case 15: "DataLoss"
        case 16: "Unauthenticated"
        default: nil
        }
    }

    static func statusName(_ status: Int?) -> String? {
        switch status {
        case 400: "BadRequest"
        case 401: "Unauthorized"
        case 403: "Forbidden"
        case 404: "NotFound"
        case 409: "Conflict"
        case 429: "TooManyRequests"
        case 500: "InternalServerError"
        case 502: "BadGateway"
        case 503: "ServiceUnavailable"
        case 504: "GatewayTimeout"
        default: nil
        }
    }

    /// Classifies an HTTP error response. The gRPC code wins over the HTTP status where both are present,
    /// except that any "not found" message means absence (Rill wraps missing parents as InvalidArgument).
    static func kind(httpStatus: Int, grpcCode: Int?, message: String) -> Kind {
        let saysNotFound = message.lowercased().contains("not found")
        if httpStatus == 404 || grpcCode == 5 || (httpStatus == 400 && saysNotFound) { return .notFound }
        switch grpcCode {
        case 3?, 11?: return .invalidArgument
        case 9?: return .failedPrecondition
        case 6?, 10?: return .alreadyExists
        case 7?: return .permissionDenied
        case 16?: return .unauthenticated
        case 8?: return .rateLimited
        case 14?, 4?: return .unavailable
        default: break
        }
        switch httpStatus {
        case 400: return .invalidArgument
        case 401: return .unauthenticated
        case 403: return .permissionDenied
        case 409: return .alreadyExists
        case 429: return .rateLimited
        case 502, 503, 504: return .unavailable
        default: return .serverError
        }
    }
}
