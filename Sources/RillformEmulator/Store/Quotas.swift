import GRDB

/// Org quota checks. Failures are 400 FailedPrecondition with a message starting "quota exceeded:".
enum Quotas {
    static func checkNewProject(_ db: Database, org: OrgRecord, prodSlots: Int, deploys: Bool) throws {
        let projects = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM projects WHERE org_id = ?", arguments: [org.id]) ?? 0
        if org.quotaProjects >= 0 && projects >= org.quotaProjects {
            throw exceeded("org \(org.name) is limited to \(org.quotaProjects) projects")
        }
        if org.quotaSlotsPerDeployment >= 0 && prodSlots > org.quotaSlotsPerDeployment {
            throw exceeded("org \(org.name) can't provision more than \(org.quotaSlotsPerDeployment) slots per deployment")
        }
        if deploys { try checkNewDeployment(db, org: org, slots: prodSlots) }
    }

    static func checkNewDeployment(_ db: Database, org: OrgRecord, slots: Int) throws {
        let deployments = try Int.fetchOne(
            db, sql: "SELECT COUNT(*) FROM deployments d JOIN projects p ON p.id = d.project_id WHERE p.org_id = ?",
            arguments: [org.id]) ?? 0
        if org.quotaDeployments >= 0 && deployments >= org.quotaDeployments {
            throw exceeded("org \(org.name) is limited to \(org.quotaDeployments) deployments")
        }
        let usedSlots = try Int.fetchOne(
            db, sql: "SELECT COALESCE(SUM(d.slots), 0) FROM deployments d JOIN projects p ON p.id = d.project_id WHERE p.org_id = ?",
            arguments: [org.id]) ?? 0
        if org.quotaSlotsTotal >= 0 && usedSlots + slots > org.quotaSlotsTotal {
            throw exceeded("org \(org.name) is limited to \(org.quotaSlotsTotal) total slots")
        }
    }

    static func checkSlotsChange(_ db: Database, org: OrgRecord, project: ProjectRecord, newProdSlots: Int) throws {
        if org.quotaSlotsPerDeployment >= 0 && newProdSlots > org.quotaSlotsPerDeployment {
            throw exceeded("org \(org.name) can't provision more than \(org.quotaSlotsPerDeployment) slots per deployment")
        }
        let usedSlots = try Int.fetchOne(
            db,
            sql: """
                SELECT COALESCE(SUM(d.slots), 0) FROM deployments d JOIN projects p ON p.id = d.project_id
                WHERE p.org_id = ? AND NOT (d.project_id = ? AND d.environment = 'prod')
                """, arguments: [org.id, project.id]) ?? 0
        let prodCount = try Int.fetchOne(
            db, sql: "SELECT COUNT(*) FROM deployments WHERE project_id = ? AND environment = 'prod'",
            arguments: [project.id]) ?? 0
        if org.quotaSlotsTotal >= 0 && usedSlots + newProdSlots * prodCount > org.quotaSlotsTotal {
            throw exceeded("org \(org.name) is limited to \(org.quotaSlotsTotal) total slots")
        }
    }

    private static func exceeded(_ detail: String) -> RPCError {
        RPCError(.failedPrecondition, "quota exceeded: \(detail)")
    }
}
