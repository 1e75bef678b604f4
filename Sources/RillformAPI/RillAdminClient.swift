import Foundation
import Logging
import OpenAPIRuntime

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// A connection to Rill's admin API: validated base URL, bearer token, per-method pacing, retries, logging.
///
/// Use `reader` for everything that only looks (plan, drift) and `writer` for changes (apply). The split is in
/// the types: a `RillAdminReader` has no method that changes anything.
///
/// ```swift
/// let client = try RillAdminClient(token: try APIToken(environment: ProcessInfo.processInfo.environment))
/// let orgs = try await client.reader.listOrganizations()
/// ```
public struct RillAdminClient: Sendable {
    /// Tuning knobs; the defaults suit Rill Cloud.
    public struct Options: Sendable {
        /// Sent as `User-Agent: rillform/<version>`; pass `RillformVersion.current`.
        public var version: String
        /// Per-request timeout. Longer than Rill's own longest server-side deadline (DeleteProject, 4 minutes),
        /// so a slow but successful call is never cut off and resent by the client.
        public var requestTimeout: Duration
        public var retryPolicy: RetryPolicy
        /// Per-method pacing that mirrors Rill's server limiter (default: Rill's 180/min, burst 180, per method);
        /// `nil` paces nothing (429s are still waited out and retried).
        public var pacing: PacingConfiguration?
        /// An extra client-side cap across all methods and concurrent requests (`--max-rps`); `nil` (the default)
        /// for none. Rill has no such global limit: its limits are per method, which `pacing` mirrors.
        public var maxRequestsPerSecond: Double?
        /// Requests that may go out back to back before `maxRequestsPerSecond` spaces them.
        public var rateLimitBurst: Int
        /// Most requests in flight at once (`--parallelism`), across all callers of this client; `nil` for no bound
        /// beyond the callers' own. A request takes its slot only after its method's pacing wait, so requests
        /// waiting for one method's pace never hold back another method. `PlanApplier` runs many nodes at once and
        /// relies on this bound.
        public var maxConcurrentRequests: Int?
        /// `pageSize` sent on paginated lists; `nil` lets the server choose.
        public var pageSize: Int?
        /// Seeds the retry jitter (tests); `nil` for a random seed.
        public var jitterSeed: UInt64?
        /// Used for backoff waits and the rate limiter.
        public var clock: any APIClock
        /// Debug logs: method, path, status, attempt, duration. Never headers, bodies or tokens.
        public var logger: Logger

        public init(version: String = "0.0.0-dev", requestTimeout: Duration = .seconds(300),
                    retryPolicy: RetryPolicy = .default, pacing: PacingConfiguration? = .rill,
                    maxRequestsPerSecond: Double? = nil, rateLimitBurst: Int = 5,
                    maxConcurrentRequests: Int? = nil, pageSize: Int? = nil, jitterSeed: UInt64? = nil, clock: any APIClock = SystemAPIClock(),
                    logger: Logger = Logger(label: "rillform.api")) {
            self.version = version
            self.requestTimeout = requestTimeout
            self.retryPolicy = retryPolicy
            self.pacing = pacing
            self.maxRequestsPerSecond = maxRequestsPerSecond
            self.rateLimitBurst = rateLimitBurst
            self.maxConcurrentRequests = maxConcurrentRequests.map { max(1, $0) }
            self.pageSize = pageSize
            self.jitterSeed = jitterSeed
            self.clock = clock
            self.logger = logger
        }

        /// `rillform/<version>`, with characters a header product token cannot hold replaced.
        public var userAgent: String {
            let cleaned = version.map { $0.isASCII && !$0.isWhitespace && $0 != "/" ? $0 : "-" }
            return "rillform/" + String(cleaned.isEmpty ? Array("unknown") : cleaned)
        }
    }

    public let endpoint: AdminEndpoint
    /// Read-only operations.
    public let reader: RillAdminReader
    /// Mutations (and, through `writer.reader`, the lookups they need).
    public let writer: RillAdminWriter
    /// Per-method pacing and its counters (calls, time waited, 429s): `client.pacing.snapshot()`.
    public let pacing: MethodPacer
    /// The in-flight bound (`Options.maxConcurrentRequests`), if any.
    public let requestGate: RequestGate?

    /// Connects over AsyncHTTPClient (see `ProcessHTTPClient` for why not URLSession).
    /// - Parameters:
    ///   - baseURL: `https://admin.rilldata.com` by default; plain `http://` only to loopback.
    ///   - token: the bearer token; `nil` sends requests anonymously (only `ping` works then).
    public init(baseURL: String = AdminEndpoint.defaultURLString, token: APIToken?, options: Options = Options())
        throws
    {
        let seconds = max(1, Int64(RequestRateLimiter.seconds(options.requestTimeout).rounded(.up)))
        let transport = BufferedHTTPTransport(client: ProcessHTTPClient.shared, timeout: .seconds(seconds))
        try self.init(endpoint: try AdminEndpoint(baseURL), token: token, options: options, transport: transport)
    }

    /// Connects over any transport (tests use a fake one).
    init(endpoint: AdminEndpoint, token: APIToken?, options: Options, transport: any ClientTransport) throws {
        let rateLimiter = options.maxRequestsPerSecond.map {
            RequestRateLimiter(maxRequestsPerSecond: $0, burst: options.rateLimitBurst, clock: options.clock)
        }
        let pacer = MethodPacer(configuration: options.pacing, clock: options.clock)
        let jitter = JitterSource(seed: options.jitterSeed)
        let gate = options.maxConcurrentRequests.map { RequestGate(width: $0) }
        let resilience = ResilienceMiddleware(
            retryPolicy: options.retryPolicy, pacer: pacer, rateLimiter: rateLimiter, gate: gate, clock: options.clock,
            jitter: jitter, logger: options.logger)
        let headers = RequestHeadersMiddleware(token: token, userAgent: options.userAgent)
        let client = Client(
            serverURL: endpoint.url,
            configuration: Configuration(dateTranscoder: RFC3339DateTranscoder()),
            transport: transport,
            middlewares: [resilience, headers])
        let connection = AdminConnection(
            client: client, token: token, pageSize: options.pageSize, retryPolicy: options.retryPolicy,
            clock: options.clock, jitter: jitter, logger: options.logger)
        self.endpoint = endpoint
        self.pacing = pacer
        self.requestGate = gate
        self.reader = RillAdminReader(connection: connection)
        self.writer = RillAdminWriter(connection: connection)
    }
}
