import Foundation
import HTTPTypes
import OpenAPIRuntime

/// Adds `Authorization: Bearer …` and rillform's `User-Agent` to every attempt.
///
/// The User-Agent is never `rill-cli/…`: Rill rejects old CLI versions by that header with 403.
struct RequestHeadersMiddleware: ClientMiddleware {
    let token: APIToken?
    let userAgent: String

    func intercept(
        _ request: HTTPRequest, body: HTTPBody?, baseURL: URL, operationID: String,
        next: @Sendable (HTTPRequest, HTTPBody?, URL) async throws -> (HTTPResponse, HTTPBody?)
    ) async throws -> (HTTPResponse, HTTPBody?) {
        var request = request
        request.headerFields[.userAgent] = userAgent
        if let token {
            request.headerFields[.authorization] = "Bearer \(token.revealSecret())"
        }
        return try await next(request, body, baseURL)
    }
}
