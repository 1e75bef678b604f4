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

    @Option(name: .long, help: "Client-side limit on API requests per second.")
    var maxRps: Double = 20

    // Rill's DeleteProject may take up to 4 minutes server-side; a shorter timeout would cut it off and resend it.
    @Option(name: .long, help: "Per-request timeout in seconds.")
    var timeout: Int = 300

    func validate() throws {
        if local && (apiURL != nil || apiTokenFile != nil) {
            throw ValidationError("--local runs the embedded emulator: drop --api-url and --api-token-file")
        }
        if maxRps <= 0 { throw ValidationError("--max-rps must be positive") }
        if timeout <= 0 { throw ValidationError("--timeout must be positive") }
    }
}

/// An open connection to the admin API, and the embedded emulator behind it with `--local`.
struct AdminSession: Sendable {
    let client: RillAdminClient
    let emulator: RunningEmulator?
    let baseURL: String

    static func open(_ options: ConnectionOptions,
                     environment: [String: String] = ProcessInfo.processInfo.environment) async throws -> AdminSession
    {
        var clientOptions = RillAdminClient.Options(
            version: RillformVersion.current, requestTimeout: .seconds(options.timeout),
            maxRequestsPerSecond: options.maxRps)
        // Rill's maximum page size: pages are read one after another, so fewer pages is less waiting
        // (measured on 500 projects with 20 ms latency: 51 fewer calls, about 1 s).
        clientOptions.pageSize = 1000
        if options.local {
            // The emulator is ours and on loopback: no client-side rate limit needed.
            clientOptions.maxRequestsPerSecond = nil
            let (emulator, secret) = try await LocalEmulator.start()
            let token = try APIToken(secret)
            let baseURL = emulator.baseURL.absoluteString
            do {
                let client = try RillAdminClient(baseURL: baseURL, token: token, options: clientOptions)
                return AdminSession(client: client, emulator: emulator, baseURL: baseURL)
            } catch {
                await emulator.stop()
                throw error
            }
        }
        let token: APIToken
        if let path = options.apiTokenFile {
            token = try APIToken(contentsOfFile: path)
        } else {
            token = try APIToken(environment: environment)
        }
        let baseURL = options.apiURL ?? environment["RILL_API_URL"] ?? AdminEndpoint.defaultURLString
        let client = try RillAdminClient(baseURL: baseURL, token: token, options: clientOptions)
        return AdminSession(client: client, emulator: nil, baseURL: baseURL)
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

    static func open(_ options: ConnectionOptions) async throws -> ReadOnlyAdminSession {
        let session = try await AdminSession.open(options)
        return ReadOnlyAdminSession(reader: session.client.reader, emulator: session.emulator, baseURL: session.baseURL)
    }

    /// Recorded in saved plans (and compared by `apply PLANFILE`).
    var origin: PlanOrigin { PlanningWorkflow.origin(baseURL: baseURL, local: emulator != nil) }

    /// Stops the embedded emulator, if any.
    func close() async {
        await emulator?.stop()
    }
}
