import GRDB

/// `/v1/orgs` and `/v1/orgs/{org}`.
enum OrgRoutes {
    static let routes: [Route] = [
        Route("GET", "/v1/orgs", list),
        Route("POST", "/v1/orgs", create),
        Route("GET", "/v1/orgs/{org}", get),
        Route("PATCH", "/v1/orgs/{org}", update),
        Route("DELETE", "/v1/orgs/{org}", delete),
    ]

    /// The caller's orgs: org memberships (guests included), paginated by name.
    static func list(_ call: Call) throws -> JSON {
        try call.access.require(.listOrganizations)
        let page = try Pagination(call: call)
        let rows = try Row.fetchAll(
            call.db,
            sql: """
                SELECT o.* FROM orgs o JOIN org_members m ON m.org_id = o.id
                WHERE m.user_id = ? AND o.name > ? ORDER BY o.name LIMIT ?
                """, arguments: [call.principal.userID, page.after ?? "", page.pageSize])
        let orgs = rows.map(OrgRecord.init)
        return .object([
            "organizations": .array(orgs.map(\.json)),
            "nextPageToken": .string(page.nextToken(count: orgs.count, lastKey: orgs.last?.name)),
        ])
    }

    static func create(_ call: Call) throws -> JSON {
        try call.access.require(.createOrganization)
        let name = try call.body.string("name") ?? ""
        try NameRules.validate(name, kind: "org")
        if try OrgRecord.find(call.db, name: name) != nil {
            throw RPCError(.invalidArgument, "an org with that name already exists")
        }
        let id = TokenFactory.newID()
        let quotas = call.settings.newOrgQuotas
        try call.db.execute(
            sql: """
                INSERT INTO orgs (id, name, display_name, description, quota_projects, quota_deployments,
                    quota_slots_total, quota_slots_per_deployment, quota_outstanding_invites,
                    quota_storage_limit_bytes_per_deployment, created_on, updated_on)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                id, name, try call.body.string("displayName") ?? "", try call.body.string("description") ?? "",
                quotas.projects, quotas.deployments, quotas.slotsTotal, quotas.slotsPerDeployment,
                quotas.outstandingInvites, quotas.storageLimitBytesPerDeployment, call.now, call.now,
            ])
        try call.db.execute(
            sql: "INSERT INTO org_members (org_id, user_id, role, created_on, updated_on) VALUES (?, ?, 'admin', ?, ?)",
            arguments: [id, call.principal.userID, call.now, call.now])
        guard let org = try OrgRecord.find(call.db, id: id) else { throw RPCError(.internal, "org vanished") }
        return .object(["organization": org.json])
    }

    static func get(_ call: Call) throws -> JSON {
        let org = try OrgRecord.require(call.db, name: call.param("org"))
        try call.access.require(.getOrganization, org: org)
        return .object(["organization": org.json, "permissions": try call.access.orgPermissions(org).json])
    }

    /// PATCH: only the fields present change. Rill reports an unknown org here as 400.
    static func update(_ call: Call) throws -> JSON {
        let org = try OrgRecord.requireForWrite(call.db, name: call.param("org"))
        try call.access.require(.updateOrganization, org: org)
        let body = call.body
        var sets: [String] = []
        var arguments: [any DatabaseValueConvertible] = []
        if let newName = try body.string("newName"), newName != org.name {
            try NameRules.validate(newName, kind: "org")
            if let other = try OrgRecord.find(call.db, name: newName), other.id != org.id {
                throw RPCError(.alreadyExists, "an org with that name already exists")
            }
            sets.append("name = ?"); arguments.append(newName)
        }
        if let value = try body.string("displayName") { sets.append("display_name = ?"); arguments.append(value) }
        if let value = try body.string("description") { sets.append("description = ?"); arguments.append(value) }
        if let value = try body.string("billingEmail") { sets.append("billing_email = ?"); arguments.append(value) }
        if let value = try body.string("defaultProjectRole") {
            let roleID = value.isEmpty ? "" : try ProjectRoleName.parse(value).id
            sets.append("default_project_role_id = ?"); arguments.append(roleID)
        }
        // Asset ids (logo, favicon, …) need uploaded assets, which are not emulated: accepted and ignored.
        sets.append("updated_on = ?"); arguments.append(call.now)
        arguments.append(org.id)
        try call.db.execute(
            sql: "UPDATE orgs SET \(sets.joined(separator: ", ")) WHERE id = ?", arguments: StatementArguments(arguments))
        guard let updated = try OrgRecord.find(call.db, id: org.id) else { throw RPCError(.internal, "org vanished") }
        return .object(["organization": updated.json])
    }

    /// Rill deletes orgs asynchronously (a background job); the emulator deletes at once, so a
    /// client polling GET sees 404 on its first poll.
    static func delete(_ call: Call) throws -> JSON {
        let org = try OrgRecord.require(call.db, name: call.param("org"))
        try call.access.require(.deleteOrganization, org: org)
        try call.db.execute(sql: "DELETE FROM orgs WHERE id = ?", arguments: [org.id])
        return .emptyObject
    }
}
