import GRDB

/// Org and project user memberships (a minimal slice: enough to give users roles through the real API).
/// Unknown emails become invites (`pendingSignup: true`); signup itself is not emulated.
enum MemberRoutes {
    static let routes: [Route] = [
        Route("GET", "/v1/orgs/{org}/members", listOrgMembers),
        Route("POST", "/v1/orgs/{org}/members", addOrgMember),
        Route("PUT", "/v1/orgs/{org}/members/{email}", setOrgMemberRole),
        Route("DELETE", "/v1/orgs/{org}/members/{email}", removeOrgMember),
        Route("POST", "/v1/orgs/{org}/projects/{project}/members", addProjectMember),
        Route("PUT", "/v1/orgs/{org}/projects/{project}/members/{email}", setProjectMemberRole),
        Route("DELETE", "/v1/orgs/{org}/projects/{project}/members/{email}", removeProjectMember),
    ]

    /// Paginated by email.
    static func listOrgMembers(_ call: Call) throws -> JSON {
        let org = try OrgRecord.require(call.db, name: call.param("org"))
        try call.access.require(.listOrgMembers, org: org)
        let page = try Pagination(call: call)
        let role = call.queryValue("role") ?? ""
        let rows = try Row.fetchAll(
            call.db,
            sql: """
                SELECT u.id, u.email, u.display_name, m.role, m.created_on, m.updated_on,
                    (SELECT COUNT(*) FROM project_members pm JOIN projects p ON p.id = pm.project_id
                     WHERE p.org_id = m.org_id AND pm.user_id = u.id) AS projects_count
                FROM org_members m JOIN users u ON u.id = m.user_id
                WHERE m.org_id = ? AND u.email > ? AND (? = '' OR m.role = ?)
                ORDER BY u.email LIMIT ?
                """, arguments: [org.id, page.after ?? "", role, role, page.pageSize])
        let total = try Int.fetchOne(
            call.db, sql: "SELECT COUNT(*) FROM org_members WHERE org_id = ? AND (? = '' OR role = ?)",
            arguments: [org.id, role, role]) ?? 0
        let members: [JSON] = rows.map { row in
            .object([
                "userId": .string(row["id"]), "userEmail": .string(row["email"]), "userName": .string(row["display_name"]),
                "userPhotoUrl": .string(""), "roleName": .string(row["role"]), "projectsCount": .int(row["projects_count"]),
                "usergroupsCount": .int(0), "attributes": .object([:]),
                "createdOn": .string(row["created_on"]), "updatedOn": .string(row["updated_on"]),
            ])
        }
        let lastEmail: String? = rows.last.map { $0["email"] }
        return .object([
            "members": .array(members), "totalCount": .int(total),
            "nextPageToken": .string(page.nextToken(count: rows.count, lastKey: lastEmail)),
        ])
    }

    private static func requireRoleChange(_ call: Call, org: OrgRecord, involvesAdmin: Bool) throws {
        try call.access.require(.manageOrgMembers, org: org)
        if involvesAdmin { try call.access.require(.manageOrgAdmins, org: org) }
    }

    static func addOrgMember(_ call: Call) throws -> JSON {
        let org = try OrgRecord.require(call.db, name: call.param("org"))
        let email = try call.body.string("email") ?? ""
        let role = try OrgRoleName.parse(try call.body.string("role") ?? "")
        try requireRoleChange(call, org: org, involvesAdmin: role == .admin)
        guard let user = try UserRecord.find(call.db, email: email) else {
            guard email.contains("@") else { throw RPCError(.invalidArgument, "invalid email") }
            try call.db.execute(
                sql: """
                    INSERT INTO org_invites (org_id, email, role, invited_by_user_id, created_on) VALUES (?, ?, ?, ?, ?)
                    ON CONFLICT (org_id, email) DO UPDATE SET role = excluded.role
                    """, arguments: [org.id, email, role.rawValue, call.principal.userID, call.now])
            return .object(["pendingSignup": .bool(true)])
        }
        if try orgMemberRole(call.db, orgID: org.id, userID: user.id) != nil {
            throw RPCError(.alreadyExists, "user is already a member of the org")
        }
        try call.db.execute(
            sql: "INSERT INTO org_members (org_id, user_id, role, created_on, updated_on) VALUES (?, ?, ?, ?, ?)",
            arguments: [org.id, user.id, role.rawValue, call.now, call.now])
        return .object(["pendingSignup": .bool(false)])
    }

    static func setOrgMemberRole(_ call: Call) throws -> JSON {
        let org = try OrgRecord.require(call.db, name: call.param("org"))
        let role = try OrgRoleName.parse(try call.body.string("role") ?? "")
        guard let user = try UserRecord.find(call.db, email: call.param("email")),
            let current = try orgMemberRole(call.db, orgID: org.id, userID: user.id)
        else { throw RPCError.notFound("member") }
        try requireRoleChange(call, org: org, involvesAdmin: role == .admin || current == OrgRoleName.admin.rawValue)
        if current == OrgRoleName.admin.rawValue && role != .admin { try requireAnotherAdmin(call.db, orgID: org.id) }
        try call.db.execute(
            sql: "UPDATE org_members SET role = ?, updated_on = ? WHERE org_id = ? AND user_id = ?",
            arguments: [role.rawValue, call.now, org.id, user.id])
        return .emptyObject
    }

    /// Also removes the user from all of the org's projects.
    static func removeOrgMember(_ call: Call) throws -> JSON {
        let org = try OrgRecord.require(call.db, name: call.param("org"))
        let email = call.param("email")
        guard let user = try UserRecord.find(call.db, email: email),
            let current = try orgMemberRole(call.db, orgID: org.id, userID: user.id)
        else {
            try call.access.require(.manageOrgMembers, org: org)
            try call.db.execute(sql: "DELETE FROM org_invites WHERE org_id = ? AND email = ?", arguments: [org.id, email])
            if call.db.changesCount == 0 { throw RPCError.notFound("member") }
            return .emptyObject
        }
        try requireRoleChange(call, org: org, involvesAdmin: current == OrgRoleName.admin.rawValue)
        if current == OrgRoleName.admin.rawValue { try requireAnotherAdmin(call.db, orgID: org.id) }
        try call.db.execute(sql: "DELETE FROM org_members WHERE org_id = ? AND user_id = ?", arguments: [org.id, user.id])
        try call.db.execute(
            sql: "DELETE FROM project_members WHERE user_id = ? AND project_id IN (SELECT id FROM projects WHERE org_id = ?)",
            arguments: [user.id, org.id])
        return .emptyObject
    }

    /// Adding a project role to a non-member makes them an org guest, as in Rill.
    static func addProjectMember(_ call: Call) throws -> JSON {
        let org = try OrgRecord.require(call.db, name: call.param("org"))
        let project = try ProjectRecord.require(call.db, org: org, name: call.param("project"))
        let email = try call.body.string("email") ?? ""
        let role = try ProjectRoleName.parse(try call.body.string("role") ?? "")
        try requireProjectRoleChange(call, project: project, involvesAdmin: role == .admin)
        guard let user = try UserRecord.find(call.db, email: email) else {
            guard email.contains("@") else { throw RPCError(.invalidArgument, "invalid email") }
            try call.db.execute(
                sql: """
                    INSERT INTO project_invites (project_id, email, role, invited_by_user_id, created_on)
                    VALUES (?, ?, ?, ?, ?) ON CONFLICT (project_id, email) DO UPDATE SET role = excluded.role
                    """, arguments: [project.id, email, role.rawValue, call.principal.userID, call.now])
            return .object(["pendingSignup": .bool(true)])
        }
        if try projectMemberRole(call.db, projectID: project.id, userID: user.id) != nil {
            throw RPCError(.alreadyExists, "user is already a member of the project")
        }
        try call.db.execute(
            sql: "INSERT OR IGNORE INTO org_members (org_id, user_id, role, created_on, updated_on) VALUES (?, ?, 'guest', ?, ?)",
            arguments: [org.id, user.id, call.now, call.now])
        try call.db.execute(
            sql: "INSERT INTO project_members (project_id, user_id, role, created_on, updated_on) VALUES (?, ?, ?, ?, ?)",
            arguments: [project.id, user.id, role.rawValue, call.now, call.now])
        return .object(["pendingSignup": .bool(false)])
    }

    static func setProjectMemberRole(_ call: Call) throws -> JSON {
        let org = try OrgRecord.require(call.db, name: call.param("org"))
        let project = try ProjectRecord.require(call.db, org: org, name: call.param("project"))
        let role = try ProjectRoleName.parse(try call.body.string("role") ?? "")
        guard let user = try UserRecord.find(call.db, email: call.param("email")),
            let current = try projectMemberRole(call.db, projectID: project.id, userID: user.id)
        else { throw RPCError.notFound("member") }
        try requireProjectRoleChange(call, project: project, involvesAdmin: role == .admin || current == "admin")
        try call.db.execute(
            sql: "UPDATE project_members SET role = ?, updated_on = ? WHERE project_id = ? AND user_id = ?",
            arguments: [role.rawValue, call.now, project.id, user.id])
        return .emptyObject
    }

    static func removeProjectMember(_ call: Call) throws -> JSON {
        let org = try OrgRecord.require(call.db, name: call.param("org"))
        let project = try ProjectRecord.require(call.db, org: org, name: call.param("project"))
        guard let user = try UserRecord.find(call.db, email: call.param("email")),
            let current = try projectMemberRole(call.db, projectID: project.id, userID: user.id)
        else { throw RPCError.notFound("member") }
        try requireProjectRoleChange(call, project: project, involvesAdmin: current == "admin")
        try call.db.execute(
            sql: "DELETE FROM project_members WHERE project_id = ? AND user_id = ?", arguments: [project.id, user.id])
        return .emptyObject
    }

    private static func requireProjectRoleChange(_ call: Call, project: ProjectRecord, involvesAdmin: Bool) throws {
        try call.access.require(.manageProjectMembers, project: project)
        if involvesAdmin { try call.access.require(.manageProjectAdmins, project: project) }
    }

    private static func orgMemberRole(_ db: Database, orgID: String, userID: String) throws -> String? {
        try String.fetchOne(
            db, sql: "SELECT role FROM org_members WHERE org_id = ? AND user_id = ?", arguments: [orgID, userID])
    }

    private static func projectMemberRole(_ db: Database, projectID: String, userID: String) throws -> String? {
        try String.fetchOne(
            db, sql: "SELECT role FROM project_members WHERE project_id = ? AND user_id = ?", arguments: [projectID, userID])
    }

    /// Rill refuses to remove or demote the last admin of an org.
    private static func requireAnotherAdmin(_ db: Database, orgID: String) throws {
        let admins = try Int.fetchOne(
            db, sql: "SELECT COUNT(*) FROM org_members WHERE org_id = ? AND role = 'admin'", arguments: [orgID]) ?? 0
        if admins <= 1 { throw RPCError(.failedPrecondition, "cannot remove the last admin of the org") }
    }
}
