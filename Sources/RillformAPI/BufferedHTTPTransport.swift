import AsyncHTTPClient
import Foundation
import HTTPTypes
import NIOCore
import NIOHTTP1
import OpenAPIRuntime

/// The OpenAPI client's transport: one AsyncHTTPClient request with the whole body sent and the whole response
/// read on the connection's event loop, handed back once.
///
/// Why not `AsyncHTTPClientTransport` (swift-openapi-async-http-client): it streams both bodies through async
/// sequences, so every request crosses between the event loop and the task pool several times (pulling the
/// request body, the response head, then each body part and its end). Every crossing wakes a thread, and on the
/// benchmark machine those wake-ups, not CPU, were most of the time a request held its `--parallelism` slot beyond
/// the server's latency. Admin API bodies are small JSON documents and `ResilienceMiddleware` buffers both anyway,
/// so nothing is lost by buffering here. Errors are AsyncHTTPClient's own, classified by `TransportFailureClass`.
struct BufferedHTTPTransport: ClientTransport {
    let client: HTTPClient
    /// The whole request, connection included, must finish within this.
    let timeout: TimeAmount
    /// A larger response fails the request (`ResponseAccumulator.ResponseTooBigError`).
    let maxResponseBytes: Int

    init(client: HTTPClient, timeout: TimeAmount, maxResponseBytes: Int = 64 * 1024 * 1024) {
        self.client = client
        self.timeout = timeout
        self.maxResponseBytes = maxResponseBytes
    }

    func send(_ request: HTTPRequest, body: HTTPBody?, baseURL: URL, operationID: String) async throws
        -> (HTTPResponse, HTTPBody?)
    {
        let outgoing = try await Self.makeRequest(request, body: body, baseURL: baseURL)
        let task = client.execute(
            request: outgoing, delegate: ResponseAccumulator(request: outgoing, maxBodySize: maxResponseBytes),
            eventLoop: .indifferent, deadline: .now() + timeout)
        let response = try await withTaskCancellationHandler {
            try await task.futureResult.get()
        } onCancel: {
            task.cancel()
        }
        return Self.convert(response, method: request.method)
    }

    /// Base URL plus the request's path and query, its headers, and its body as one buffer.
    static func makeRequest(_ request: HTTPRequest, body: HTTPBody?, baseURL: URL) async throws -> HTTPClient.Request {
        guard var components = URLComponents(string: baseURL.absoluteString),
            let requestComponents = URLComponents(string: request.path ?? "")
        else { throw TransportError.invalidURL(request.path ?? "") }
        components.percentEncodedPath += requestComponents.percentEncodedPath
        components.percentEncodedQuery = requestComponents.percentEncodedQuery
        guard let url = components.url else { throw TransportError.invalidURL(request.path ?? "") }
        var headers = HTTPHeaders()
        for field in request.headerFields { headers.add(name: field.name.canonicalName, value: field.value) }
        var bodyBuffer: ByteBuffer?
        if let body { bodyBuffer = ByteBuffer(bytes: try await [UInt8](collecting: body, upTo: 16 * 1024 * 1024)) }
        return try HTTPClient.Request(
            url: url, method: HTTPMethod(rawValue: request.method.rawValue), headers: headers,
            body: bodyBuffer.map { .byteBuffer($0) })
    }

    static func convert(_ response: HTTPClient.Response, method: HTTPRequest.Method) -> (HTTPResponse, HTTPBody?) {
        var fields = HTTPFields()
        for header in response.headers {
            if let name = HTTPField.Name(header.name) { fields.append(HTTPField(name: name, value: header.value)) }
        }
        let head = HTTPResponse(status: .init(code: Int(response.status.code)), headerFields: fields)
        switch method {
        case .head, .connect, .trace: return (head, nil)
        default:
            let bytes = response.body.map { Array($0.readableBytesView) } ?? []
            return (head, HTTPBody(bytes))
        }
    }

    enum TransportError: Error, CustomStringConvertible {
        case invalidURL(String)

        var description: String {
            switch self {
            case .invalidURL(let path): "cannot form a request URL for \(path)"
            }
        }
    }
}
