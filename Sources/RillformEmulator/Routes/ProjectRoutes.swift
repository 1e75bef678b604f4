import GRDB

/// `/v1/orgs/{org}/projects…` and `/v1/projects/{id}`. Ports of admin/server/projects.go and admin/projects.go
/// (newest stored versions; where v0.78.1 differs it is noted on the handler).
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

    /// `FindProjectByName`: one query over org and project, so an unknown org is also "project not found".
    static func findByName(_ call: Call) throws -> (OrgRecord, ProjectRecord)? {
        guard let org = try OrgRecord.find(call.db, name: call.param("org")),
            let project = try ProjectRecord.find(call.db, orgID: org.id, name: call.param("project"))
        else { return nil }
        return (org, project)
    }

    // Port of ListProjectsForOrganization (admin/server/projects.go): org lookup (404; v0.76-era servers wrapped
    // it as 400), then: manageProjects → every project; a user → projects they are a member of, directly or
    // through a usergroup (autogroup:members included), plus public ones; anyone else (service tokens too) → public projects only.
    // An empty result without readProjects is 403.
    static func list(_ call: Call) throws -> JSON {
        let org = try OrgRecord.require(call.db, name: call.param("org"))
        let page = try Pagination(call: call)
        let orgPermissions = try call.access.orgPermissions(org)
        let after = page.after ?? ""
        let rows: [Row]
        if orgPermissions.contains(.manageProjects) {
            rows = try Row.fetchAll(
                call.db, cached: "SELECT * FROM projects WHERE org_id = ? AND name > ? ORDER BY name LIMIT ?",
                arguments: [org.id, after, page.pageSize])
        } else if case .user(let user) = call.principal {
            rows = try Row.fetchAll(
                call.db,
                cached: """
                    SELECT p.* FROM projects p WHERE p.org_id = ? AND p.name > ? AND (
                        p.public = 1
                        OR p.id IN (SELECT project_id FROM project_members WHERE user_id = ?)
                        OR p.id IN (SELECT r.project_id FROM usergroup_project_roles r
                                    JOIN usergroup_users u ON u.usergroup_id = r.usergroup_id WHERE u.user_id = ?))
                    ORDER BY p.name LIMIT ?
                    """, arguments: [org.id, after, user.id, user.id, page.pageSize])
        } else {
            rows = try Row.fetchAll(
                call.db, cached: "SELECT * FROM projects WHERE org_id = ? AND public = 1 AND name > ? ORDER BY name LIMIT ?",
                arguments: [org.id, after, page.pageSize])
        }
        let projects = rows.map(ProjectRecord.init)
        if projects.isEmpty && !orgPermissions.contains(.readProjects) {
            throw RPCError(.permissionDenied, "does not have permission to read projects")
        }
        return .object([
            "projects": .array(projects.map { $0.json(orgName: org.name) }),
            "nextPageToken": .string(page.nextToken(count: projects.count, lastKey: projects.last?.name)),
        ])
    }

    // Port of CreateProject (admin/server/projects.go) and admin.CreateProject (admin/projects.go). Order:
    // org (400), createProjects (403), quotas (400 FailedPrecondition, even with skipDeploy), source (both →
    // 400; a git remote needs a user with GitHub access, see GitHubAccess.check; archive asset ids are opaque),
    // then the insert (bad or duplicate name: wrapped as 400), creator → project admin, autogroup:members →
    // the org's default project role. The project is committed before deploying: without an archive or a git
    // remote plus branch the deploy fails (400) and the project stays, with no deployment. The prod deployment
    // tracks the primary branch and has no owner. Services may create projects (createdByUserId empty).
    // Newest servers: devSlots 8 (the emulator keeps 2); prodSlots has no server default (0 when absent).
    static func create(_ call: Call) throws -> JSON {
        let body = call.body
        let gitRemote = GitHubAccess.normalize(try body.string("gitRemote") ?? "")
        let org = try OrgRecord.requireForWrite(call.db, name: call.param("org"))
        guard try call.access.orgPermissions(org).contains(.createProjects) else {
            throw RPCError(.permissionDenied, "does not have permission to create projects")
        }
        let prodSlots = try body.int64("prodSlots") ?? 0
        try Quotas.checkNewProject(call.db, org: org, prodSlots: prodSlots)
        let isPublic = try body.bool("public") ?? false
        let prodVersion = try body.string("prodVersion").flatMap { $0.isEmpty ? nil : $0 } ?? "latest"
        let archiveAssetID = try body.string("archiveAssetId") ?? ""
        var branch = ""
        let subpath = try body.string("subpath") ?? ""
        if !gitRemote.isEmpty && !archiveAssetID.isEmpty {
            throw RPCError(.invalidArgument, "cannot set both git_remote and archive_asset_id")
        } else if !gitRemote.isEmpty {
            try GitHubAccess.check(call.db, principal: call.principal, remote: gitRemote)
            // User-managed repos keep the requested branch as is (no default-branch lookup).
            branch = try body.string("primaryBranch") ?? ""
        }
        let name = try body.string("project") ?? ""
        try SlugValidation.validate(name, kind: "project")
        if try ProjectRecord.find(call.db, orgID: org.id, name: name) != nil {
            throw RPCError(.invalidArgument, "a project with that name already exists in the org")
        }
        let id = TokenFactory.newID()
        try call.db.execute(
            cached: """
                INSERT INTO projects (id, org_id, name, description, public, created_by_user_id, directory_name,
                    provisioner, git_remote, subpath, primary_branch, archive_asset_id, prod_slots, dev_slots,
                    prod_ttl_seconds, prod_version, created_on, updated_on)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                id, org.id, name, try body.string("description") ?? "", isPublic, call.principal.userID,
                try body.string("directoryName") ?? "", try body.string("provisioner") ?? "", gitRemote, subpath,
                branch, archiveAssetID, prodSlots, 2,
                // No prod TTL on create: the server sets 14 days for private projects, none for public ones.
                isPublic ? 0 : 14 * 24 * 3600, prodVersion, call.now, call.now,
            ])
        if call.principal.isUser {
            try call.db.execute(
                cached: """
                    INSERT INTO project_members (project_id, user_id, role, created_on, updated_on)
                    VALUES (?, ?, 'admin', ?, ?)
                    """, arguments: [id, call.principal.userID, call.now, call.now])
        }
        if let role = ProjectRoleName.from(id: org.defaultProjectRoleID),
            let members = try UsergroupRecord.find(call.db, orgID: org.id, name: UsergroupRecord.autogroupMembers)
        {
            try call.db.execute(
                cached: """
                    INSERT INTO usergroup_project_roles (usergroup_id, project_id, role, created_on, updated_on)
                    VALUES (?, ?, ?, ?, ?)
                    """, arguments: [members.id, id, role.rawValue, call.now, call.now])
        }
        guard var project = try ProjectRecord.find(call.db, id: id) else { throw RPCError(.internal, "project vanished") }
        if !(try body.bool("skipDeploy") ?? false) {
            let hasGitInfo = !gitRemote.isEmpty && !branch.isEmpty
            guard !archiveAssetID.isEmpty || hasGitInfo else {
                // Rill commits the project in its own transaction before provisioning, so it survives the error.
                try persistBeforeFailing(call.db)
                throw RPCError(.invalidArgument, "failed to deploy project: either an archive or git info must be provided")
            }
            try DeploymentRecord.insert(
                call.db, project: project, environment: "prod", branch: project.primaryBranch, editable: false,
                ownerUserID: "", now: call.now)
            project = try ProjectRecord.find(call.db, id: id) ?? project
        }
        return .object(["project": project.json(orgName: org.name)])
    }

    /// Keeps this request's writes although the handler is about to throw. The responder runs write handlers in
    /// GRDB's savepoint (named "grdb") and rolls it back on error: releasing it merges the writes into the
    /// request's transaction, and a fresh empty savepoint takes its place for GRDB to roll back. Without a
    /// savepoint (a plain transaction), the transaction is committed instead.
    static func persistBeforeFailing(_ db: Database) throws {
        do {
            try db.execute(cached: "RELEASE SAVEPOINT grdb")
        } catch {
            try db.commit()
            return
        }
        try db.execute(cached: "SAVEPOINT grdb")
    }

    // Port of GetProject (admin/server/projects.go): org lookup wrapped as 400, project lookup 404, then readProject
    // (public projects add readProject and readProd). The prod deployment and the runtime JWT only with readProd;
    // the status message only with readProdStatus.
    static func get(_ call: Call) throws -> JSON {
        let org = try OrgRecord.requireForWrite(call.db, name: call.param("org"))
        let project = try ProjectRecord.require(call.db, org: org, name: call.param("project"))
        var permissions = try call.access.projectPermissions(project)
        if project.isPublic { permissions.formUnion([.readProject, .readProd]) }
        guard permissions.contains(.readProject) else {
            throw RPCError(.permissionDenied, "does not have permission to read project")
        }
        var prodDeployment = JSON.null
        var jwt = ""
        if permissions.contains(.readProd), !project.primaryDeploymentID.isEmpty,
            let deployment = try DeploymentRecord.find(call.db, id: project.primaryDeploymentID)
        {
            prodDeployment = deployment.json
            if !permissions.contains(.readProdStatus), case .object(var members) = prodDeployment {
                members["statusMessage"] = .string("")
                prodDeployment = .object(members)
            }
            jwt = TokenFactory.runtimeJWT(claims: .object(["ins": .string(deployment.runtimeInstanceID)]))
        }
        return .object([
            "project": project.json(orgName: org.name), "prodDeployment": prodDeployment, "jwt": .string(jwt),
            "projectPermissions": permissions.json,
        ])
    }

    // Port of GetProjectByID (admin/server/projects.go): an unknown id is wrapped as 400; readProject or public.
    static func getByID(_ call: Call) throws -> JSON {
        guard let project = try ProjectRecord.find(call.db, id: call.param("id")) else {
            throw RPCError(.invalidArgument, "project not found")
        }
        guard let org = try OrgRecord.find(call.db, id: project.orgID) else {
            throw RPCError(.invalidArgument, "org not found")
        }
        guard try call.access.projectPermissions(project).contains(.readProject) || project.isPublic else {
            throw RPCError(.permissionDenied, "does not have permission to read project")
        }
        return .object(["project": project.json(orgName: org.name)])
    }

    // Port of UpdateProject (admin/server/projects.go) and admin.UpdateProject (admin/projects.go). Only the
    // fields present change (`prodBranch`, v0.76's name, is an unknown field in v0.78.1 and ignored). Order:
    // lookup (400), manageProject (403), both sources (untyped → 500), a changed git remote: remote+subpath used
    // by another project (400 FailedPrecondition) then GitHub access; an archive clears remote, subpath and
    // branch. The DB update's own errors are not wrapped (bad name 500, taken name 409). When the prod version,
    // slots, name, subpath, branch, remote or archive change, every deployment is set back to running
    // (UpdateDeploymentsForProject). Older servers (v0.76) redeployed instead on slots/version changes.
    static func update(_ call: Call) throws -> JSON {
        let body = call.body
        let requestedRemote = try body.string("gitRemote").map(GitHubAccess.normalize)
        guard let (org, project) = try findByName(call) else { throw RPCError(.invalidArgument, "project not found") }
        guard try call.access.projectPermissions(project).contains(.manageProject) else {
            throw RPCError(.permissionDenied, "does not have permission to manage project")
        }
        let requestedArchive = try body.string("archiveAssetId")
        if requestedRemote != nil && requestedArchive != nil {
            throw RPCError(.internal, "cannot set both git_remote and archive_asset_id")
        }
        var gitRemote = project.gitRemote
        var archiveAssetID = project.archiveAssetID
        var subpath = try body.string("subpath") ?? project.subpath
        var branch = try body.string("primaryBranch") ?? project.primaryBranch
        if let requestedRemote, requestedRemote != project.gitRemote {
            let other = try Row.fetchOne(
                call.db,
                cached: """
                    SELECT p.name AS project, o.name AS org FROM projects p JOIN orgs o ON o.id = p.org_id
                    WHERE p.git_remote = ? COLLATE NOCASE AND p.subpath = ? AND p.id != ? LIMIT 1
                    """, arguments: [requestedRemote, subpath, project.id])
            if let other {
                let otherProject: String = other["project"]
                let otherOrg: String = other["org"]
                throw RPCError(
                    .failedPrecondition,
                    "another project \(Quotas.quoted(otherProject)) in org \(Quotas.quoted(otherOrg)) is already using the same git remote and subpath")
            }
            try GitHubAccess.check(call.db, principal: call.principal, remote: requestedRemote)
            gitRemote = requestedRemote
            archiveAssetID = ""
        }
        if let requestedArchive {
            archiveAssetID = requestedArchive
            gitRemote = ""
            subpath = ""
            branch = ""
        }
        let name = try body.string("newName") ?? project.name
        if name != project.name {
            guard SlugValidation.isValid(name) else {
                throw RPCError(.internal, SlugValidation.validatorMessage(options: "UpdateProjectOptions"))
            }
            if let other = try ProjectRecord.find(call.db, orgID: org.id, name: name), other.id != project.id {
                throw RPCError(.alreadyExists, "a project with that name already exists in the org")
            }
        }
        let prodSlots = try body.int64("prodSlots") ?? project.prodSlots
        let prodVersion = try body.string("prodVersion") ?? project.prodVersion
        try call.db.execute(
            cached: """
                UPDATE projects SET name = ?, description = ?, public = ?, directory_name = ?, provisioner = ?,
                    prod_version = ?, git_remote = ?, subpath = ?, primary_branch = ?, archive_asset_id = ?,
                    prod_slots = ?, prod_ttl_seconds = ?, updated_on = ? WHERE id = ?
                """,
            arguments: [
                name, try body.string("description") ?? project.description, try body.bool("public") ?? project.isPublic,
                try body.string("directoryName") ?? project.directoryName,
                try body.string("provisioner") ?? project.provisioner, prodVersion, gitRemote, subpath, branch,
                archiveAssetID, prodSlots, try body.int64("prodTtlSeconds") ?? project.prodTTLSeconds, call.now,
                project.id,
            ])
        guard let updated = try ProjectRecord.find(call.db, id: project.id) else {
            throw RPCError(.internal, "project vanished")
        }
        let impactsDeployments = prodVersion != project.prodVersion || prodSlots != project.prodSlots
            || name != project.name || subpath != project.subpath || branch != project.primaryBranch
            || gitRemote != project.gitRemote || archiveAssetID != project.archiveAssetID
        if impactsDeployments {
            if prodSlots != project.prodSlots {
                try call.db.execute(
                    cached: "UPDATE deployments SET slots = ? WHERE project_id = ? AND environment = 'prod'",
                    arguments: [prodSlots, project.id])
            }
            try DeploymentLifecycle.updateDeploymentsForProject(call.db, project: updated, now: call.now)
        }
        return .object(["project": updated.json(orgName: org.name)])
    }

    // Port of DeleteProject (admin/server/projects.go): lookup wrapped as 400, manageProject (403), then the
    // teardown (synchronous in Rill, up to 4 minutes): deployments, memberships and service roles go with it.
    static func delete(_ call: Call) throws -> JSON {
        guard let (_, project) = try findByName(call) else { throw RPCError(.invalidArgument, "project not found") }
        guard try call.access.projectPermissions(project).contains(.manageProject) else {
            throw RPCError(.permissionDenied, "does not have permission to delete project")
        }
        try call.db.execute(cached: "DELETE FROM projects WHERE id = ?", arguments: [project.id])
        return .object(["id": .string(project.id)])
    }

    // Port of HibernateProject (admin/server/projects.go): lookup (404), manageProject (403 "not allowed to
    // manage project"); the deployments go and the project has no prod deployment until `redeploy`.
    static func hibernate(_ call: Call) throws -> JSON {
        guard let (_, project) = try findByName(call) else { throw RPCError.notFound("project") }
        guard try call.access.projectPermissions(project).contains(.manageProject) else {
            throw RPCError(.permissionDenied, "not allowed to manage project")
        }
        try call.db.execute(cached: "DELETE FROM deployments WHERE project_id = ?", arguments: [project.id])
        try call.db.execute(
            cached: "UPDATE projects SET primary_deployment_id = '', updated_on = ? WHERE id = ?",
            arguments: [call.now, project.id])
        return .emptyObject
    }

    // Port of RedeployProject (admin/server/projects.go, admin/projects.go): lookup wrapped as 400, manageProd
    // (403), then a new prod deployment (no owner, the primary branch) replaces the old one.
    static func redeploy(_ call: Call) throws -> JSON {
        guard let (org, project) = try findByName(call) else { throw RPCError(.invalidArgument, "project not found") }
        guard try call.access.projectPermissions(project).contains(.manageProd) else {
            throw RPCError(.permissionDenied, "does not have permission to manage deployment")
        }
        try call.db.execute(
            cached: "DELETE FROM deployments WHERE project_id = ? AND environment = 'prod'", arguments: [project.id])
        try Quotas.checkNewDeployment(call.db, org: org, slots: project.prodSlots)
        try DeploymentRecord.insert(
            call.db, project: project, environment: "prod", branch: project.primaryBranch, editable: false,
            ownerUserID: "", now: call.now)
        return .emptyObject
    }
}
