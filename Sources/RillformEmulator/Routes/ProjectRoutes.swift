import GRDB

/// `/v1/orgs/{org}/projects…` and `/v1/projects/{id}`.
enum ProjectRoutes {
    static let routes: [Route] = [
        Route("GET", "/v1/orgs/{org}/projects", list),
        Route("POST", "/v1/orgs/{org}/projects", create),
        Route("GET", "/v1/orgs/{org}/projects/{project}", get),
        Route("PATCH", "/v1/orgs/{org}/projects/{project}", update),
        Route("DELETE", "/v1/orgs/{org}/projects/{project}", delete),
        Route("POST", "/v1/orgs/{org}/projects/{project}/hibernate", hibernate),
        Route("POST", "/v1/orgs/{org}/projects/{project}/redeploy", redeploy),
        Route("GET", "/v1/projects/{id}", getByID),
    ]

    /// Non-guest org members see every project; guests and project-only callers see the projects
    /// they can read (direct role or public).
    static func list(_ call: Call) throws -> JSON {
        let org = try OrgRecord.require(call.db, name: call.param("org"))
        let page = try Pagination(call: call)
        let orgPermissions = try call.access.orgPermissions(org)
        let seesAll = orgPermissions.contains(.readProjects) && !orgPermissions.contains(.guest)
        var projects: [ProjectRecord] = []
        var after = page.after ?? ""
        // Filter in SQL batches so a page stays full even when some projects are hidden from the caller.
        while projects.count < page.pageSize {
            let batch = try Row.fetchAll(
                call.db, sql: "SELECT * FROM projects WHERE org_id = ? AND name > ? ORDER BY name LIMIT ?",
                arguments: [org.id, after, page.pageSize]
            ).map(ProjectRecord.init)
            guard let last = batch.last else { break }
            after = last.name
            for project in batch where projects.count < page.pageSize {
                if try seesAll || call.access.projectPermissions(project).contains(.readProject) {
                    projects.append(project)
                }
            }
            if batch.count < page.pageSize { break }
        }
        return .object([
            "projects": .array(projects.map { $0.json(orgName: org.name) }),
            "nextPageToken": .string(page.nextToken(count: projects.count, lastKey: projects.last?.name)),
        ])
    }

    static func create(_ call: Call) throws -> JSON {
        let org = try OrgRecord.requireForWrite(call.db, name: call.param("org"))
        try call.access.require(.createProject, org: org)
        let body = call.body
        let name = try body.string("project") ?? ""
        try NameRules.validate(name, kind: "project")
        let gitRemote = try body.string("gitRemote") ?? ""
        let archiveAssetID = try body.string("archiveAssetId") ?? ""
        if !gitRemote.isEmpty && !archiveAssetID.isEmpty {
            throw RPCError(.invalidArgument, "cannot set both git_remote and archive_asset_id")
        }
        try validateGitRemote(gitRemote)
        let prodSlots = try body.int64("prodSlots").flatMap { $0 == 0 ? nil : $0 } ?? 2
        if prodSlots < 0 { throw RPCError(.invalidArgument, "invalid prod_slots") }
        let isPublic = try body.bool("public") ?? false
        let skipDeploy = try body.bool("skipDeploy") ?? false
        try Quotas.checkNewProject(call.db, org: org, prodSlots: prodSlots, deploys: !skipDeploy)
        if try ProjectRecord.find(call.db, orgID: org.id, name: name) != nil {
            throw RPCError(.alreadyExists, "a project with that name already exists in the org")
        }
        var branch = try body.string("primaryBranch") ?? ""
        if branch.isEmpty && !gitRemote.isEmpty { branch = "main" }
        let prodVersion = try body.string("prodVersion").flatMap { $0.isEmpty ? nil : $0 } ?? "latest"
        let id = TokenFactory.newID()
        try call.db.execute(
            sql: """
                INSERT INTO projects (id, org_id, name, description, public, created_by_user_id, directory_name,
                    provisioner, git_remote, subpath, primary_branch, archive_asset_id, prod_slots, dev_slots,
                    prod_ttl_seconds, prod_version, created_on, updated_on)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                id, org.id, name, try body.string("description") ?? "", isPublic, call.principal.userID,
                try body.string("directoryName") ?? "", try body.string("provisioner") ?? "", gitRemote,
                try body.string("subpath") ?? "", branch, archiveAssetID, prodSlots, 2,
                // No prod TTL on create: the server sets 14 days for private projects, none for public ones.
                isPublic ? 0 : 14 * 24 * 3600, prodVersion, call.now, call.now,
            ])
        if call.principal.isUser {
            // Rill makes the creating user a project admin.
            try call.db.execute(
                sql: """
                    INSERT INTO project_members (project_id, user_id, role, created_on, updated_on)
                    VALUES (?, ?, 'admin', ?, ?)
                    """, arguments: [id, call.principal.userID, call.now, call.now])
        }
        guard var project = try ProjectRecord.find(call.db, id: id) else { throw RPCError(.internal, "project vanished") }
        if !skipDeploy {
            try DeploymentRecord.insert(
                call.db, project: project, environment: "prod", branch: "", editable: false,
                ownerUserID: call.principal.userID, now: call.now)
            project = try ProjectRecord.find(call.db, id: id) ?? project
        }
        return .object(["project": project.json(orgName: org.name)])
    }

    static func get(_ call: Call) throws -> JSON {
        let org = try OrgRecord.require(call.db, name: call.param("org"))
        let project = try ProjectRecord.require(call.db, org: org, name: call.param("project"))
        try call.access.require(.getProject, project: project)
        let permissions = try call.access.projectPermissions(project)
        var prodDeployment = JSON.null
        var jwt = ""
        if !project.primaryDeploymentID.isEmpty, let deployment = try DeploymentRecord.find(call.db, id: project.primaryDeploymentID) {
            prodDeployment = deployment.json
            if permissions.contains(.readProd) {
                jwt = TokenFactory.runtimeJWT(claims: .object(["ins": .string(deployment.runtimeInstanceID)]))
            }
        }
        return .object([
            "project": project.json(orgName: org.name), "prodDeployment": prodDeployment, "jwt": .string(jwt),
            "projectPermissions": permissions.json,
        ])
    }

    static func getByID(_ call: Call) throws -> JSON {
        guard let project = try ProjectRecord.find(call.db, id: call.param("id")),
            let org = try OrgRecord.find(call.db, id: project.orgID)
        else { throw RPCError.notFound("project") }
        try call.access.require(.getProject, project: project)
        return .object(["project": project.json(orgName: org.name)])
    }

    /// PATCH: only the fields present change. `prodBranch` (v0.76) is not a v0.78.1 field and is ignored.
    static func update(_ call: Call) throws -> JSON {
        let org = try OrgRecord.require(call.db, name: call.param("org"))
        let project = try ProjectRecord.require(call.db, org: org, name: call.param("project"))
        try call.access.require(.updateProject, project: project)
        let body = call.body
        var sets: [String] = []
        var arguments: [any DatabaseValueConvertible] = []
        func set(_ column: String, _ value: any DatabaseValueConvertible) {
            sets.append("\(column) = ?")
            arguments.append(value)
        }
        if let newName = try body.string("newName"), newName != project.name {
            try NameRules.validate(newName, kind: "project")
            if let other = try ProjectRecord.find(call.db, orgID: org.id, name: newName), other.id != project.id {
                throw RPCError(.alreadyExists, "a project with that name already exists in the org")
            }
            set("name", newName)
        }
        if let value = try body.string("description") { set("description", value) }
        if let value = try body.bool("public") { set("public", value) }
        if let value = try body.string("directoryName") { set("directory_name", value) }
        if let value = try body.string("provisioner") { set("provisioner", value) }
        if let value = try body.string("prodVersion") { set("prod_version", value) }
        let gitRemote = try body.string("gitRemote")
        let archiveAssetID = try body.string("archiveAssetId")
        if let gitRemote, let archiveAssetID, !gitRemote.isEmpty, !archiveAssetID.isEmpty {
            throw RPCError(.invalidArgument, "cannot set both git_remote and archive_asset_id")
        }
        if let archiveAssetID, !archiveAssetID.isEmpty {
            // Switching to a Rill-managed archive clears the git settings.
            set("archive_asset_id", archiveAssetID)
            set("git_remote", "")
            set("subpath", "")
            set("primary_branch", "")
        } else {
            if let gitRemote {
                try validateGitRemote(gitRemote)
                let subpath = try body.string("subpath") ?? project.subpath
                if !gitRemote.isEmpty,
                    try Bool.fetchOne(
                        call.db,
                        sql: "SELECT EXISTS (SELECT 1 FROM projects WHERE git_remote = ? AND subpath = ? AND id != ?)",
                        arguments: [gitRemote, subpath, project.id]) ?? false
                {
                    throw RPCError(.invalidArgument, "git remote and subpath are already used by another project")
                }
                set("git_remote", gitRemote)
                if !gitRemote.isEmpty { set("archive_asset_id", "") }
            }
            if let value = try body.string("subpath") { set("subpath", value) }
            if let value = try body.string("primaryBranch") { set("primary_branch", value) }
        }
        if let slots = try body.int64("prodSlots") {
            if slots < 0 { throw RPCError(.invalidArgument, "invalid prod_slots") }
            try Quotas.checkSlotsChange(call.db, org: org, project: project, newProdSlots: slots)
            set("prod_slots", slots)
        }
        if let ttl = try body.int64("prodTtlSeconds") {
            if ttl < 0 { throw RPCError(.invalidArgument, "invalid prod_ttl_seconds") }
            set("prod_ttl_seconds", ttl)
        }
        set("updated_on", call.now)
        arguments.append(project.id)
        try call.db.execute(
            sql: "UPDATE projects SET \(sets.joined(separator: ", ")) WHERE id = ?", arguments: StatementArguments(arguments))
        if let slots = try body.int64("prodSlots") {
            try call.db.execute(
                sql: "UPDATE deployments SET slots = ? WHERE project_id = ? AND environment = 'prod'",
                arguments: [slots, project.id])
        }
        guard let updated = try ProjectRecord.find(call.db, id: project.id) else {
            throw RPCError(.internal, "project vanished")
        }
        return .object(["project": updated.json(orgName: org.name)])
    }

    /// Synchronous teardown: deployments, memberships and service roles go with the project.
    static func delete(_ call: Call) throws -> JSON {
        let org = try OrgRecord.require(call.db, name: call.param("org"))
        let project = try ProjectRecord.require(call.db, org: org, name: call.param("project"))
        try call.access.require(.deleteProject, project: project)
        try call.db.execute(sql: "DELETE FROM projects WHERE id = ?", arguments: [project.id])
        return .object(["id": .string(project.id)])
    }

    /// Hibernation tears down the project's deployments; `redeploy` brings prod back.
    static func hibernate(_ call: Call) throws -> JSON {
        let org = try OrgRecord.require(call.db, name: call.param("org"))
        let project = try ProjectRecord.require(call.db, org: org, name: call.param("project"))
        try call.access.require(.hibernateProject, project: project)
        try call.db.execute(sql: "DELETE FROM deployments WHERE project_id = ?", arguments: [project.id])
        try call.db.execute(
            sql: "UPDATE projects SET primary_deployment_id = '', updated_on = ? WHERE id = ?",
            arguments: [call.now, project.id])
        return .emptyObject
    }

    /// Replaces the prod deployment with a new one (new id).
    static func redeploy(_ call: Call) throws -> JSON {
        let org = try OrgRecord.require(call.db, name: call.param("org"))
        let project = try ProjectRecord.require(call.db, org: org, name: call.param("project"))
        try call.access.require(.manageProdDeployment, project: project)
        try call.db.execute(
            sql: "DELETE FROM deployments WHERE project_id = ? AND environment = 'prod'", arguments: [project.id])
        try Quotas.checkNewDeployment(call.db, org: org, slots: project.prodSlots)
        try DeploymentRecord.insert(
            call.db, project: project, environment: "prod", branch: "", editable: false,
            ownerUserID: call.principal.userID, now: call.now)
        return .emptyObject
    }

    static func validateGitRemote(_ remote: String) throws {
        guard remote.isEmpty || (remote.hasPrefix("https://") && remote.hasSuffix(".git")) else {
            throw RPCError(.invalidArgument, "invalid git remote: must be an HTTPS remote ending in .git")
        }
    }
}
