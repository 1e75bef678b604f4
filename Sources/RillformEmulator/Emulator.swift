import Foundation
import GRDB
import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle
import Synchronization

/// Starts the emulator of Rill's admin API (v0.78.1 REST mapping, protojson, Rill's error bodies and quirks).
///
/// Known, deliberate differences from Rill Cloud:
/// - `DELETE /v1/orgs/{org}` marks the org deleted after a delay (default 500 ms, `setOrgDeleteDelay`) instead of
///   running Rill's job; a poll of `GET` sees 404 once it has passed.
/// - Deployment reconcile jobs run lazily at the start of the next request (no background worker), taking
///   `deploymentSettleDelay`; no runtime exists (`runtimeHost` is `http://localhost:9009` once provisioned,
///   access tokens are unsigned JWT-shaped strings) and deployments never become ERRORED.
/// - The rate limiter (off in-process by default, on for `emulator serve`) keeps its GCRA state in memory; there
///   are no superusers (nothing is exempt, no `superuserForceAccess`, no whitelisting bypass).
/// - No GitHub access checks (a `gitRemote` must just be `https://….git`); asset ids are accepted as opaque strings
///   and org logo/favicon asset ids are ignored.
/// - User quotas (single-user/trial orgs) and billing are not enforced; org quotas are generous defaults.
/// - Invites are recorded (`pendingSignup: true`) and no e-mail is sent; `RunningEmulator.signUpUser` replays Rill's
///   first login (invites and whitelisted domains become memberships), `createUser` just makes an account.
/// - Fault injection is deterministic per seed for a sequential request stream; concurrent requests draw in
///   arrival order.
public enum Emulator {
    /// Opens (or creates) the state file, binds the HTTP server and returns once it accepts connections.
    ///
    /// Nothing is left behind when starting fails: files this call created (state, access log) are removed, and
    /// the bootstrap admin (and its token file) is made only once the port is bound.
    public static func start(_ options: EmulatorOptions) async throws -> RunningEmulator {
        try StartupFiles.checkDirectory(of: options.statePath, what: "state file")
        if let tokenFile = options.adminTokenFile { try StartupFiles.checkDirectory(of: tokenFile, what: "token file") }
        if let logPath = options.accessLogPath { try StartupFiles.checkDirectory(of: logPath, what: "access log") }
        let created = StartupFiles(
            paths: [options.statePath, options.statePath + "-wal", options.statePath + "-shm"]
                + (options.accessLogPath.map { [$0] } ?? []))
        let clock = EmulatorClock()
        let store: Store
        do {
            store = try Store.open(path: options.statePath, clock: clock)
        } catch {
            created.removeNew()
            throw EmulatorError.cannotOpenState(options.statePath, "\(error)")
        }
        do {
            return try await start(options, store: store, clock: clock)
        } catch {
            try? store.pool.close()
            created.removeNew()
            throw error
        }
    }

    private static func start(_ options: EmulatorOptions, store: Store, clock: EmulatorClock) async throws
        -> RunningEmulator
    {
        let faults = FaultInjector(
            seed: options.seed, rate: options.faultRate, kinds: options.faultKinds,
            latencyMilliseconds: options.latencyMilliseconds)
        let log = try AccessLog(path: options.accessLogPath)
        let jobs = JobSchedule()
        jobs.set(try await store.pool.read { db in try DeploymentJobs.nextDue(db) })
        let limiter =
            options.rateLimitEnabled
            ? RateLimiter(
                limit: .perMinute(max(1, options.rateLimitPerMinute), burst: options.rateLimitBurst.map { max(0, $0) }),
                clock: { clock.microseconds })
            : nil
        let responder = EmulatorResponder(
            store: store, router: Router(routes: Routes.all), faults: faults, log: log,
            settings: ServerSettings(
                defaultPageSize: max(1, options.defaultPageSize), newOrgQuotas: options.newOrgQuotas,
                deploymentSettleDelay: max(0, options.deploymentSettleDelay)),
            limiter: limiter, jobs: jobs, clock: clock)

        let (portStream, portContinuation) = AsyncStream.makeStream(of: Int.self)
        let phase = Mutex(ServerPhase.starting)
        var logger = Logger(label: "rillform.emulator")
        logger.logLevel = .warning
        let app = Application(
            responder: responder,
            configuration: ApplicationConfiguration(
                address: .hostname(options.host, port: options.port), serverName: nil),
            onServerRunning: { channel in
                phase.withLock { $0 = .running }
                portContinuation.yield(channel.localAddress?.port ?? 0)
                portContinuation.finish()
            },
            logger: logger)
        let serviceGroup = ServiceGroup(
            configuration: ServiceGroupConfiguration(services: [app], gracefulShutdownSignals: [], logger: logger))
        let task = Task {
            do {
                try await serviceGroup.run()
            } catch {
                // Before the port is bound, `start` reports the failure itself; after, only the log can.
                let wasRunning = phase.withLock { phase -> Bool in
                    guard case .running = phase else {
                        phase = .failed(Self.bindFailure(error))
                        return false
                    }
                    return true
                }
                if wasRunning { logger.error("emulator stopped: \(error)") }
            }
            portContinuation.finish()
        }
        var boundPort: Int?
        for await port in portStream {
            boundPort = port
            break
        }
        guard let port = boundPort, port > 0 else {
            task.cancel()
            await task.value
            var reason = "the server stopped before accepting connections"
            if case .failed(let cause) = phase.withLock({ $0 }) { reason = cause }
            throw EmulatorError.serverDidNotStart("could not bind \(options.host):\(options.port): \(reason)")
        }
        var adminToken: String?
        if store.isNew {
            do {
                adminToken = try await Bootstrap.createAdmin(store: store, tokenFile: options.adminTokenFile)
            } catch {
                await serviceGroup.triggerGracefulShutdown()
                await task.value
                await log.close()
                throw error
            }
        }
        return RunningEmulator(
            host: options.host, port: port, adminToken: adminToken, store: store, faults: faults, log: log,
            serviceGroup: serviceGroup, task: task, clock: clock)
    }

    private enum ServerPhase: Sendable {
        case starting, running
        case failed(String)
    }

    /// The cause of a failed `run`, without NIO's type names where the errno says it.
    private static func bindFailure(_ error: any Error) -> String {
        let text = "\(error)"
        if text.contains("Address already in use") || text.contains("EADDRINUSE") { return "the port is already in use" }
        return text
    }

    /// Issues a new user token for the bootstrap admin of an existing state file (the store keeps only token
    /// hashes, so the first token cannot be shown again). Works while a server runs on the same file.
    public static func issueAdminToken(statePath: String) throws -> String {
        guard FileManager.default.fileExists(atPath: statePath) else { throw EmulatorError.noState(statePath) }
        let store: Store
        do {
            store = try Store.open(path: statePath)
        } catch {
            throw EmulatorError.cannotOpenState(statePath, "\(error)")
        }
        defer { try? store.pool.close() }
        let now = Timestamp.format(Date())
        return try store.pool.write { db in
            guard let admin = try UserRecord.find(db, email: Bootstrap.adminEmail) else {
                throw EmulatorError.noBootstrapAdmin(statePath)
            }
            return try UserRecord.issueToken(db, userID: admin.id, now: now)
        }
    }
}

/// Files a start may create, remembered as absent or present so a failed start removes only its own.
struct StartupFiles {
    private let absent: [String]

    init(paths: [String]) {
        absent = paths.filter { !FileManager.default.fileExists(atPath: $0) }
    }

    func removeNew() {
        for path in absent { try? FileManager.default.removeItem(atPath: path) }
    }

    /// SQLite says only "unable to open database file" (error 14) for a missing folder: check it first.
    static func checkDirectory(of path: String, what: String) throws {
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent().path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue
        else { throw EmulatorError.missingDirectory(what: what, path: path, directory: directory) }
    }
}

/// A started emulator. Stop it with `stop()`.
public final class RunningEmulator: Sendable {
    /// `http://<host>:<port>`.
    public let baseURL: URL
    /// The bound TCP port.
    public let port: Int
    /// The bootstrap admin's user token; only when this start created the state file (nil on later starts).
    public let adminToken: String?

    let store: Store
    private let faults: FaultInjector
    private let log: AccessLog
    private let serviceGroup: ServiceGroup
    private let task: Task<Void, Never>

    let clock: EmulatorClock

    init(
        host: String, port: Int, adminToken: String?, store: Store, faults: FaultInjector, log: AccessLog,
        serviceGroup: ServiceGroup, task: Task<Void, Never>, clock: EmulatorClock
    ) {
        self.baseURL = URL(string: "http://\(host):\(port)") ?? URL(fileURLWithPath: "/")
        self.port = port
        self.adminToken = adminToken
        self.store = store
        self.faults = faults
        self.log = log
        self.serviceGroup = serviceGroup
        self.task = task
        self.clock = clock
    }

    /// Graceful shutdown; returns once the server has stopped and the database is closed.
    public func stop() async {
        await serviceGroup.triggerGracefulShutdown()
        await task.value
        await log.close()
        try? store.pool.close()
    }

    /// Requests served so far (in completion order).
    public func accessLog() async -> [AccessLogEntry] { await log.all() }

    /// Forgets the in-memory access log (the file, if any, is kept).
    public func resetAccessLog() async { await log.reset() }

    /// Test/bench seeding outside HTTP: creates a user without accepting any invite (see `signUpUser` for Rill's
    /// first-login behaviour) and returns a fresh user token for it.
    public func createUser(email: String) async throws -> String {
        let now = Timestamp.format(clock.date)
        return try await store.pool.write { db in
            if let existing = try UserRecord.find(db, email: email) {
                return try UserRecord.issueToken(db, userID: existing.id, now: now)
            }
            return try UserRecord.create(db, email: email, now: now).1
        }
    }

    /// Changes fault injection at runtime; the random stream continues from where it is.
    public func setFaults(rate: Double, kinds: Set<FaultKind>, latencyMilliseconds: Int) async {
        await faults.configure(rate: rate, kinds: kinds, latencyMilliseconds: latencyMilliseconds)
    }
}
