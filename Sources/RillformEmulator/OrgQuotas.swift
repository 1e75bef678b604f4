/// Quotas the emulator gives a new org; -1 means unlimited. The defaults are generous so tests are not throttled,
/// yet finite so the "quota exceeded:" path (400 FailedPrecondition, as Rill answers) can be exercised.
public struct OrgQuotas: Sendable, Hashable {
    public var projects = 100
    public var deployments = 200
    public var slotsTotal = 1000
    public var slotsPerDeployment = 50
    public var outstandingInvites = 200
    public var storageLimitBytesPerDeployment = 10 * 1024 * 1024 * 1024

    public init() {}

    /// No limits at all (large benchmarks).
    public static var unlimited: OrgQuotas {
        var quotas = OrgQuotas()
        quotas.projects = -1
        quotas.deployments = -1
        quotas.slotsTotal = -1
        quotas.slotsPerDeployment = -1
        quotas.outstandingInvites = -1
        quotas.storageLimitBytesPerDeployment = -1
        return quotas
    }
}
