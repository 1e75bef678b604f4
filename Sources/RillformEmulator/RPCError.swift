/// gRPC status codes, as Rill's handlers return them.
enum GRPCCode: Int, Sendable {
    case canceled = 1, unknown = 2, invalidArgument = 3, deadlineExceeded = 4, notFound = 5
    case alreadyExists = 6, permissionDenied = 7, resourceExhausted = 8, failedPrecondition = 9
    case aborted = 10, outOfRange = 11, unimplemented = 12, `internal` = 13, unavailable = 14
    case dataLoss = 15, unauthenticated = 16

    /// The HTTP status Vanguard's REST transcoder uses for this code.
    var httpStatus: Int {
        switch self {
        case .invalidArgument, .failedPrecondition, .outOfRange: 400
        case .unauthenticated: 401
        case .permissionDenied: 403
        case .notFound: 404
        case .alreadyExists, .aborted: 409
        case .resourceExhausted: 429
        case .canceled: 499
        case .unknown, .internal, .dataLoss: 500
        case .unimplemented: 501
        case .unavailable: 503
        case .deadlineExceeded: 504
        }
    }
}

/// An error in Rill's wire shape: `{"code": <grpc int>, "message": "...", "details": []}`.
struct RPCError: Error, Sendable, Equatable {
    let code: GRPCCode
    let message: String

    init(_ code: GRPCCode, _ message: String) {
        self.code = code
        self.message = message
    }

    var body: JSON {
        .object(["code": .int(code.rawValue), "message": .string(message), "details": .array([])])
    }

    static func notFound(_ what: String) -> RPCError { RPCError(.notFound, "\(what) not found") }
    static func permissionDenied(_ action: String) -> RPCError {
        RPCError(.permissionDenied, "does not have permission to \(action)")
    }
}
