import GRDB

/// Service accounts, their roles and tokens. Every call needs org `manageOrg`.
enum ServiceRoutes {
    static let routes: [Route] = [
        Route("GET", "/v1/orgs/{org}/services", list),
        Route("POST", "/v1/orgs/{org}/services", create),
        Route("GET", "/v1/orgs/{org}/services/{name}", get),
        Route("PATCH", "/v1/orgs/{org}/services/{name}", update),
        Route("DELETE", "/v1/orgs/{org}/services/{name}", delete),
        Route("PUT", "/v1/orgs/{org}/services/{name}/role", setOrgRole),
        Route("DELETE", "/v1/orgs/{org}/services/{name}/role", removeOrgRole),
        Route("GET", "/v1/orgs/{org}/projects/{project}/services", listForProject),
        Route("PUT", "/v1/orgs/{org}/projects/{project}/services/{name}/role", setProjectRole),
        Route("DELETE", "/v1/orgs/{org}/projects/{project}/services/{name}", removeProjectRole),
        Route("POST", "/v1/orgs/{org}/services/{serviceName}/tokens", issueToken),
        Route("GET", "/v1/orgs/{org}/services/{serviceName}/tokens", listTokens),
        Route("DELETE", "/v1/services/tokens/{tokenId}", revokeToken),
    ]

    /// The org, after checking the caller may manage services in it.
    private static func managedOrg(_ call: Call, forWrite: Bool = false) throws -> OrgRecord {
        let name = call.param("org")
        let org = forWrite ? try OrgRecord.requireForWrite(call.db, name: name) : try OrgRecord.require(call.db, name: name)
        try call.access.require(.manageServices, org: org)
        return org
    }

    /// All services of the org, not paginated, sorted by name.
    static func list(_ call: Call) throws -> JSON {
        let org = try managedOrg(call)
        let services = try Row.fetchAll(
            call.db, sql: "SELECT * FROM services WHERE org_id = ? ORDER BY name", arguments: [org.id]
        ).map(ServiceRecord.init)
        return .object(["services": .array(try services.map { try $0.memberJSON(call.db, orgName: org.name) })])
    }

    /// Transactional like Rill's: the service, then its org role, then its project role.
    static func create(_ call: Call) throws -> JSON {
        let org = try managedOrg(call, forWrite: true)
        let body = call.body
        let name = try body.string("name") ?? ""
        let orgRoleName = try body.string("orgRoleName") ?? ""
        let projectName = try body.string("project") ?? ""
        let projectRoleName = try body.string("projectRoleName") ?? ""
        if orgRoleName.isEmpty && projectRoleName.isEmpty {
            throw RPCError(.invalidArgument, "either org role or project role must be specified")
        }
        if projectName.isEmpty != projectRoleName.isEmpty {
            throw RPCError(.invalidArgument, "project and project role must be specified together")
        }
        try NameRules.validate(name, kind: "service")
        let orgRole = orgRoleName.isEmpty ? nil : try OrgRoleName.parse(orgRoleName)
        var project: ProjectRecord?
        var projectRole: ProjectRoleName?
        if !projectName.isEmpty {
            guard let found = try ProjectRecord.find(call.db, orgID: org.id, name: projectName) else {
                throw RPCError(.invalidArgument, "invalid project \"\(projectName)\"")
            }
            project = found
            projectRole = try ProjectRoleName.parse(projectRoleName)
        }
        if try ServiceRecord.find(call.db, orgID: org.id, name: name) != nil {
            throw RPCError(.alreadyExists, "a service with that name already exists in the org")
        }
        let id = TokenFactory.newID()
        let attributes = try body.object("attributes") ?? [:]
        try call.db.execute(
            sql: "INSERT INTO services (id, org_id, name, attributes, created_on, updated_on) VALUES (?, ?, ?, ?, ?, ?)",
            arguments: [id, org.id, name, ServiceRecord.encodeAttributes(attributes), call.now, call.now])
        if let orgRole {
            try call.db.execute(
                sql: "INSERT INTO service_org_roles (service_id, org_id, role) VALUES (?, ?, ?)",
                arguments: [id, org.id, orgRole.rawValue])
        }
        if let project, let projectRole {
            try call.db.execute(
                sql: "INSERT INTO service_project_roles (service_id, project_id, role) VALUES (?, ?, ?)",
                arguments: [id, project.id, projectRole.rawValue])
        }
        guard let service = try ServiceRecord.find(call.db, id: id) else { throw RPCError(.internal, "service vanished") }
        return .object(["service": service.json(orgName: org.name)])
    }

    static func get(_ call: Call) throws -> JSON {
        let org = try managedOrg(call)
        let service = try ServiceRecord.require(call.db, org: org, name: call.param("name"))
        let orgRole = try service.orgRole(call.db) ?? ""
        let memberships = try Row.fetchAll(
            call.db,
            sql: """
                SELECT p.id AS project_id, p.name AS project_name, r.role FROM service_project_roles r
                JOIN projects p ON p.id = r.project_id WHERE r.service_id = ? ORDER BY p.name
                """, arguments: [service.id]
        ).map { row in
            service.projectMemberJSON(
                orgName: org.name, orgRoleName: orgRole, projectID: row["project_id"], projectName: row["project_name"],
                projectRoleName: row["role"])
        }
        return .object([
            "service": try service.memberJSON(call.db, orgName: org.name), "projectMemberships": .array(memberships),
        ])
    }

    /// `newName` renames; `attributes` replaces the whole map (`{}` clears); absent keys keep values.
    static func update(_ call: Call) throws -> JSON {
        let org = try managedOrg(call)
        let service = try ServiceRecord.require(call.db, org: org, name: call.param("name"))
        if let newName = try call.body.string("newName"), !newName.isEmpty, newName != service.name {
            try NameRules.validate(newName, kind: "service")
            if let other = try ServiceRecord.find(call.db, orgID: org.id, name: newName), other.id != service.id {
                throw RPCError(.alreadyExists, "a service with that name already exists in the org")
            }
            try call.db.execute(sql: "UPDATE services SET name = ? WHERE id = ?", arguments: [newName, service.id])
        }
        if let attributes = try call.body.object("attributes") {
            try call.db.execute(
                sql: "UPDATE services SET attributes = ? WHERE id = ?",
                arguments: [ServiceRecord.encodeAttributes(attributes), service.id])
        }
        try call.db.execute(sql: "UPDATE services SET updated_on = ? WHERE id = ?", arguments: [call.now, service.id])
        guard let updated = try ServiceRecord.find(call.db, id: service.id) else {
            throw RPCError(.internal, "service vanished")
        }
        return .object(["service": updated.json(orgName: org.name)])
    }

    /// Removes the service with its roles and tokens.
    static func delete(_ call: Call) throws -> JSON {
        let org = try managedOrg(call)
        let service = try ServiceRecord.require(call.db, org: org, name: call.param("name"))
        try call.db.execute(sql: "DELETE FROM services WHERE id = ?", arguments: [service.id])
        return .object(["service": .null])
    }

    /// An UPDATE in Rill: 404 when the service has no org role yet.
    static func setOrgRole(_ call: Call) throws -> JSON {
        let org = try managedOrg(call)
        let service = try ServiceRecord.require(call.db, org: org, name: call.param("name"))
        let role = try OrgRoleName.parse(try call.body.string("role") ?? "")
        try call.db.execute(
            sql: "UPDATE service_org_roles SET role = ? WHERE service_id = ? AND org_id = ?",
            arguments: [role.rawValue, service.id, org.id])
        if call.db.changesCount == 0 { throw RPCError.notFound("service org role") }
        return .emptyObject
    }

    static func removeOrgRole(_ call: Call) throws -> JSON {
        let org = try managedOrg(call)
        let service = try ServiceRecord.require(call.db, org: org, name: call.param("name"))
        try call.db.execute(
            sql: "DELETE FROM service_org_roles WHERE service_id = ? AND org_id = ?", arguments: [service.id, org.id])
        if call.db.changesCount == 0 { throw RPCError.notFound("service org role") }
        return .emptyObject
    }

    static func listForProject(_ call: Call) throws -> JSON {
        let org = try managedOrg(call)
        let project = try ProjectRecord.require(call.db, org: org, name: call.param("project"))
        let rows = try Row.fetchAll(
            call.db,
            sql: """
                SELECT s.*, r.role AS project_role, COALESCE(o.role, '') AS org_role FROM service_project_roles r
                JOIN services s ON s.id = r.service_id
                LEFT JOIN service_org_roles o ON o.service_id = s.id
                WHERE r.project_id = ? ORDER BY s.name
                """, arguments: [project.id])
        return .object([
            "services": .array(rows.map { row in
                ServiceRecord(row: row).projectMemberJSON(
                    orgName: org.name, orgRoleName: row["org_role"], projectID: project.id, projectName: project.name,
                    projectRoleName: row["project_role"])
            })
        ])
    }

    /// Upsert.
    static func setProjectRole(_ call: Call) throws -> JSON {
        let org = try managedOrg(call)
        let project = try ProjectRecord.require(call.db, org: org, name: call.param("project"))
        let service = try ServiceRecord.require(call.db, org: org, name: call.param("name"))
        let role = try ProjectRoleName.parse(try call.body.string("role") ?? "")
        try call.db.execute(
            sql: """
                INSERT INTO service_project_roles (service_id, project_id, role) VALUES (?, ?, ?)
                ON CONFLICT (service_id, project_id) DO UPDATE SET role = excluded.role
                """, arguments: [service.id, project.id, role.rawValue])
        return .emptyObject
    }

    static func removeProjectRole(_ call: Call) throws -> JSON {
        let org = try managedOrg(call)
        let project = try ProjectRecord.require(call.db, org: org, name: call.param("project"))
        let service = try ServiceRecord.require(call.db, org: org, name: call.param("name"))
        try call.db.execute(
            sql: "DELETE FROM service_project_roles WHERE service_id = ? AND project_id = ?",
            arguments: [service.id, project.id])
        if call.db.changesCount == 0 { throw RPCError.notFound("service project role") }
        return .emptyObject
    }

    /// The plaintext token is returned once; only its SHA-256 is stored.
    static func issueToken(_ call: Call) throws -> JSON {
        let org = try managedOrg(call)
        let service = try ServiceRecord.require(call.db, org: org, name: call.param("serviceName"))
        let token = TokenFactory.serviceToken()
        try call.db.execute(
            sql: "INSERT INTO service_tokens (id, service_id, secret_hash, prefix, created_on) VALUES (?, ?, ?, ?, ?)",
            arguments: [TokenFactory.newID(), service.id, TokenDigest.hex(token), TokenFactory.prefix(of: token), call.now])
        return .object(["token": .string(token)])
    }

    static func listTokens(_ call: Call) throws -> JSON {
        let org = try managedOrg(call)
        let service = try ServiceRecord.require(call.db, org: org, name: call.param("serviceName"))
        let rows = try Row.fetchAll(
            call.db, sql: "SELECT id, prefix, created_on FROM service_tokens WHERE service_id = ? ORDER BY created_on, id",
            arguments: [service.id])
        return .object([
            "tokens": .array(rows.map { row in
                .object([
                    "id": .string(row["id"]), "prefix": .string(row["prefix"]), "createdOn": .string(row["created_on"]),
                    "expiresOn": .string(Timestamp.zero),
                ])
            })
        ])
    }

    static func revokeToken(_ call: Call) throws -> JSON {
        guard let serviceID = try String.fetchOne(
                call.db, sql: "SELECT service_id FROM service_tokens WHERE id = ?", arguments: [call.param("tokenId")]),
            let service = try ServiceRecord.find(call.db, id: serviceID),
            let org = try OrgRecord.find(call.db, id: service.orgID)
        else { throw RPCError.notFound("token") }
        try call.access.require(.manageServices, org: org)
        try call.db.execute(sql: "DELETE FROM service_tokens WHERE id = ?", arguments: [call.param("tokenId")])
        return .emptyObject
    }
}
