import Foundation
import HTTPTypes
import OpenAPIRuntime
import Synchronization

/// Answers every request with a canned body after a short pause, recording the most requests ever in flight.
final class ConcurrencyProbeTransport: ClientTransport {
    private let state = Mutex<(inFlight: Int, peak: Int, total: Int)>((0, 0, 0))
    private let respond: @Sendable (String) -> String

    init(respond: @escaping @Sendable (_ path: String) -> String) {
        self.respond = respond
    }

    var peak: Int { state.withLock { $0.peak } }
    var total: Int { state.withLock { $0.total } }

    func send(_ request: HTTPRequest, body: HTTPBody?, baseURL: URL, operationID: String) async throws
        -> (HTTPResponse, HTTPBody?)
    {
        state.withLock { state in
            state.inFlight += 1
            state.total += 1
            state.peak = max(state.peak, state.inFlight)
        }
        defer { state.withLock { $0.inFlight -= 1 } }
        try await Task.sleep(for: .milliseconds(20))  // long enough for concurrent calls to overlap
        var fields = HTTPFields()
        fields[.contentType] = "application/json"
        return (HTTPResponse(status: .ok, headerFields: fields), HTTPBody(respond(request.path ?? "")))
    }
}
