import GRDB

/// Org quota checks. Failures are 400 FailedPrecondition with a message starting "quota exceeded:".
/// Go formats org names with %q, hence the quotes.
enum Quotas {
    /// The checks of CreateProject (admin/server/projects.go), in its order: projects, slots per deployment,
    /// total slots, deployments. Rill runs them whether or not `skipDeploy` is set.
    static func checkNewProject(_ db: Database, org: OrgRecord, prodSlots: Int) throws {
        let projects = try Int.fetchOne(db, cached: "SELECT COUNT(*) FROM projects WHERE org_id = ?", arguments: [org.id]) ?? 0
        if org.quotaProjects >= 0 && projects >= org.quotaProjects {
            throw exceeded("org \(quoted(org.name)) is limited to \(org.quotaProjects) projects")
        }
        if org.quotaSlotsPerDeployment >= 0 && prodSlots > org.quotaSlotsPerDeployment {
            throw exceeded("org can't provision more than \(org.quotaSlotsPerDeployment) slots per deployment")
        }
        if try org.quotaSlotsTotal >= 0 && usedSlots(db, org: org) + prodSlots > org.quotaSlotsTotal {
            throw exceeded("org \(quoted(org.name)) is limited to \(org.quotaSlotsTotal) total slots")
        }
        if try org.quotaDeployments >= 0 && deploymentCount(db, org: org) >= org.quotaDeployments {
            throw exceeded("org \(quoted(org.name)) is limited to \(org.quotaDeployments) deployments")
        }
    }

    /// Deployment count and slot checks before provisioning one more deployment (CreateDeployment, redeploy).
    static func checkNewDeployment(_ db: Database, org: OrgRecord, slots: Int) throws {
        if try org.quotaDeployments >= 0 && deploymentCount(db, org: org) >= org.quotaDeployments {
            throw exceeded("org \(quoted(org.name)) is limited to \(org.quotaDeployments) deployments")
        }
        if try org.quotaSlotsTotal >= 0 && usedSlots(db, org: org) + slots > org.quotaSlotsTotal {
            throw exceeded("org \(quoted(org.name)) is limited to \(org.quotaSlotsTotal) total slots")
        }
    }

    private static func deploymentCount(_ db: Database, org: OrgRecord) throws -> Int {
        try Int.fetchOne(
            db, cached: "SELECT COUNT(*) FROM deployments d JOIN projects p ON p.id = d.project_id WHERE p.org_id = ?",
            arguments: [org.id]) ?? 0
    }

    private static func usedSlots(_ db: Database, org: OrgRecord) throws -> Int {
        try Int.fetchOne(
            db,
            cached: "SELECT COALESCE(SUM(d.slots), 0) FROM deployments d JOIN projects p ON p.id = d.project_id WHERE p.org_id = ?",
            arguments: [org.id]) ?? 0
    }

    /// Go's %q for plain names.
    static func quoted(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }

    private static func exceeded(_ detail: String) -> RPCError {
        RPCError(.failedPrecondition, "quota exceeded: \(detail)")
    }
}
