import Foundation
import Logging
import OpenAPIRuntime

/// What readers and writers share: the generated client with its middlewares, the token (for recognising
/// the caller's own service token) and per-client caches. Internal: callers only see Reader/Writer methods.
struct AdminConnection: Sendable {
    let client: Client
    let token: APIToken?
    /// Sent as `pageSize` on paginated lists; `nil` leaves it to the server.
    let pageSize: Int?
    let retryPolicy: RetryPolicy
    let clock: any APIClock
    let jitter: JitterSource
    let logger: Logger
    let roleCatalog = RoleCatalogCache()

    /// Runs one wrapper operation, turning every failure into a `RillAPIError` labelled with the operation
    /// and resource (cancellation stays `CancellationError`).
    func perform<Result: Sendable>(
        _ operation: String, _ resource: String?, _ body: () async throws -> Result
    ) async throws -> Result {
        do {
            return try await body()
        } catch {
            throw AdminConnection.labelled(error, operation: operation, resource: resource)
        }
    }

    static func labelled(_ error: any Error, operation: String, resource: String?) -> any Error {
        var underlying = error
        if let clientError = error as? ClientError { underlying = clientError.underlyingError }
        if underlying is CancellationError { return underlying }
        if var apiError = underlying as? RillAPIError {
            apiError.operation = operation
            apiError.resource = resource
            return apiError
        }
        if let decodingError = underlying as? DecodingError {
            return RillAPIError(kind: .invalidResponse, operation: operation, resource: resource,
                                message: "could not decode the response: \(describe(decodingError))")
        }
        if underlying is URLError {
            return RillAPIError(kind: .transport, operation: operation, resource: resource,
                                message: TransportFailureClass(underlying).summary)
        }
        let reason = (error as? ClientError)?.causeDescription ?? String(describing: type(of: underlying))
        return RillAPIError(kind: .invalidResponse, operation: operation, resource: resource, message: reason)
    }

    /// The coding path and reason, never the offending value (it could be a secret).
    private static func describe(_ error: DecodingError) -> String {
        func path(_ context: DecodingError.Context) -> String {
            context.codingPath.map(\.stringValue).joined(separator: ".")
        }
        switch error {
        case .typeMismatch(let type, let context): return "\(path(context)): expected \(type)"
        case .valueNotFound(let type, let context): return "\(path(context)): missing \(type)"
        case .keyNotFound(let key, let context): return "\(path(context)): missing key \(key.stringValue)"
        case .dataCorrupted(let context): return "\(path(context)): malformed"
        @unknown default: return "malformed"
        }
    }

    /// Follows `nextPageToken` until it is empty (the last page may be empty: Rill emits a token whenever a page
    /// is full). A token that repeats would loop forever, so it is an error.
    func allPages<Item: Sendable>(
        _ operation: String, _ resource: String?,
        fetch: (_ pageToken: String?) async throws -> (items: [Item], nextPageToken: String?)
    ) async throws -> [Item] {
        try await perform(operation, resource) {
            var items: [Item] = []
            var pageToken: String?
            var seen: Set<String> = []
            while true {
                let page = try await fetch(pageToken)
                items += page.items
                guard let next = page.nextPageToken, !next.isEmpty else { return items }
                guard seen.insert(next).inserted else {
                    throw RillAPIError(kind: .invalidResponse, operation: operation, resource: resource,
                                       message: "the server repeated a page token; stopping to avoid a loop")
                }
                pageToken = next
            }
        }
    }

    var pageSizeParameter: Int64? { pageSize.map(Int64.init) }
}
