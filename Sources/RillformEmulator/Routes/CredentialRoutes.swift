import GRDB

/// Ephemeral runtime credentials (`GetDeploymentCredentials`, deprecated but still served, and `GetDeployment`).
enum CredentialRoutes {
    static let routes: [Route] = [
        Route("POST", "/v1/orgs/{org}/projects/{project}/credentials", projectCredentials),
        // Back-compat alias kept by Rill's server.go.
        Route("POST", "/v1/organizations/{org}/projects/{project}/credentials", projectCredentials),
        Route("POST", "/v1/deployments/{deploymentId}/credentials", deploymentCredentials),
    ]

    static let defaultTTLSeconds = 1800

    static func projectCredentials(_ call: Call) throws -> JSON {
        let org = try OrgRecord.require(call.db, name: call.param("org"))
        let project = try ProjectRecord.require(call.db, org: org, name: call.param("project"))
        let branch = try call.body.string("branch") ?? ""
        let deployment: DeploymentRecord?
        if branch.isEmpty {
            deployment = try DeploymentRecord.forProject(call.db, projectID: project.id).first(where: \.isProd)
        } else {
            deployment = try DeploymentRecord.forProject(call.db, projectID: project.id).first { $0.branch == branch }
        }
        try call.access.require(.getProject, project: project)
        guard let deployment else {
            throw RPCError(.failedPrecondition, "no deployment found for project \"\(project.name)\"")
        }
        let ttl = try call.body.int32("ttlSeconds") ?? 0
        return try issue(call, project: project, deployment: deployment, ttl: ttl)
    }

    static func deploymentCredentials(_ call: Call) throws -> JSON {
        guard let deployment = try DeploymentRecord.find(call.db, id: call.param("deploymentId")),
            let project = try ProjectRecord.find(call.db, id: deployment.projectID)
        else { throw RPCError.notFound("deployment") }
        let ttl = try call.body.int64("accessTokenTtlSeconds") ?? 0
        return try issue(call, project: project, deployment: deployment, ttl: ttl)
    }

    /// Reading your own credentials needs `readProd`/`readDev`; minting them for another identity
    /// (`userId` | `userEmail` | `attributes`, a proto oneof) needs `manageProd`/`manageDev`.
    private static func issue(_ call: Call, project: ProjectRecord, deployment: DeploymentRecord, ttl: Int) throws -> JSON {
        let body = call.body
        let chosen = ["userId", "userEmail", "attributes"].filter { body.has($0) }
        if chosen.count > 1 {
            throw RPCError(.invalidArgument, "only one of userId, userEmail and attributes may be set")
        }
        if ttl < 0 { throw RPCError(.invalidArgument, "invalid ttl") }
        if chosen.isEmpty {
            try call.access.require(deployment.isProd ? .readProdCredentials : .readDevCredentials, project: project)
        } else {
            try call.access.require(
                deployment.isProd ? .manageProdCredentialsForOthers : .manageDevCredentialsForOthers, project: project)
        }
        var claims: [String: JSON] = ["ins": .string(deployment.runtimeInstanceID)]
        if let attributes = try body.object("attributes") {
            claims["attr"] = .object(attributes)
        } else if let email = try body.string("userEmail") {
            guard let user = try UserRecord.find(call.db, email: email) else {
                throw RPCError(.invalidArgument, "user not found")
            }
            claims["attr"] = .object(["email": .string(user.email), "name": .string(user.displayName)])
        } else if let userID = try body.string("userId") {
            guard let user = try UserRecord.find(call.db, id: userID) else {
                throw RPCError(.invalidArgument, "user not found")
            }
            claims["attr"] = .object(["email": .string(user.email), "name": .string(user.displayName)])
        }
        let seconds = ttl == 0 ? defaultTTLSeconds : ttl
        return .object([
            "runtimeHost": .string(deployment.runtimeHost), "instanceId": .string(deployment.runtimeInstanceID),
            "accessToken": .string(TokenFactory.runtimeJWT(claims: .object(claims))), "ttlSeconds": .int(seconds),
        ])
    }
}
