import GRDB

/// Deployments: listed and created per project, started/stopped/deleted by id.
enum DeploymentRoutes {
    static let routes: [Route] = [
        Route("GET", "/v1/orgs/{org}/projects/{project}/deployments", list),
        Route("POST", "/v1/orgs/{org}/projects/{project}/deployments", create),
        Route("POST", "/v1/deployments/{deploymentId}/start", start),
        Route("POST", "/v1/deployments/{deploymentId}/stop", stop),
        Route("DELETE", "/v1/deployments/{deploymentId}", delete),
    ]

    /// Needs `readProject`; prod/dev deployments are shown only with `readProd`/`readDev`. Not paginated.
    static func list(_ call: Call) throws -> JSON {
        let org = try OrgRecord.require(call.db, name: call.param("org"))
        let project = try ProjectRecord.require(call.db, org: org, name: call.param("project"))
        try call.access.require(.listDeployments, project: project)
        let permissions = try call.access.projectPermissions(project)
        let environment = call.queryValue("environment") ?? ""
        let branch = call.queryValue("branch")
        let userID = call.queryValue("userId") ?? ""
        let deployments = try DeploymentRecord.forProject(call.db, projectID: project.id).filter { deployment in
            (deployment.isProd ? permissions.contains(.readProd) : permissions.contains(.readDev))
                && (environment.isEmpty || deployment.environment == environment)
                && (branch == nil || deployment.branch == branch)
                && (userID.isEmpty || deployment.ownerUserID == userID)
        }
        return .object(["deployments": .array(deployments.map(\.json))])
    }

    static func create(_ call: Call) throws -> JSON {
        let org = try OrgRecord.require(call.db, name: call.param("org"))
        let project = try ProjectRecord.require(call.db, org: org, name: call.param("project"))
        let environment = try call.body.string("environment") ?? ""
        guard environment == "prod" || environment == "dev" else {
            throw RPCError(.invalidArgument, "invalid environment \"\(environment)\": must be prod or dev")
        }
        try call.access.require(environment == "prod" ? .manageProdDeployment : .manageDevDeployment, project: project)
        var branch = try call.body.string("branch") ?? ""
        let editable = try call.body.bool("editable") ?? false
        if environment == "prod" {
            if !branch.isEmpty { throw RPCError(.invalidArgument, "branch must not be set for prod deployments") }
            if editable { throw RPCError(.invalidArgument, "prod deployments can't be editable") }
            let existing = try DeploymentRecord.forProject(call.db, projectID: project.id).filter(\.isProd)
            if !existing.isEmpty {
                throw RPCError(.invalidArgument, "project already has a prod deployment")
            }
        } else if branch.isEmpty {
            branch = "rill/" + TokenFactory.hexString(bytes: 6)
        }
        try Quotas.checkNewDeployment(
            call.db, org: org, slots: environment == "prod" ? project.prodSlots : project.devSlots)
        let deployment = try DeploymentRecord.insert(
            call.db, project: project, environment: environment, branch: branch, editable: editable,
            ownerUserID: call.principal.userID, now: call.now)
        return .object(["deployment": deployment.json])
    }

    /// The deployment and its project, after checking `manageProd`/`manageDev`.
    private static func managed(_ call: Call) throws -> DeploymentRecord {
        guard let deployment = try DeploymentRecord.find(call.db, id: call.param("deploymentId")),
            let project = try ProjectRecord.find(call.db, id: deployment.projectID)
        else { throw RPCError.notFound("deployment") }
        try call.access.require(deployment.isProd ? .manageProdDeployment : .manageDevDeployment, project: project)
        return deployment
    }

    static func start(_ call: Call) throws -> JSON {
        let deployment = try managed(call)
        try setStatus(call, deployment, DeploymentRecord.running)
        guard let updated = try DeploymentRecord.find(call.db, id: deployment.id) else { throw RPCError.notFound("deployment") }
        return .object(["deployment": updated.json])
    }

    static func stop(_ call: Call) throws -> JSON {
        let deployment = try managed(call)
        try setStatus(call, deployment, DeploymentRecord.stopped)
        return .object(["deploymentId": .string(deployment.id)])
    }

    static func delete(_ call: Call) throws -> JSON {
        let deployment = try managed(call)
        try call.db.execute(sql: "DELETE FROM deployments WHERE id = ?", arguments: [deployment.id])
        try call.db.execute(
            sql: "UPDATE projects SET primary_deployment_id = '', updated_on = ? WHERE primary_deployment_id = ?",
            arguments: [call.now, deployment.id])
        return .object(["deploymentId": .string(deployment.id)])
    }

    private static func setStatus(_ call: Call, _ deployment: DeploymentRecord, _ status: String) throws {
        try call.db.execute(
            sql: "UPDATE deployments SET status = ?, updated_on = ? WHERE id = ?",
            arguments: [status, call.now, deployment.id])
    }
}
