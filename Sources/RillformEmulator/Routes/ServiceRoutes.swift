import Foundation
import GRDB

/// Service accounts, their roles and tokens: a port of `admin/server/service.go` as of v0.78.1 (the
/// `req.Org` version with GetService and RemoveOrganizationMemberService). Every handler checks the
/// caller's org `manageOrg`, with its own message, and in its own order relative to the lookups.
///
/// Errors follow Rill's interceptor (`mapGRPCError` in admin/server/server.go): a DB error returned
/// as-is becomes NotFound ("<target> not found"), AlreadyExists or, for anything else (notably the
/// struct validator's error), Internal; handlers that wrap with `status.Error(code, err.Error())` keep
/// the DB message under their own code. Older servers (v0.76 and before, `req.OrganizationName`)
/// wrapped every lookup as InvalidArgument (400) and had no GetService/RemoveOrganizationMemberService.
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

    // MARK: Lookups and checks, with the error each handler gives for a miss

    /// `FindOrganizationByName` returned as-is: 404 "org not found".
    private static func org(_ call: Call) throws -> OrgRecord {
        try OrgRecord.require(call.db, name: call.param("org"))
    }

    /// `FindOrganizationByName` wrapped as `status.Error(codes.InvalidArgument, err.Error())`: 400 "org not found".
    private static func orgWrapped(_ call: Call) throws -> OrgRecord {
        try OrgRecord.requireForWrite(call.db, name: call.param("org"))
    }

    /// `claims.OrganizationPermissions(ctx, org.ID).ManageOrg`, else PermissionDenied with the handler's text.
    private static func requireManageOrg(_ call: Call, _ org: OrgRecord, _ message: String) throws {
        guard try call.access.orgPermissions(org).contains(.manageOrg) else {
            throw RPCError(.permissionDenied, message)
        }
    }

    /// `FindServiceByName` (case-sensitive `name=$2`) returned as-is: 404 "service not found".
    private static func service(_ call: Call, _ org: OrgRecord, param: String = "name") throws -> ServiceRecord {
        try ServiceRecord.require(call.db, org: org, name: call.param(param))
    }

    /// `FindProjectByName` returned as-is: 404 "project not found".
    private static func project(_ call: Call, _ org: OrgRecord) throws -> ProjectRecord {
        try ProjectRecord.require(call.db, org: org, name: call.param("project"))
    }

    // MARK: Handlers

    /// Port of ListServices (admin/server/service.go). Rill's query has no ORDER BY; we sort by name.
    static func list(_ call: Call) throws -> JSON {
        let org = try orgWrapped(call)
        try requireManageOrg(call, org, "not allowed to list services")
        let services = try Row.fetchAll(
            call.db, cached: "SELECT * FROM services WHERE org_id = ? ORDER BY name, rowid", arguments: [org.id]
        ).map(ServiceRecord.init)
        return .object(["services": .array(try services.map { try $0.memberJSON(call.db, orgName: org.name) })])
    }

    /// Port of CreateService (admin/server/service.go): one transaction inserting the service, then its org
    /// role, then its project role. The service row goes in first, so a bad name (500) or a duplicate
    /// (409) wins over an unknown role or project (400).
    static func create(_ call: Call) throws -> JSON {
        let org = try orgWrapped(call)
        try requireManageOrg(call, org, "not allowed to create a service")
        let body = call.body
        let name = try body.string("name") ?? ""
        let orgRoleName = try body.string("orgRoleName") ?? ""
        let projectName = try body.string("project") ?? ""
        let projectRoleName = try body.string("projectRoleName") ?? ""
        if orgRoleName.isEmpty && projectRoleName.isEmpty {
            throw RPCError(.invalidArgument, "at least one of org role or project role must be specified")
        }
        if projectName.isEmpty != projectRoleName.isEmpty {
            throw RPCError(.invalidArgument, "both project name and project role must be specified together")
        }
        let id = try ServiceRecord.insert(
            call.db, orgID: org.id, name: name, attributes: try body.object("attributes") ?? [:], now: call.now)
        if !orgRoleName.isEmpty {
            guard let role = OrgRoleName.named(orgRoleName) else {
                throw RPCError(.invalidArgument, "invalid organization role")
            }
            try call.db.execute(
                cached: "INSERT INTO service_org_roles (service_id, org_id, role) VALUES (?, ?, ?)",
                arguments: [id, org.id, role.rawValue])
        }
        if !projectName.isEmpty {
            guard let project = try ProjectRecord.find(call.db, orgID: org.id, name: projectName) else {
                throw RPCError(.invalidArgument, "invalid project")
            }
            guard let role = ProjectRoleName.named(projectRoleName) else {
                throw RPCError(.invalidArgument, "invalid project role")
            }
            try upsertProjectRole(call.db, serviceID: id, projectID: project.id, role: role)
        }
        guard let service = try ServiceRecord.find(call.db, id: id) else { throw RPCError(.internal, "service vanished") }
        return .object(["service": service.json(orgName: org.name)])
    }

    /// Port of GetService (admin/server/service.go).
    static func get(_ call: Call) throws -> JSON {
        let org = try org(call)
        try requireManageOrg(call, org, "not allowed to show service")
        let service = try service(call, org)
        let orgRole = try service.orgRole(call.db) ?? ""
        let memberships = try Row.fetchAll(
            call.db,
            cached: """
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

    /// Port of UpdateService (admin/server/service.go): `newName` (proto3 optional; present means set, even
    /// to "") and `attributes` (present replaces the whole map, `{}` clears). Rill's UPDATE sets only
    /// name and attributes, so `updatedOn` does not move.
    static func update(_ call: Call) throws -> JSON {
        let org = try org(call)
        try requireManageOrg(call, org, "not allowed to update service")
        let service = try service(call, org)
        let name = try call.body.string("newName") ?? service.name
        let attributes = try call.body.object("attributes") ?? service.attributes
        try ServiceNameRule.validate(name, options: "UpdateServiceOptions")
        do {
            try call.db.execute(
                cached: "UPDATE services SET name = ?, attributes = ? WHERE id = ?",
                arguments: [name, ServiceRecord.encodeAttributes(attributes), service.id])
        } catch let error as DatabaseError where error.resultCode == .SQLITE_CONSTRAINT {
            throw ServiceRecord.duplicateName
        }
        guard let updated = try ServiceRecord.find(call.db, id: service.id) else {
            throw RPCError(.internal, "service vanished")
        }
        return .object(["service": updated.json(orgName: org.name)])
    }

    /// Port of DeleteService (admin/server/service.go): the service is looked up before the permission check,
    /// so an unauthorised caller learns 404 for a missing service. Roles and tokens cascade.
    static func delete(_ call: Call) throws -> JSON {
        let org = try org(call)
        let service = try service(call, org)
        try requireManageOrg(call, org, "not allowed to delete service")
        try call.db.execute(cached: "DELETE FROM services WHERE id = ?", arguments: [service.id])
        return .object(["service": .null])
    }

    /// Port of SetOrganizationMemberServiceRole (admin/server/service.go). An unknown role is the DB's
    /// 404 "org role not found"; the role row is an UPDATE (`checkUpdateRow`) wrapped as Internal, so a
    /// service without an org role gets 500 "service org member not found".
    static func setOrgRole(_ call: Call) throws -> JSON {
        let org = try org(call)
        try requireManageOrg(call, org, "not allowed to update org")
        let service = try service(call, org)
        guard let role = OrgRoleName.named(try call.body.string("role") ?? "") else {
            throw RPCError.notFound("org role")
        }
        try call.db.execute(
            cached: "UPDATE service_org_roles SET role = ? WHERE service_id = ? AND org_id = ?",
            arguments: [role.rawValue, service.id, org.id])
        if call.db.changesCount == 0 { throw RPCError(.internal, "service org member not found") }
        return .emptyObject
    }

    /// Port of RemoveOrganizationMemberService (admin/server/service.go): `checkDeleteRow` wrapped as
    /// Internal, so removing a role the service does not have is 500 "service org member not found".
    static func removeOrgRole(_ call: Call) throws -> JSON {
        let org = try org(call)
        try requireManageOrg(call, org, "not allowed to remove service")
        let service = try service(call, org)
        try call.db.execute(
            cached: "DELETE FROM service_org_roles WHERE service_id = ? AND org_id = ?", arguments: [service.id, org.id])
        if call.db.changesCount == 0 { throw RPCError(.internal, "service org member not found") }
        return .emptyObject
    }

    /// Port of ListProjectMemberServices (admin/server/service.go): org and project are looked up before the
    /// permission check.
    static func listForProject(_ call: Call) throws -> JSON {
        let org = try org(call)
        let project = try project(call, org)
        try requireManageOrg(call, org, "not allowed to list project services")
        let rows = try Row.fetchAll(
            call.db,
            cached: """
                SELECT s.*, r.role AS project_role, COALESCE(o.role, '') AS org_role FROM service_project_roles r
                JOIN services s ON s.id = r.service_id
                LEFT JOIN service_org_roles o ON o.service_id = s.id
                WHERE r.project_id = ? ORDER BY s.name, s.rowid
                """, arguments: [project.id])
        return .object([
            "services": .array(rows.map { row in
                ServiceRecord(row: row).projectMemberJSON(
                    orgName: org.name, orgRoleName: row["org_role"], projectID: project.id, projectName: project.name,
                    projectRoleName: row["project_role"])
            })
        ])
    }

    /// Port of SetProjectMemberServiceRole (admin/server/service.go): an upsert; unknown role → 404
    /// "project role not found".
    static func setProjectRole(_ call: Call) throws -> JSON {
        let org = try org(call)
        try requireManageOrg(call, org, "not allowed to update org")
        let project = try project(call, org)
        let service = try service(call, org)
        guard let role = ProjectRoleName.named(try call.body.string("role") ?? "") else {
            throw RPCError.notFound("project role")
        }
        try upsertProjectRole(call.db, serviceID: service.id, projectID: project.id, role: role)
        return .emptyObject
    }

    /// Port of RemoveProjectMemberService (admin/server/service.go): the DB's `checkDeleteRow` error is
    /// returned as-is → 404 "service project member not found".
    static func removeProjectRole(_ call: Call) throws -> JSON {
        let org = try org(call)
        try requireManageOrg(call, org, "not allowed to remove service from project")
        let project = try project(call, org)
        let service = try service(call, org)
        try call.db.execute(
            cached: "DELETE FROM service_project_roles WHERE service_id = ? AND project_id = ?",
            arguments: [service.id, project.id])
        if call.db.changesCount == 0 { throw RPCError.notFound("service project member") }
        return .emptyObject
    }

    /// Port of IssueServiceAuthToken (admin/server/service.go): service lookup before the permission check.
    /// The token is Rill-shaped (`rill_svc_` + base62 of id and secret); only its SHA-256 is stored.
    static func issueToken(_ call: Call) throws -> JSON {
        let org = try org(call)
        let service = try service(call, org, param: "serviceName")
        try requireManageOrg(call, org, "not allowed to update org")
        let token = TokenFactory.serviceToken()
        try call.db.execute(
            cached: "INSERT INTO service_tokens (id, service_id, secret_hash, prefix, created_on) VALUES (?, ?, ?, ?, ?)",
            arguments: [token.id, service.id, TokenDigest.hex(token.token), token.prefix, call.now])
        return .object(["token": .string(token.token)])
    }

    /// Port of ListServiceAuthTokens (admin/server/service.go): `{id, prefix, createdOn, expiresOn}`, where
    /// `expiresOn` is `timestamppb.New(time.Time{})` for tokens without expiry. Not paginated.
    static func listTokens(_ call: Call) throws -> JSON {
        let org = try org(call)
        try requireManageOrg(call, org, "not allowed to update org")
        let service = try service(call, org, param: "serviceName")
        let rows = try Row.fetchAll(
            call.db, cached: "SELECT id, prefix, created_on FROM service_tokens WHERE service_id = ? ORDER BY created_on, rowid",
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

    /// Port of RevokeServiceAuthToken (admin/server/service.go): token → service → org, then the permission.
    /// Token ids are Postgres UUIDs: a malformed id fails inside the query, which the interceptor maps to 500.
    static func revokeToken(_ call: Call) throws -> JSON {
        let tokenID = call.param("tokenId")
        guard UUID(uuidString: tokenID) != nil else {
            throw RPCError(.internal, "ERROR: invalid input syntax for type uuid: \"\(tokenID)\" (SQLSTATE 22P02)")
        }
        guard let serviceID = try String.fetchOne(
            call.db, cached: "SELECT service_id FROM service_tokens WHERE id = ?", arguments: [tokenID.lowercased()])
        else { throw RPCError.notFound("service auth token") }
        guard let service = try ServiceRecord.find(call.db, id: serviceID) else { throw RPCError.notFound("service") }
        guard let org = try OrgRecord.find(call.db, id: service.orgID) else {
            throw RPCError(.invalidArgument, "org not found")
        }
        try requireManageOrg(call, org, "not allowed to revoke auth token")
        try call.db.execute(cached: "DELETE FROM service_tokens WHERE id = ?", arguments: [tokenID.lowercased()])
        return .emptyObject
    }

    /// `UpsertProjectMemberServiceRole` (admin/database/postgres/postgres.go).
    private static func upsertProjectRole(_ db: Database, serviceID: String, projectID: String, role: ProjectRoleName)
        throws
    {
        try db.execute(
            cached: """
                INSERT INTO service_project_roles (service_id, project_id, role) VALUES (?, ?, ?)
                ON CONFLICT (service_id, project_id) DO UPDATE SET role = excluded.role
                """, arguments: [serviceID, projectID, role.rawValue])
    }
}

/// The `validate:"min=1,max=40,slug"` tag on `InsertServiceOptions.Name`/`UpdateServiceOptions.Name`
/// (admin/database/database.go, slug from admin/database/validate.go). `database.Validate` returns the
/// go-playground error unwrapped, so Rill's interceptor turns it into 500 with the validator's text.
enum ServiceNameRule {
    private static let slugFirst = Set("_abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
    private static let slugRest = slugFirst.union("-")

    /// The first failing tag, in tag order, as go-playground reports it.
    static func failingTag(_ name: String) -> String? {
        let length = name.count  // go-playground counts runes for strings
        if length < 1 { return "min" }
        if length > 40 { return "max" }
        guard let first = name.first, slugFirst.contains(first), name.dropFirst().allSatisfy(slugRest.contains),
            (3...40).contains(length), name.unicodeScalars.allSatisfy(\.isASCII)
        else { return "slug" }
        return nil
    }

    static func validate(_ name: String, options: String) throws {
        if let tag = failingTag(name) {
            throw RPCError(.internal, "Key: '\(options).Name' Error:Field validation for 'Name' failed on the '\(tag)' tag")
        }
    }
}
