import Foundation
import GRDB
import HTTPTypes
import Hummingbird
import NIOCore

/// The HTTP entry point: latency and fault injection, routing, one transaction per request,
/// Rill-shaped errors, and the access log.
struct EmulatorResponder: HTTPResponder {
    typealias Context = EmulatorRequestContext

    let store: Store
    let router: Router
    let faults: FaultInjector
    let log: AccessLog
    let settings: ServerSettings

    static let maxBodyBytes = 8 * 1024 * 1024

    func respond(to request: Request, context: Context) async throws -> Response {
        let started = ContinuousClock.now
        var request = request
        let method = request.method.rawValue
        let path = request.uri.path
        let bodyBuffer = try await request.collectBody(upTo: Self.maxBodyBytes)
        let bodyData = Data(bodyBuffer.readableBytesView)

        let latency = await faults.latencyMilliseconds
        if latency > 0 { try? await Task.sleep(for: .milliseconds(latency)) }

        let isWrite = method != "GET" && method != "HEAD"
        let fault = await faults.next(isWrite: isWrite)
        var status: Int
        var response: Response
        switch fault {
        case .internalError?:
            (status, response) = Self.errorResponse(RPCError(.internal, "internal error (injected fault)"))
        case .unavailable?:
            (status, response) = Self.errorResponse(RPCError(.unavailable, "service unavailable (injected fault)"))
        case .rateLimited?:
            (status, response) = Self.errorResponse(RPCError(.resourceExhausted, "rate limit exceeded (injected fault)"))
            response.headers[.retryAfter] = "1"
        case .ambiguousCommit?, nil:
            (status, response) = await handle(
                method: method, path: path, query: request.uri.query, body: bodyData,
                authorization: request.headers[.authorization])
        }
        if fault == .ambiguousCommit {
            // The work has committed; close the connection before any byte of the response is sent.
            // (Cutting a response off mid-body instead surfaces in swift-openapi clients as an invalid
            // response rather than a lost connection, so it is not used.)
            context.channel.close(promise: nil)
        }
        let elapsed = ContinuousClock.now - started
        let milliseconds = Int(elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000)
        await log.append(
            AccessLogEntry(method: method, path: path, status: status, latencyMilliseconds: milliseconds, fault: fault))
        return response
    }

    /// Routes and runs a request in one transaction (write transaction for mutating methods).
    private func handle(method: String, path: String, query: String?, body: Data, authorization: String?) async
        -> (Int, Response)
    {
        let route: Route
        let params: [String: String]
        switch router.match(method: method, path: path) {
        case .found(let found, let foundParams):
            route = found
            params = foundParams
        case .methodNotAllowed:
            return Self.errorResponse(RPCError(.unimplemented, "method \(method) not allowed for \(path)"))
        case .notFound:
            return Self.errorResponse(RPCError(.notFound, "no route for \(method) \(path)"))
        }
        do {
            let requestBody = try RequestBody.parse(body)
            let queryItems = Self.parseQuery(query)
            let now = Timestamp.format(Date())
            let settings = self.settings
            let work: @Sendable (Database) throws -> JSON = { db in
                let principal = try Principal.resolve(db, authorization: authorization)
                let call = Call(
                    db: db, principal: principal, params: params, query: queryItems, body: requestBody, now: now,
                    settings: settings)
                return try route.handler(call)
            }
            let result: JSON
            if route.isWrite {
                result = try await store.pool.write(work)
            } else {
                result = try await store.pool.read(work)
            }
            return (200, Self.jsonResponse(status: 200, body: result))
        } catch let error as RPCError {
            return Self.errorResponse(error)
        } catch {
            return Self.errorResponse(RPCError(.internal, "internal error: \(error)"))
        }
    }

    static func parseQuery(_ query: String?) -> [String: String] {
        guard let query, !query.isEmpty else { return [:] }
        var components = URLComponents()
        components.percentEncodedQuery = query
        var items: [String: String] = [:]
        for item in components.queryItems ?? [] { items[item.name] = item.value ?? "" }
        return items
    }

    static func errorResponse(_ error: RPCError) -> (Int, Response) {
        let status = error.code.httpStatus
        return (status, jsonResponse(status: status, body: error.body))
    }

    static func jsonResponse(status: Int, body: JSON) -> Response {
        let text = body.serialized()
        return Response(
            status: HTTPResponse.Status(code: status),
            headers: [.contentType: "application/json"],
            body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }
}
