/// How to run the emulator. Defaults: loopback, a free port, no faults, page size 10.
public struct EmulatorOptions: Sendable {
    /// Interface to bind; keep it on loopback.
    public var host = "127.0.0.1"
    /// TCP port; 0 picks a free port (read it back from `RunningEmulator.port`).
    public var port = 0
    /// SQLite state file (created with a bootstrap admin user when missing).
    public var statePath: String
    /// When set, the bootstrap admin token is written here (mode 0600) instead of being printed.
    public var adminTokenFile: String?
    /// Latency added to every request.
    public var latencyMilliseconds = 0
    /// Share of requests (0...1) that fail with an injected fault.
    public var faultRate = 0.0
    /// Which faults may be injected.
    public var faultKinds: Set<FaultKind> = Set(FaultKind.allCases)
    /// Seed of the fault generator: the same seed and the same sequential request stream give the same faults.
    public var seed: UInt64 = 0
    /// When set, access log JSON lines are appended here.
    public var accessLogPath: String?
    /// Page size used when a paginated request sends `pageSize` 0 or none.
    public var defaultPageSize = 10

    /// Quotas of orgs created by this server (Rill's vary by billing plan). Raise them for large benchmarks.
    public var newOrgQuotas = OrgQuotas()

    /// How long a deployment's reconcile job works (PENDING/UPDATING/STOPPING/DELETING) before it settles.
    /// 0 (the in-process default) means the next request already sees the settled state, while the create
    /// response itself still shows PENDING. `rillform emulator serve` uses 0.5 s.
    public var deploymentSettleDelay: Double = 0

    /// Rill's per-method, per-caller rate limit (GCRA). Off by default in-process, because tests and benchmarks
    /// create thousands of objects in seconds; `rillform emulator serve` turns it on.
    public var rateLimitEnabled = false
    /// Requests per minute per method and caller (`ratelimit.Default`: 180; older servers: 60).
    public var rateLimitPerMinute = 180
    /// Burst size; nil means equal to the rate, as `redis_rate.PerMinute` sets it.
    public var rateLimitBurst: Int?

    public init(statePath: String) {
        self.statePath = statePath
    }
}
