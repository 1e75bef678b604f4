import Foundation
import GRDB

/// Deployments: listed and created per project, started/stopped/deleted by id. All are asynchronous in Rill: the
/// handlers only record a desired status and queue a reconcile job (see `DeploymentJobs`).
///
/// Ported from the newest admin/server/deployment.go that could be read. Older servers (pre-branch) had
/// "project already has a prod deployment, cannot create a new prod deployment", no `branch`/`editable`, and
/// an empty branch for prod; v0.78.1's API doc says `branch` "must not be set for prod" but its CLI sends one,
/// and the newest handler accepts it (defaulting to the primary branch), which is what is emulated.
enum DeploymentRoutes {
    static let routes: [Route] = [
        Route("GET", "/v1/orgs/{org}/projects/{project}/deployments", list),
        Route("POST", "/v1/orgs/{org}/projects/{project}/deployments", create),
        Route("POST", "/v1/deployments/{deploymentId}/start", start),
        Route("POST", "/v1/deployments/{deploymentId}/stop", stop),
        Route("DELETE", "/v1/deployments/{deploymentId}", delete),
    ]

    /// `FindProjectByName` as these handlers use it: a miss is InvalidArgument "project not found".
    static func projectByName(_ call: Call) throws -> ProjectRecord {
        guard let org = try OrgRecord.find(call.db, name: call.param("org")),
            let project = try ProjectRecord.find(call.db, orgID: org.id, name: call.param("project"))
        else { throw RPCError(.invalidArgument, "project not found") }
        return project
    }

    /// Port of ListDeployments (admin/server/deployment.go): readProject, then the environment/branch filter in
    /// SQL and the readProd/readDev and userId filters (a deployment without an owner passes the userId filter).
    static func list(_ call: Call) throws -> JSON {
        let project = try projectByName(call)
        let permissions = try call.access.projectPermissions(project)
        guard permissions.contains(.readProject) else {
            throw RPCError(.permissionDenied, "does not have permission to read project")
        }
        let environment = call.queryValue("environment") ?? ""
        let branch = call.queryValue("branch") ?? ""
        let userID = call.queryValue("userId") ?? ""
        let deployments = try DeploymentRecord.forProject(call.db, projectID: project.id).filter { deployment in
            (environment.isEmpty || deployment.environment == environment)
                && (branch.isEmpty || deployment.branch == branch)
                && !(deployment.environment == "prod" && !permissions.contains(.readProd))
                && !(deployment.environment == "dev" && !permissions.contains(.readDev))
                && (userID.isEmpty || deployment.ownerUserID.isEmpty || deployment.ownerUserID == userID)
        }
        return .object(["deployments": .array(deployments.map(\.json))])
    }

    /// Port of CreateDeployment (admin/server/deployment.go): project lookup, manageDev for "dev" else manageProd,
    /// branch/editable per environment, one deployment per explicit branch, quotas, then `admin.CreateDeployment`
    /// (PENDING "Provisioning...", reconcile job queued).
    static func create(_ call: Call) throws -> JSON {
        let project = try projectByName(call)
        let permissions = try call.access.projectPermissions(project)
        let environment = try call.body.string("environment") ?? ""
        if environment == "dev" {
            guard permissions.contains(.manageDev) else {
                throw RPCError(.permissionDenied, "does not have permission to manage dev deployment")
            }
        } else if !permissions.contains(.manageProd) {
            throw RPCError(.permissionDenied, "does not have permission to manage prod deployment")
        }
        let requestedBranch = try call.body.string("branch") ?? ""
        let editable = try call.body.bool("editable") ?? false
        let branch: String
        let slots: Int
        switch environment {
        case "prod":
            branch = requestedBranch.isEmpty ? project.primaryBranch : requestedBranch
            if editable { throw RPCError(.invalidArgument, "editable cannot be set for prod deployments") }
            slots = project.prodSlots
        case "dev":
            // Rill: "rill/" + hex of 8 random bytes.
            branch = requestedBranch.isEmpty ? "rill/" + TokenFactory.hexString(bytes: 8) : requestedBranch
            slots = project.devSlots
        default:
            throw RPCError(.invalidArgument, "invalid environment specified, must be 'prod' or 'dev'")
        }
        if environment == "prod" || !requestedBranch.isEmpty {
            // "only one deployment per branch allowed" (lingering DELETING rows count too).
            if let existing = try DeploymentRecord.forProject(call.db, projectID: project.id).first(where: {
                $0.branch == branch
            }) {
                throw RPCError(
                    .invalidArgument,
                    "another deployment for the specified branch \(GoQuote.quote(branch)) already exists in "
                        + "\(GoQuote.quote(existing.environment)) environment")
            }
        }
        guard let org = try OrgRecord.find(call.db, id: project.orgID) else {
            throw RPCError(.invalidArgument, "org not found")
        }
        try checkQuotas(call.db, org: org, slots: slots)
        let deployment = try DeploymentRecord.insert(
            call.db, project: project, environment: environment, branch: branch, editable: editable,
            ownerUserID: call.principal.userID, now: call.now)
        return .object(["deployment": deployment.json])
    }

    /// CreateDeployment's quota checks, in its order and wording (`CountProjectsQuotaUsage`).
    private static func checkQuotas(_ db: Database, org: OrgRecord, slots: Int) throws {
        let row = try Row.fetchOne(
            db,
            cached: """
                SELECT COUNT(*) AS deployments, COALESCE(SUM(d.slots), 0) AS slots
                FROM deployments d JOIN projects p ON p.id = d.project_id WHERE p.org_id = ?
                """, arguments: [org.id])
        let usedDeployments: Int = row?["deployments"] ?? 0
        let usedSlots: Int = row?["slots"] ?? 0
        if org.quotaSlotsPerDeployment >= 0 && slots > org.quotaSlotsPerDeployment {
            throw RPCError(
                .failedPrecondition,
                "quota exceeded: org can't provision more than \(org.quotaSlotsPerDeployment) slots per deployment")
        }
        if org.quotaSlotsTotal >= 0 && usedSlots + slots > org.quotaSlotsTotal {
            throw RPCError(
                .failedPrecondition,
                "quota exceeded: org \(GoQuote.quote(org.name)) is limited to \(org.quotaSlotsTotal) total slots")
        }
        if org.quotaDeployments >= 0 && usedDeployments >= org.quotaDeployments {
            throw RPCError(
                .failedPrecondition,
                "quota exceeded: org \(GoQuote.quote(org.name)) is limited to \(org.quotaDeployments) deployments")
        }
    }

    /// The lookups and permission check shared by Start/Stop/DeleteDeployment: `FindDeployment` and
    /// `FindProject` misses are InvalidArgument; then manageDev for dev, manageProd otherwise.
    private static func managed(_ call: Call) throws -> DeploymentRecord {
        guard let deployment = try DeploymentRecord.find(call.db, id: call.param("deploymentId")) else {
            throw RPCError(.invalidArgument, "deployment not found")
        }
        guard let project = try ProjectRecord.find(call.db, id: deployment.projectID) else {
            throw RPCError(.invalidArgument, "project not found")
        }
        let permissions = try call.access.projectPermissions(project)
        if deployment.environment == "dev" {
            guard permissions.contains(.manageDev) else {
                throw RPCError(.permissionDenied, "does not have permission to manage dev deployment")
            }
        } else if !permissions.contains(.manageProd) {
            throw RPCError(.permissionDenied, "does not have permission to manage prod deployment")
        }
        return deployment
    }

    /// Port of StartDeployment: `admin.StartDeployment` sets desired status running and queues the job. The
    /// response is the row after that update, so its status is still the current one (e.g. STOPPED).
    static func start(_ call: Call) throws -> JSON {
        let deployment = try managed(call)
        try desire(call, deployment, DeploymentRecord.running)
        guard let updated = try DeploymentRecord.find(call.db, id: deployment.id) else {
            throw RPCError(.invalidArgument, "deployment not found")
        }
        return .object(["deployment": updated.json])
    }

    /// Port of StopDeployment: desired status stopped, job queued; answers with the id only.
    static func stop(_ call: Call) throws -> JSON {
        let deployment = try managed(call)
        try desire(call, deployment, DeploymentRecord.stopped)
        return .object(["deploymentId": .string(deployment.id)])
    }

    /// Port of DeleteDeployment (`admin.TeardownDeployment`): desired status deleted, job queued. The row lingers
    /// (DELETING "Deleting...") until the job deletes it; deleting it again meanwhile is accepted.
    static func delete(_ call: Call) throws -> JSON {
        let deployment = try managed(call)
        try desire(call, deployment, DeploymentRecord.deleted)
        return .object(["deploymentId": .string(deployment.id)])
    }

    private static func desire(_ call: Call, _ deployment: DeploymentRecord, _ status: String) throws {
        try DeploymentRecord.setDesiredStatus(call.db, id: deployment.id, status, now: call.now)
        try DeploymentJobs.trigger(call.db, deploymentID: deployment.id)
    }
}

/// Go's `%q` for the strings these messages quote (printable text: quotes and backslashes escaped).
enum GoQuote {
    static func quote(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    out += String(format: "\\x%02x", scalar.value)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}
