import Foundation
import HTTPTypes
import OpenAPIRuntime
import Synchronization

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// A `ClientTransport` that answers from a script, for unit tests of retry, pagination and error mapping
/// without a server. Records every request it receives (as the wire would see it: headers included).
final class ScriptedTransport: ClientTransport {
    enum Step: Sendable {
        case respond(status: Int, body: String, headers: [String: String] = [:])
        case fail(URLError.Code)
    }

    struct Received: Sendable {
        var method: String
        var path: String
        var headers: HTTPFields
        var body: String?
    }

    private let state: Mutex<(steps: [Step], received: [Received])>
    /// Answered when the script has run out.
    private let fallback: Step

    init(_ steps: [Step], fallback: Step = .respond(status: 500, body: #"{"code":13,"message":"script exhausted"}"#)) {
        state = Mutex((steps, []))
        self.fallback = fallback
    }

    var received: [Received] { state.withLock { $0.received } }

    func send(_ request: HTTPRequest, body: HTTPBody?, baseURL: URL, operationID: String) async throws
        -> (HTTPResponse, HTTPBody?)
    {
        var text: String?
        if let body { text = String(decoding: try await [UInt8](collecting: body, upTo: 1 << 20), as: UTF8.self) }
        let record = Received(method: request.method.rawValue, path: request.path ?? "", headers: request.headerFields,
                              body: text)
        let step = state.withLock { state -> Step in
            state.received.append(record)
            return state.steps.isEmpty ? fallback : state.steps.removeFirst()
        }
        switch step {
        case .fail(let code):
            throw URLError(code)
        case .respond(let status, let body, let headers):
            var fields = HTTPFields()
            fields[.contentType] = "application/json"
            for (name, value) in headers {
                if let fieldName = HTTPField.Name(name) { fields[fieldName] = value }
            }
            return (HTTPResponse(status: .init(code: status), headerFields: fields), HTTPBody(body))
        }
    }
}
