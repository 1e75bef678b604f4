import Foundation
import GRDB
import HTTPTypes
import Hummingbird
import NIOCore

/// The HTTP entry point: latency and fault injection, routing, Rill's rate limit, due deployment jobs, one
/// transaction per request, Rill-shaped errors, and the access log.
struct EmulatorResponder: HTTPResponder {
    typealias Context = EmulatorRequestContext

    let store: Store
    let router: Router
    let faults: FaultInjector
    let log: AccessLog
    let settings: ServerSettings
    /// Nil when rate limiting is off.
    let limiter: RateLimiter?
    let jobs: JobSchedule
    let clock: EmulatorClock

    static let maxBodyBytes = 8 * 1024 * 1024
    static let forwardedFor = HTTPField.Name("X-Forwarded-For")

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
            // Rill's limiter answers with its message and no Retry-After header; the wait is one emission
            // interval of the configured limit.
            let limit = limiter?.limit ?? RateLimit.rillDefault
            let wait = RateLimiter.goDuration(luaSeconds: limit.emissionInterval)
            (status, response) = Self.errorResponse(
                RPCError(.resourceExhausted, RateLimiter.message(retryAfterNanoseconds: wait)))
        case .ambiguousCommit?, nil:
            (status, response) = await handle(
                method: method, path: path, query: request.uri.query, body: bodyData,
                authorization: request.headers[.authorization],
                peer: Self.peer(
                    forwardedFor: Self.forwardedFor.flatMap { request.headers[$0] }, channel: context.channel))
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

    /// Routes and runs a request: body parsing, authentication and the rate limit come before the handler, as
    /// in Rill's gateway and interceptor chain; due deployment jobs run first, in a write transaction.
    private func handle(
        method: String, path: String, query: String?, body: Data, authorization: String?, peer: String
    ) async -> (Int, Response) {
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
            if let limiter {
                try await checkRateLimit(limiter, route: route, authorization: authorization, peer: peer)
            }
            let date = clock.date
            let now = Timestamp.format(date)
            let clock = date.timeIntervalSince1970
            let settings = self.settings
            let jobs = self.jobs
            let work: @Sendable (Database) throws -> JSON = { db in
                let principal = try Principal.resolve(db, authorization: authorization)
                let call = Call(
                    db: db, principal: principal, params: params, query: queryItems, body: requestBody, now: now,
                    settings: settings)
                return try route.handler(call)
            }
            // Due reconcile jobs run first, in their own write transaction, so a failing handler cannot undo them.
            if jobs.isDue(at: clock) {
                try await store.pool.write { db in
                    try DeploymentJobs.runDue(db, now: clock, settleDelay: settings.deploymentSettleDelay)
                    jobs.set(try DeploymentJobs.nextDue(db))
                }
            }
            let result: JSON
            if route.isWrite {
                do {
                    result = try await store.pool.write { db in
                        let result = try work(db)
                        // Inside the transaction, so hints are set in commit order.
                        jobs.set(try DeploymentJobs.nextDue(db))
                        return result
                    }
                } catch {
                    // A failing handler may still have committed (CreateProject keeps the project): re-read.
                    jobs.set(try await store.pool.read { db in try DeploymentJobs.nextDue(db) })
                    throw error
                }
            } else {
                result = try await store.pool.read(work)
            }
            return (200, Self.jsonResponse(status: 200, body: result))
        } catch {
            return Self.errorResponse(Self.rpcError(error))
        }
    }

    /// Port of `checkRateLimit` (admin/server/server.go), which runs after authentication: the key is the gRPC
    /// method plus the token owner's id, or the client IP when anonymous; every AdminService method gets
    /// `ratelimit.Default` (only AIService methods, not emulated, get `Sensitive`). Rill exempts superusers;
    /// the emulator has none.
    private func checkRateLimit(_ limiter: RateLimiter, route: Route, authorization: String?, peer: String)
        async throws
    {
        let principal = try await store.pool.read { db in try Principal.resolve(db, authorization: authorization) }
        let key = RateLimiter.key(method: RPCMethodNames.name(for: route), principal: principal, peer: peer)
        if case .limited(let wait) = await limiter.allow(key) {
            throw RPCError(.resourceExhausted, RateLimiter.message(retryAfterNanoseconds: wait))
        }
    }

    /// `observability.GrpcPeer`: the first `X-Forwarded-For` value, else the connection's IP.
    static func peer(forwardedFor: String?, channel: any Channel) -> String {
        if let forwardedFor, !forwardedFor.isEmpty { return forwardedFor }
        return channel.remoteAddress?.ipAddress ?? ""
    }

    static func rpcError(_ error: any Error) -> RPCError {
        (error as? RPCError) ?? RPCError(.internal, "internal error: \(error)")
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
