import ArgumentParser
@preconcurrency import Dispatch
import Foundation
import RillformEmulator

/// `rillform emulator …`: the local emulator of Rill's admin API.
public struct EmulatorCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "emulator",
        abstract: "Run a local emulator of Rill's admin API (for tests, demos and benchmarks).",
        subcommands: [Serve.self, Token.self]
    )
    public init() {}

    /// `rillform emulator serve`: runs until SIGINT/SIGTERM.
    public struct Serve: AsyncParsableCommand {
        public static let configuration = CommandConfiguration(
            abstract: "Serve the emulated admin API on 127.0.0.1 until interrupted.",
            discussion: """
                A new state file gets a bootstrap admin user (admin@rillform.local) whose token is printed once \
                (or written to --admin-token-file). Later starts on the same state print no token: get a new one \
                with `rillform emulator token --state PATH`.
                """)

        @Option(help: "TCP port (0 picks a free port and prints it).")
        var port: Int = 0
        @Option(help: "SQLite state file (required; its folder must exist); created with a bootstrap admin user when missing.")
        var state: String
        @Option(help: "Write the bootstrap admin token here (mode 0600) instead of printing it (its folder must exist).")
        var adminTokenFile: String?
        @Option(name: .customLong("latency-ms"), help: "Latency added to every request, in milliseconds.")
        var latencyMilliseconds: Int = 0
        @Option(help: "Share of requests (0...1) failing with an injected fault.")
        var faultRate: Double = 0
        @Option(help: "Comma-separated fault kinds: 500,503,429,ambiguous.")
        var faultKinds: String = "500,503,429,ambiguous"
        @Option(help: "Seed for deterministic fault injection.")
        var seed: UInt64 = 0
        @Option(help: "Append JSON-lines access log entries to this file.")
        var accessLog: String?
        @Option(help: "Default page size for paginated lists.")
        var pageSize: Int = 10
        @Flag(inversion: .prefixedNo, help: "Apply Rill's per-method, per-caller rate limit (GCRA).")
        var rateLimit: Bool = true
        @Option(help: "Rate limit: requests per minute per method and caller (Rill: 180; older servers 60).")
        var rateLimitPerMinute: Int = 180
        @Option(help: "Rate limit burst (default: equal to --rate-limit-per-minute, as Rill).")
        var rateLimitBurst: Int?
        @Option(
            name: .customLong("deployment-settle-ms"),
            help: "How long deployment reconcile jobs take before a deployment settles, in milliseconds.")
        var deploymentSettleMilliseconds: Int = 500
        // There is no GitHub here: by default every user may deploy every github.com repository (as --local).
        // With --no-github-open-access, git projects are refused as Rill refuses a user without GitHub access.
        @Flag(inversion: .prefixedNo, help: "Let every user deploy every github.com repository (the fake GitHub).")
        var githubOpenAccess: Bool = true

        public init() {}

        public func validate() throws {
            guard (0...1).contains(faultRate) else { throw ValidationError("--fault-rate must be between 0 and 1") }
            guard FaultKind.parseList(faultKinds) != nil else {
                throw ValidationError("--fault-kinds accepts 500, 503, 429 and ambiguous")
            }
            guard pageSize >= 1 else { throw ValidationError("--page-size must be at least 1") }
            guard (0...65535).contains(port) else { throw ValidationError("--port must be between 0 and 65535") }
            guard rateLimitPerMinute >= 1 else { throw ValidationError("--rate-limit-per-minute must be at least 1") }
            if let rateLimitBurst, rateLimitBurst < 1 { throw ValidationError("--rate-limit-burst must be at least 1") }
            guard deploymentSettleMilliseconds >= 0 else { throw ValidationError("--deployment-settle-ms must be 0 or more") }
        }

        public func run() async throws {
            var options = EmulatorOptions(statePath: state)
            options.port = port
            options.adminTokenFile = adminTokenFile
            options.latencyMilliseconds = latencyMilliseconds
            options.faultRate = faultRate
            options.faultKinds = FaultKind.parseList(faultKinds) ?? Set(FaultKind.allCases)
            options.seed = seed
            options.accessLogPath = accessLog
            options.defaultPageSize = pageSize
            options.rateLimitEnabled = rateLimit
            options.rateLimitPerMinute = rateLimitPerMinute
            options.rateLimitBurst = rateLimitBurst
            options.deploymentSettleDelay = Double(deploymentSettleMilliseconds) / 1000

            let emulator: RunningEmulator
            do {
                emulator = try await Emulator.start(options)
            } catch let error as EmulatorError {
                throw CommandError(error.description)
            }
            try await emulator.setGitHubOpenAccess(githubOpenAccess)
            emit("rillform emulator listening on \(emulator.baseURL.absoluteString)")
            if let token = emulator.adminToken {
                if let adminTokenFile {
                    emit("bootstrap admin token written to \(adminTokenFile)")
                } else {
                    // Shown once, at creation of the state file; only its hash is stored.
                    emit("bootstrap admin token (shown once): \(token)")
                }
            } else {
                emit("existing state \(state): for an admin token run `rillform emulator token --state \(state)`")
            }
            await ShutdownSignals.wait()
            await emulator.stop()
        }
    }

    /// `rillform emulator token`: a new user token for the bootstrap admin of an existing state file.
    public struct Token: AsyncParsableCommand {
        public static let configuration = CommandConfiguration(
            abstract: "Print a new token for the emulator's bootstrap admin (admin@rillform.local).",
            discussion: """
                The state file keeps only token hashes, so the token printed when the state was created cannot be \
                shown again; this issues another one (earlier tokens stay valid). It works while a server runs on \
                the same file. For `--local`, the state is .rillform/local.sqlite (its first token is in \
                .rillform/local-admin-token).
                """)

        @Option(help: "SQLite state file of `emulator serve --state` (or .rillform/local.sqlite for --local).")
        var state: String

        public init() {}

        public func run() async throws {
            do {
                emit(try Emulator.issueAdminToken(statePath: state))
            } catch let error as EmulatorError {
                throw CommandError(error.description)
            }
        }
    }
}

/// Waits for SIGINT or SIGTERM without the default handlers killing the process.
enum ShutdownSignals {
    static func wait() async {
        let (stream, continuation) = AsyncStream.makeStream(of: Void.self)
        let sources = [SIGINT, SIGTERM].map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { continuation.yield() }
            source.resume()
            return source
        }
        for await _ in stream { break }
        sources.forEach { $0.cancel() }
    }
}

/// Unbuffered stdout, so a parent process reading a pipe sees each line at once.
func emit(_ line: String) {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
}
