import GRDB

/// A row of `deployments`. Status strings are `v1DeploymentStatus` enum names.
struct DeploymentRecord: Sendable {
    let id: String
    let projectID: String
    let ownerUserID: String
    let environment: String
    let branch: String
    let editable: Bool
    let slots: Int
    let runtimeHost: String
    let runtimeInstanceID: String
    let status: String
    let statusMessage: String
    let createdOn: String
    let updatedOn: String

    static let running = "DEPLOYMENT_STATUS_RUNNING"
    static let stopped = "DEPLOYMENT_STATUS_STOPPED"
    /// Where every emulated deployment claims its runtime lives.
    static let runtimeHost = "http://localhost:9009"

    var isProd: Bool { environment == "prod" }

    init(row: Row) {
        id = row["id"]
        projectID = row["project_id"]
        ownerUserID = row["owner_user_id"]
        environment = row["environment"]
        branch = row["branch"]
        editable = row["editable"]
        slots = row["slots"]
        runtimeHost = row["runtime_host"]
        runtimeInstanceID = row["runtime_instance_id"]
        status = row["status"]
        statusMessage = row["status_message"]
        createdOn = row["created_on"]
        updatedOn = row["updated_on"]
    }

    static func find(_ db: Database, id: String) throws -> DeploymentRecord? {
        try Row.fetchOne(db, sql: "SELECT * FROM deployments WHERE id = ?", arguments: [id]).map(DeploymentRecord.init)
    }

    static func forProject(_ db: Database, projectID: String) throws -> [DeploymentRecord] {
        try Row.fetchAll(
            db, sql: "SELECT * FROM deployments WHERE project_id = ? ORDER BY created_on, id", arguments: [projectID]
        ).map(DeploymentRecord.init)
    }

    /// Inserts a running deployment; prod deployments become the project's primary deployment.
    @discardableResult
    static func insert(
        _ db: Database, project: ProjectRecord, environment: String, branch: String, editable: Bool,
        ownerUserID: String, now: String
    ) throws -> DeploymentRecord {
        let id = TokenFactory.newID()
        let slots = environment == "prod" ? project.prodSlots : project.devSlots
        try db.execute(
            sql: """
                INSERT INTO deployments (id, project_id, owner_user_id, environment, branch, editable, slots,
                    runtime_host, runtime_instance_id, status, status_message, created_on, updated_on)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '', ?, ?)
                """,
            arguments: [
                id, project.id, ownerUserID, environment, branch, editable, slots, runtimeHost,
                TokenFactory.hexString(bytes: 8), running, now, now,
            ])
        if environment == "prod" {
            try db.execute(
                sql: "UPDATE projects SET primary_deployment_id = ?, updated_on = ? WHERE id = ?",
                arguments: [id, now, project.id])
        }
        guard let deployment = try find(db, id: id) else { throw RPCError(.internal, "deployment vanished") }
        return deployment
    }

    var json: JSON {
        .object([
            "id": .string(id), "projectId": .string(projectID), "ownerUserId": .string(ownerUserID),
            "environment": .string(environment), "branch": .string(branch), "editable": .bool(editable),
            "runtimeHost": .string(runtimeHost), "runtimeInstanceId": .string(runtimeInstanceID),
            "status": .string(status), "statusMessage": .string(statusMessage),
            "createdOn": .string(createdOn), "updatedOn": .string(updatedOn),
        ])
    }
}
