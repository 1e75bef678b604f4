import ArgumentParser
import Foundation
import RillformAPI
import RillformEmulator
import RillformPlan

/// Where the admin API is and how to authenticate. The token never comes from a command-line argument
/// (`ps` would show it): only from `RILL_API_TOKEN` or `--api-token-file`.
struct ConnectionOptions: ParsableArguments {
    @Flag(name: .long, help: "Run against the embedded emulator (state in .rillform/local.sqlite); needs no account.")
    var local = false

    @Option(name: .long, help: "Admin API base URL (default: $RILL_API_URL or https://admin.rilldata.com).")
    var apiURL: String?

    @Option(name: .long, help: "Read the API token from this file (default: $RILL_API_TOKEN).")
    var apiTokenFile: String?

    // Rill limits each admin method per caller (GCRA, 180/min with a burst of 180 on current servers, 60/min on
    // older ones); the client paces each method the same way so a run does not hit 429s.
    @Option(name: .long, help: "Requests per minute allowed per API method, as the server's rate limit (Rill: 180; older servers: 60).")
    var rateLimitPerMinute: Int = 180

    @Option(name: .long, help: "Requests per API method that may go back to back before pacing (Rill: same as the rate).")
    var rateLimitBurst: Int = 180

    @Flag(name: .long, help: "Do not pace requests per method (429 responses are still waited out and retried).")
    var noPacing = false

    @Option(name: .long, help: "Optional extra cap on API requests per second across all methods (default: none).")
    var maxRps: Double?

    // Rill's DeleteProject may take up to 4 minutes server-side; a shorter timeout would cut it off and resend it.
    @Option(name: .long, help: "Per-request timeout in seconds.")
    var timeout: Int = 300

    func validate() throws {
        if local && (apiURL != nil || apiTokenFile != nil) {
            throw ValidationError("--local runs the embedded emulator: drop --api-url and --api-token-file")
        }
        if let maxRps, maxRps <= 0 { throw ValidationError("--max-rps must be positive") }
        if rateLimitPerMinute <= 0 { throw ValidationError("--rate-limit-per-minute must be positive") }
        if rateLimitBurst <= 0 { throw ValidationError("--rate-limit-burst must be positive") }
        if timeout <= 0 { throw ValidationError("--timeout must be positive") }
    }

    /// Per-method pacing from the flags; Rill's AIService limit (30/min) is kept as is.
    var pacing: PacingConfiguration? {
        guard !noPacing else { return nil }
        var configuration = PacingConfiguration.rill
        configuration.defaultLimit = .perMinute(rateLimitPerMinute, burst: rateLimitBurst)
        return configuration
    }
}

/// Where a session points and where its token came from, for error messages (never the token itself).
struct APIContext: Sendable {
    var baseURL: String
    /// `RILL_API_TOKEN`, `--api-token-file PATH`, or the embedded emulator's token.
    var tokenSource: String
}

/// An open connection to the admin API, and the embedded emulator behind it with `--local`.
struct AdminSession: Sendable {
    let client: RillAdminClient
    let emulator: RunningEmulator?
    let baseURL: String
    var context: APIContext

    /// - Parameter maxConcurrentRequests: the in-flight bound (`apply` passes `--parallelism`); `nil` for none.
    static func open(_ options: ConnectionOptions, maxConcurrentRequests: Int? = nil,
                     environment: [String: String] = ProcessInfo.processInfo.environment) async throws -> AdminSession
    {
        var clientOptions = RillAdminClient.Options(
            version: RillformVersion.current, requestTimeout: .seconds(options.timeout),
            pacing: options.pacing, maxRequestsPerSecond: options.maxRps, maxConcurrentRequests: maxConcurrentRequests)
        // Rill's maximum page size: pages are read one after another, so fewer pages is less waiting
        // (measured on 500 projects with 20 ms latency: 51 fewer calls, about 1 s).
        clientOptions.pageSize = 1000
        if options.local {
            // The embedded emulator runs without a rate limiter: no pacing needed (an explicit --max-rps stays).
            clientOptions.pacing = nil
            let (emulator, secret) = try await LocalEmulator.start()
            let token = try APIToken(secret)
            let baseURL = emulator.baseURL.absoluteString
            do {
                let client = try RillAdminClient(baseURL: baseURL, token: token, options: clientOptions)
                return AdminSession(client: client, emulator: emulator, baseURL: baseURL, context: APIContext(
                    baseURL: baseURL, tokenSource: "the embedded emulator (\(LocalEmulator.adminTokenPath))"))
            } catch {
                await emulator.stop()
                throw error
            }
        }
        let token: APIToken
        let tokenSource: String
        if let path = options.apiTokenFile {
            token = try APIToken(contentsOfFile: path)
            tokenSource = "--api-token-file \(path)"
        } else {
            token = try APIToken(environment: environment)
            tokenSource = APIToken.environmentVariable
        }
        let baseURL = options.apiURL ?? environment["RILL_API_URL"] ?? AdminEndpoint.defaultURLString
        let client = try RillAdminClient(baseURL: baseURL, token: token, options: clientOptions)
        // Fail fast, with the URL and the cause, when nothing answers there (the client would retry for ~40 s).
        try await APIReachability.check(baseURL)
        return AdminSession(client: client, emulator: nil, baseURL: baseURL,
                            context: APIContext(baseURL: baseURL, tokenSource: tokenSource))
    }

    /// Stops the embedded emulator, if any.
    func close() async {
        await emulator?.stop()
    }
}

/// A connection that can only read: `plan` opens one of these, so planning cannot write by construction (the
/// writer half of the client is dropped here and never reachable from a `RillAdminReader`).
struct ReadOnlyAdminSession: Sendable {
    let reader: RillAdminReader
    let emulator: RunningEmulator?
    let baseURL: String
    let context: APIContext

    /// The read-only half of `session` (which keeps the emulator's lifetime).
    init(_ session: AdminSession) {
        reader = session.client.reader
        emulator = session.emulator
        baseURL = session.baseURL
        context = session.context
    }

    /// Recorded in saved plans (and compared by `apply PLANFILE`).
    var origin: PlanOrigin { PlanningWorkflow.origin(baseURL: baseURL, local: emulator != nil) }
}

extension AdminSession {
    /// Opens a session, runs `body` with it and closes it, also when `body` fails. Failures become a
    /// ``CommandError`` that names this API and where its token came from.
    static func with<Result>(_ options: ConnectionOptions, maxConcurrentRequests: Int? = nil,
                             _ body: (AdminSession) async throws -> Result) async throws -> Result
    {
        let session = try await open(options, maxConcurrentRequests: maxConcurrentRequests)
        do {
            let result = try await body(session)
            await session.close()
            return result
        } catch {
            await session.close()
            throw CommandError(error, api: session.context)
        }
    }
}

extension ReadOnlyAdminSession {
    /// ``AdminSession/with(_:maxConcurrentRequests:_:)`` holding only the client's read-only half.
    /// `maxConcurrentRequests` (`--parallelism`) is what bounds the reader's lanes (one per API method) together.
    static func with<Result>(_ options: ConnectionOptions, maxConcurrentRequests: Int? = nil,
                             _ body: (ReadOnlyAdminSession) async throws -> Result) async throws -> Result
    {
        try await AdminSession.with(options, maxConcurrentRequests: maxConcurrentRequests) { session in
            try await body(ReadOnlyAdminSession(session))
        }
    }
}
