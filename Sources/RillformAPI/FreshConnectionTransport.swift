import Foundation
import HTTPTypes
import OpenAPIRuntime
import OpenAPIURLSession

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Sends non-idempotent requests (creates, token issues) on a connection of their own.
///
/// Why: when a kept-alive connection dies before any response byte arrives, libcurl (under URLSession on
/// Linux) silently resends the request on a new connection. For a POST that already committed, that resend
/// creates a duplicate (for a token issue: a second token whose secret is lost) and hides the ambiguity from
/// the retry logic. libcurl only does this on *reused* connections, so a fresh session per unsafe request
/// rules it out. Idempotent requests keep the shared, pooled session.
struct FreshConnectionTransport: ClientTransport {
    let shared: URLSessionTransport
    let configuration: URLSessionConfiguration

    func send(_ request: HTTPRequest, body: HTTPBody?, baseURL: URL, operationID: String) async throws
        -> (HTTPResponse, HTTPBody?)
    {
        guard !RequestIdempotency.isIdempotent(method: request.method, operationID: operationID) else {
            return try await shared.send(request, body: body, baseURL: baseURL, operationID: operationID)
        }
        let session = URLSession(configuration: configuration)
        defer { session.finishTasksAndInvalidate() }
        let transport = URLSessionTransport(configuration: .init(session: session))
        let (response, responseBody) = try await transport.send(
            request, body: body, baseURL: baseURL, operationID: operationID)
        // Buffer the body before the session goes away.
        guard let responseBody else { return (response, nil) }
        let bytes = try await [UInt8](collecting: responseBody, upTo: 32 * 1024 * 1024)
        return (response, HTTPBody(bytes))
    }
}
