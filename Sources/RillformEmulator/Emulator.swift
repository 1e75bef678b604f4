import Foundation
import GRDB
import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle

/// Starts the emulator of Rill's admin API (v0.78.1 REST mapping, protojson, Rill's error bodies and quirks).
///
/// Known, deliberate differences from Rill Cloud:
/// - `DELETE /v1/orgs/{org}` deletes at once (Rill enqueues a job); a poll of `GET` sees 404 immediately.
/// - Deployment reconcile jobs run lazily at the start of the next request (no background worker), taking
///   `deploymentSettleDelay`; no runtime exists (`runtimeHost` is `http://localhost:9009` once provisioned,
///   access tokens are unsigned JWT-shaped strings) and deployments never become ERRORED.
/// - The rate limiter (off in-process by default, on for `emulator serve`) keeps its GCRA state in memory; there
///   are no superusers to exempt.
/// - No GitHub access checks (a `gitRemote` must just be `https://….git`); asset ids are accepted as opaque strings
///   and org logo/favicon asset ids are ignored.
/// - User quotas (single-user/trial orgs) and billing are not enforced; org quotas are generous defaults.
/// - Invites are recorded (`pendingSignup: true`) but there is no signup; use `RunningEmulator.createUser`.
/// - Fault injection is deterministic per seed for a sequential request stream; concurrent requests draw in
///   arrival order.
public enum Emulator {
    /// Opens (or creates) the state file, binds the HTTP server and returns once it accepts connections.
    public static func start(_ options: EmulatorOptions) async throws -> RunningEmulator {
        let store = try Store.open(path: options.statePath)
        var adminToken: String?
        if store.isNew {
            adminToken = try await Bootstrap.createAdmin(store: store, tokenFile: options.adminTokenFile)
        }
        let faults = FaultInjector(
            seed: options.seed, rate: options.faultRate, kinds: options.faultKinds,
            latencyMilliseconds: options.latencyMilliseconds)
        let log = try AccessLog(path: options.accessLogPath)
        let jobs = JobSchedule()
        jobs.set(try await store.pool.read { db in try DeploymentJobs.nextDue(db) })
        let limiter =
            options.rateLimitEnabled
            ? RateLimiter(
                limit: .perMinute(max(1, options.rateLimitPerMinute), burst: options.rateLimitBurst.map { max(0, $0) }))
            : nil
        let responder = EmulatorResponder(
            store: store, router: Router(routes: Routes.all), faults: faults, log: log,
            settings: ServerSettings(
                defaultPageSize: max(1, options.defaultPageSize), newOrgQuotas: options.newOrgQuotas,
                deploymentSettleDelay: max(0, options.deploymentSettleDelay)),
            limiter: limiter, jobs: jobs)

        let (portStream, portContinuation) = AsyncStream.makeStream(of: Int.self)
        var logger = Logger(label: "rillform.emulator")
        logger.logLevel = .warning
        let app = Application(
            responder: responder,
            configuration: ApplicationConfiguration(
                address: .hostname(options.host, port: options.port), serverName: nil),
            onServerRunning: { channel in
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
                logger.error("emulator stopped: \(error)")
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
            throw EmulatorError.serverDidNotStart("could not bind \(options.host):\(options.port)")
        }
        return RunningEmulator(
            host: options.host, port: port, adminToken: adminToken, store: store, faults: faults, log: log,
            serviceGroup: serviceGroup, task: task)
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

    init(
        host: String, port: Int, adminToken: String?, store: Store, faults: FaultInjector, log: AccessLog,
        serviceGroup: ServiceGroup, task: Task<Void, Never>
    ) {
        self.baseURL = URL(string: "http://\(host):\(port)") ?? URL(fileURLWithPath: "/")
        self.port = port
        self.adminToken = adminToken
        self.store = store
        self.faults = faults
        self.log = log
        self.serviceGroup = serviceGroup
        self.task = task
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

    /// Test/bench seeding outside HTTP (Rill has invites and signup, which are not emulated):
    /// creates a user and returns a fresh user token for it.
    public func createUser(email: String) async throws -> String {
        let now = Timestamp.format(Date())
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
