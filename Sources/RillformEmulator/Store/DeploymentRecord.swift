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
    /// What the reconcile job drives the deployment towards: running, stopped or deleted.
    let desiredStatus: String
    let createdOn: String
    let updatedOn: String

    static let pending = "DEPLOYMENT_STATUS_PENDING"
    static let running = "DEPLOYMENT_STATUS_RUNNING"
    static let errored = "DEPLOYMENT_STATUS_ERRORED"
    static let stopped = "DEPLOYMENT_STATUS_STOPPED"
    static let updating = "DEPLOYMENT_STATUS_UPDATING"
    static let stopping = "DEPLOYMENT_STATUS_STOPPING"
    static let deleting = "DEPLOYMENT_STATUS_DELETING"
    static let deleted = "DEPLOYMENT_STATUS_DELETED"
    /// Where every emulated deployment claims its runtime lives once provisioned.
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
        desiredStatus = row["desired_status"]
        createdOn = row["created_on"]
        updatedOn = row["updated_on"]
    }

    static func find(_ db: Database, id: String) throws -> DeploymentRecord? {
        try Row.fetchOne(db, cached: "SELECT * FROM deployments WHERE id = ?", arguments: [id]).map(DeploymentRecord.init)
    }

    static func forProject(_ db: Database, projectID: String) throws -> [DeploymentRecord] {
        try Row.fetchAll(
            db, cached: "SELECT * FROM deployments WHERE project_id = ? ORDER BY created_on, id", arguments: [projectID]
        ).map(DeploymentRecord.init)
    }

    /// Port of `admin.CreateDeployment` (admin/deployments.go): inserts the row as PENDING "Provisioning..." with
    /// desired status running and no runtime yet (host and instance id are filled in when the reconcile job
    /// provisions it), then queues the reconcile job. Prod deployments on the project's primary branch become
    /// its primary deployment, as `CreateDeployment` (admin/server/deployment.go) and `CreateProject` do.
    ///
    /// Callers pass the request's user id; Rill only records an owner for dev deployments created by a user,
    /// so prod deployments get none. An empty prod branch means the project's primary branch.
    @discardableResult
    static func insert(
        _ db: Database, project: ProjectRecord, environment: String, branch: String, editable: Bool,
        ownerUserID: String, now: String
    ) throws -> DeploymentRecord {
        let id = TokenFactory.newID()
        let isProd = environment == "prod"
        let slots = isProd ? project.prodSlots : project.devSlots
        let branch = isProd && branch.isEmpty ? project.primaryBranch : branch
        try db.execute(
            cached: """
                INSERT INTO deployments (id, project_id, owner_user_id, environment, branch, editable, slots,
                    runtime_host, runtime_instance_id, status, status_message, desired_status, created_on, updated_on)
                VALUES (?, ?, ?, ?, ?, ?, ?, '', '', ?, 'Provisioning...', ?, ?, ?)
                """,
            arguments: [
                id, project.id, isProd ? "" : ownerUserID, environment, branch, editable, slots, pending, running,
                now, now,
            ])
        try DeploymentJobs.trigger(db, deploymentID: id)
        if isProd && branch == project.primaryBranch {
            try db.execute(
                cached: "UPDATE projects SET primary_deployment_id = ?, updated_on = ? WHERE id = ?",
                arguments: [id, now, project.id])
        }
        guard let deployment = try find(db, id: id) else { throw RPCError(.internal, "deployment vanished") }
        return deployment
    }

    /// Port of `UpdateDeploymentDesiredStatus` (admin/database/postgres): sets the desired status, bumps its
    /// version (Rill's `desired_status_updated_on`) and `updated_on`; the status itself is left to the job.
    static func setDesiredStatus(_ db: Database, id: String, _ desired: String, now: String) throws {
        try db.execute(
            cached: """
                UPDATE deployments SET desired_status = ?, desired_version = desired_version + 1, updated_on = ?
                WHERE id = ?
                """,
            arguments: [desired, now, id])
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
