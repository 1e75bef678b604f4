import GRDB

/// `/v1/orgs` and `/v1/orgs/{org}`. Ports of admin/server/organizations.go (newest stored version; the
/// v0.78.1 handlers check in the same order).
enum OrgRoutes {
    static let routes: [Route] = [
        Route("GET", "/v1/orgs", list),
        Route("POST", "/v1/orgs", create),
        Route("GET", "/v1/orgs/{org}", get),
        Route("PATCH", "/v1/orgs/{org}", update),
        Route("DELETE", "/v1/orgs/{org}", delete),
    ]

    // Port of ListOrganizations (admin/server/organizations.go): user tokens only; the caller's orgs (guests
    // included) by name; listed orgs are not privileged DTOs, so billingEmail is blank.
    static func list(_ call: Call) throws -> JSON {
        guard call.principal.isUser else { throw RPCError(.unauthenticated, "not authenticated as a user") }
        let page = try Pagination(call: call)
        let rows = try Row.fetchAll(
            call.db,
            cached: """
                SELECT o.* FROM orgs o JOIN org_members m ON m.org_id = o.id
                WHERE m.user_id = ? AND o.name > ? AND (o.delete_after IS NULL OR o.delete_after > rillform_now())
                ORDER BY o.name LIMIT ?
                """, arguments: [call.principal.userID, page.after ?? "", page.pageSize])
        let orgs = rows.map(OrgRecord.init)
        return .object([
            "organizations": .array(orgs.map { $0.json(privileged: false) }),
            "nextPageToken": .string(page.nextToken(count: orgs.count, lastKey: orgs.last?.name)),
        ])
    }

    // Port of CreateOrganization (admin/server/organizations.go) and CreateOrganizationForUser (admin/users.go):
    // user only (401); InsertOrganization validates the slug then hits the unique index, and the handler wraps
    // every error as InvalidArgument, so a bad or duplicate name is 400 (v0.76-v0.78 and the newest stored
    // version alike). The new org gets defaultProjectRoleId = viewer, billingEmail = the creator's email, its
    // managed usergroups (autogroup:users/members/guests) and the creator as admin. Single-user-org quotas are not enforced.
    static func create(_ call: Call) throws -> JSON {
        guard case .user(let user) = call.principal else {
            throw RPCError(.unauthenticated, "not authenticated as a user")
        }
        try OrgRecord.purgeDeleted(call.db)
        let name = try call.body.string("name") ?? ""
        try SlugValidation.validate(name, kind: "org")
        if try Bool.fetchOne(call.db, cached: "SELECT EXISTS (SELECT 1 FROM orgs WHERE name = ?)", arguments: [name]) ?? false {
            // Includes an org still being deleted: its name stays taken until the DeleteOrg job finishes.
            throw RPCError(.invalidArgument, "an org with that name already exists")
        }
        let id = TokenFactory.newID()
        let quotas = call.settings.newOrgQuotas
        try call.db.execute(
            cached: """
                INSERT INTO orgs (id, name, display_name, description, billing_email, default_project_role_id,
                    quota_projects, quota_deployments, quota_slots_total, quota_slots_per_deployment,
                    quota_outstanding_invites, quota_storage_limit_bytes_per_deployment, created_by_user_id,
                    created_on, updated_on)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                id, name, try call.body.string("displayName") ?? "", try call.body.string("description") ?? "",
                user.email, ProjectRoleName.viewer.id, quotas.projects, quotas.deployments, quotas.slotsTotal,
                quotas.slotsPerDeployment, quotas.outstandingInvites, quotas.storageLimitBytesPerDeployment, user.id,
                call.now, call.now,
            ])
        try UsergroupRecord.insertManaged(call.db, orgID: id, now: call.now)
        try OrgMembership.insertOrgMember(
            call.db, orgID: id, userID: user.id, role: OrgRoleName.admin.rawValue, ifNotExists: false, now: call.now)
        guard let org = try OrgRecord.find(call.db, id: id) else { throw RPCError(.internal, "org vanished") }
        return .object(["organization": org.json(privileged: true)])
    }

    // Port of GetOrganization (admin/server/organizations.go): lookup first (404 "org not found"), then readOrg;
    // a caller without it still reads an org that has a public project, as a guest. billingEmail only with
    // manageOrg.
    static func get(_ call: Call) throws -> JSON {
        let org = try OrgRecord.require(call.db, name: call.param("org"))
        var permissions = try call.access.orgPermissions(org)
        if !permissions.contains(.readOrg) {
            let hasPublic = try Bool.fetchOne(
                call.db, cached: "SELECT EXISTS (SELECT 1 FROM projects WHERE org_id = ? AND public = 1)",
                arguments: [org.id]) ?? false
            guard hasPublic else { throw RPCError(.permissionDenied, "not allowed to read org") }
            permissions.formUnion([.guest, .readOrg, .readProjects])
        }
        return .object([
            "organization": org.json(privileged: permissions.contains(.manageOrg)), "permissions": permissions.json,
        ])
    }

    // Port of UpdateOrganization (admin/server/organizations.go): lookup wrapped as 400, manageOrg (403), the
    // default project role (unknown name: the wrapped DB not-found, 404 on the newest servers), then the DB
    // update, whose errors are not wrapped: a bad new name is the validator's untyped error (500), a taken one
    // 409. A rename re-runs UpdateDeploymentsForProject for every project (UpdateOrgDeploymentAnnotations).
    // Asset ids (logo, favicon, thumbnail) need uploaded assets, which are not emulated: accepted and ignored.
    static func update(_ call: Call) throws -> JSON {
        try OrgRecord.purgeDeleted(call.db)
        let org = try OrgRecord.requireForWrite(call.db, name: call.param("org"))
        guard try call.access.orgPermissions(org).contains(.manageOrg) else {
            throw RPCError(.permissionDenied, "not allowed to update org")
        }
        let body = call.body
        var defaultRoleID = org.defaultProjectRoleID
        if let value = try body.string("defaultProjectRole") {
            if value.isEmpty {
                defaultRoleID = ""
            } else {
                guard let role = ProjectRoleName(rawValue: value) else {
                    throw RPCError(.notFound, "failed to find role \(Quotas.quoted(value)): project role not found")
                }
                defaultRoleID = role.id
            }
        }
        let newName = try body.string("newName") ?? org.name
        if newName != org.name {
            guard SlugValidation.isValid(newName) else {
                throw RPCError(.internal, SlugValidation.validatorMessage(options: "UpdateOrganizationOptions"))
            }
            if try Bool.fetchOne(
                call.db, cached: "SELECT EXISTS (SELECT 1 FROM orgs WHERE name = ? AND id != ?)", arguments: [newName, org.id]
            ) ?? false {
                throw RPCError(.alreadyExists, "an org with that name already exists")
            }
        }
        try call.db.execute(
            cached: """
                UPDATE orgs SET name = ?, display_name = ?, description = ?, billing_email = ?,
                    default_project_role_id = ?, updated_on = ? WHERE id = ?
                """,
            arguments: [
                newName, try body.string("displayName") ?? org.displayName,
                try body.string("description") ?? org.description,
                try body.string("billingEmail") ?? org.billingEmail, defaultRoleID, call.now, org.id,
            ])
        if newName != org.name {
            let projects = try Row.fetchAll(
                call.db, cached: "SELECT * FROM projects WHERE org_id = ? ORDER BY name", arguments: [org.id]
            ).map(ProjectRecord.init)
            for project in projects {
                try DeploymentLifecycle.updateDeploymentsForProject(call.db, project: project, now: call.now)
            }
        }
        guard let updated = try OrgRecord.find(call.db, id: org.id) else { throw RPCError(.internal, "org vanished") }
        return .object(["organization": updated.json(privileged: true)])
    }

    // Port of DeleteOrganization (admin/server/organizations.go): lookup wrapped as 400, manageOrg (403), then
    // only a DeleteOrg job is enqueued. Emulated as a "deleting" state: the org (and its name) stays for the
    // store's org delete delay (default 500 ms, `RunningEmulator.setOrgDeleteDelay`), after which lookups no
    // longer see it and the next write request removes its rows.
    static func delete(_ call: Call) throws -> JSON {
        try OrgRecord.purgeDeleted(call.db)
        let org = try OrgRecord.requireForWrite(call.db, name: call.param("org"))
        guard try call.access.orgPermissions(org).contains(.manageOrg) else {
            throw RPCError(.permissionDenied, "not allowed to delete org")
        }
        if org.deleteAfter == nil {
            let after = try OrgRecord.nowSeconds(call.db) + (try EmulatorFlags.orgDeleteDelaySeconds(call.db))
            try call.db.execute(cached: "UPDATE orgs SET delete_after = ? WHERE id = ?", arguments: [after, org.id])
        }
        return .emptyObject
    }
}
