import GRDB

/// Org and project user memberships: ports of the member handlers in admin/server/organizations.go and
/// admin/server/projects.go (v0.78.1: `req.Org`, invites with `totalCount`). Unknown emails become invites
/// (`pendingSignup: true`); signup itself is not emulated, nor are emails or managed usergroups.
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

    // MARK: Org members

    /// Port of ListOrganizationMemberUsers (admin/server/organizations.go). Paginated by email.
    static func listOrgMembers(_ call: Call) throws -> JSON {
        let org = try OrgRecord.require(call.db, name: call.param("org"))
        try requireOrg(call, org, .readOrgMembers, "not authorized to read org members")
        let page = try Pagination(call: call)
        var role = ""
        if let filter = call.queryValue("role"), !filter.isEmpty {
            guard let found = OrgRoleName.named(filter) else { throw RPCError.notFound("org role") }
            role = found.rawValue
        }
        let rows = try Row.fetchAll(
            call.db,
            sql: """
                SELECT u.id, u.email, u.display_name, m.role, m.created_on, m.updated_on,
                    (SELECT COUNT(*) FROM project_members pm JOIN projects p ON p.id = pm.project_id
                     WHERE p.org_id = m.org_id AND pm.user_id = u.id) AS projects_count
                FROM org_members m JOIN users u ON u.id = m.user_id
                WHERE m.org_id = ? AND lower(u.email) > lower(?) AND (? = '' OR m.role = ?)
                ORDER BY lower(u.email) LIMIT ?
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

    /// Port of AddOrganizationMemberUser (admin/server/organizations.go).
    static func addOrgMember(_ call: Call) throws -> JSON {
        let org = try OrgRecord.requireForWrite(call.db, name: call.param("org"))
        try requireOrg(call, org, .manageOrgMembers, "not allowed to add org members")
        try requireInviteQuota(call.db, org: org, message: "quota exceeded: org can at most have %d outstanding invitations")
        guard let role = OrgRoleName.named(try call.body.string("role") ?? "") else {
            throw RPCError(.invalidArgument, "org role not found")
        }
        if role == .admin { try requireOrg(call, org, .manageOrgAdmins, assignAdmin) }
        let email = try call.body.string("email") ?? ""
        guard let user = try UserRecord.find(call.db, email: email) else {
            // Emulator-only guard (Rill validates the email in the request); an existing invite gets the new role.
            guard email.contains("@") else { throw RPCError(.invalidArgument, "invalid email") }
            try call.db.execute(
                sql: """
                    INSERT INTO org_invites (org_id, email, role, invited_by_user_id, created_on) VALUES (?, ?, ?, ?, ?)
                    ON CONFLICT (org_id, email) DO UPDATE SET role = excluded.role
                    """, arguments: [org.id, email, role.rawValue, call.principal.userID, call.now])
            return .object(["pendingSignup": .bool(true)])
        }
        if try orgMemberRole(call.db, orgID: org.id, userID: user.id) != nil {
            throw RPCError(.alreadyExists, "user is already a member of the organization")
        }
        try call.db.execute(
            sql: "INSERT INTO org_members (org_id, user_id, role, created_on, updated_on) VALUES (?, ?, ?, ?, ?)",
            arguments: [org.id, user.id, role.rawValue, call.now, call.now])
        return .object(["pendingSignup": .bool(false)])
    }

    /// Port of SetOrganizationMemberUserRole (admin/server/organizations.go): permission and role before the
    /// user; an unknown email updates a pending invite.
    static func setOrgMemberRole(_ call: Call) throws -> JSON {
        let org = try OrgRecord.requireForWrite(call.db, name: call.param("org"))
        try requireOrg(call, org, .manageOrgMembers, "not allowed to set org members role")
        guard let role = OrgRoleName.named(try call.body.string("role") ?? "") else {
            throw RPCError(.invalidArgument, "org role not found")
        }
        if role == .admin { try requireOrg(call, org, .manageOrgAdmins, assignAdmin) }
        let email = call.param("email")
        guard let user = try UserRecord.find(call.db, email: email) else {
            try call.db.execute(
                sql: "UPDATE org_invites SET role = ? WHERE org_id = ? AND email = ?",
                arguments: [role.rawValue, org.id, email])
            if call.db.changesCount == 0 { throw RPCError.notFound("org invite") }
            return .emptyObject
        }
        let (isAdmin, isLastAdmin) = try adminStatus(call.db, orgID: org.id, userID: user.id)
        if isAdmin { try requireOrg(call, org, .manageOrgAdmins, removeAdmin) }
        if isLastAdmin { throw RPCError(.invalidArgument, "cannot remove the last admin member") }
        try call.db.execute(
            sql: "UPDATE org_members SET role = ?, updated_on = ? WHERE org_id = ? AND user_id = ?",
            arguments: [role.rawValue, call.now, org.id, user.id])
        return .emptyObject
    }

    /// Port of RemoveOrganizationMemberUser (admin/server/organizations.go): a member may remove themself;
    /// removal also drops the user's project roles in the org.
    static func removeOrgMember(_ call: Call) throws -> JSON {
        let org = try OrgRecord.requireForWrite(call.db, name: call.param("org"))
        let email = call.param("email")
        guard let user = try UserRecord.find(call.db, email: email) else {
            try requireOrg(call, org, .manageOrgMembers, "not allowed to remove org members")
            try call.db.execute(sql: "DELETE FROM org_invites WHERE org_id = ? AND email = ?", arguments: [org.id, email])
            if call.db.changesCount == 0 { throw RPCError.notFound("org invite") }
            return .emptyObject
        }
        let isManager = try call.access.orgPermissions(org).contains(.manageOrgMembers)
        guard isManager || call.principal.userID == user.id else {
            throw RPCError(.permissionDenied, "not allowed to remove org members")
        }
        if !org.billingEmail.isEmpty && org.billingEmail == user.email {
            throw RPCError(
                .invalidArgument,
                "this user is the billing email for the organization, please update the billing email before removing")
        }
        let (isAdmin, isLastAdmin) = try adminStatus(call.db, orgID: org.id, userID: user.id)
        if isAdmin { try requireOrg(call, org, .manageOrgAdmins, "as a non-admin you are not allowed to remove an admin member") }
        if isLastAdmin { throw RPCError(.invalidArgument, "cannot remove the last admin member") }
        try call.db.execute(sql: "DELETE FROM org_members WHERE org_id = ? AND user_id = ?", arguments: [org.id, user.id])
        try call.db.execute(
            sql: "DELETE FROM project_members WHERE user_id = ? AND project_id IN (SELECT id FROM projects WHERE org_id = ?)",
            arguments: [user.id, org.id])
        return .emptyObject
    }

    // MARK: Project members

    /// Port of AddProjectMemberUser (admin/server/projects.go). A known user who is not in the org becomes an
    /// org guest; adding an existing member is not an error (Rill only re-sends the email). An unknown email
    /// gets an org guest invite and a project invite, each kept as is if it already exists.
    static func addProjectMember(_ call: Call) throws -> JSON {
        let (org, project) = try projectForMembers(call)
        try requireProject(call, project, .manageProjectMembers, "not allowed to add project members")
        try requireInviteQuota(
            call.db, org: org, message: "quota exceeded: org \"\(org.name)\" can at most have %d outstanding invitations")
        guard let role = ProjectRoleName.named(try call.body.string("role") ?? "") else {
            throw RPCError(.invalidArgument, "project role not found")
        }
        if role == .admin { try requireProject(call, project, .manageProjectAdmins, assignAdmin) }
        let email = try call.body.string("email") ?? ""
        guard let user = try UserRecord.find(call.db, email: email) else {
            guard email.contains("@") else { throw RPCError(.invalidArgument, "invalid email") }
            try call.db.execute(
                sql: """
                    INSERT OR IGNORE INTO org_invites (org_id, email, role, invited_by_user_id, created_on)
                    VALUES (?, ?, 'guest', ?, ?)
                    """, arguments: [org.id, email, call.principal.userID, call.now])
            try call.db.execute(
                sql: """
                    INSERT OR IGNORE INTO project_invites (project_id, email, role, invited_by_user_id, created_on)
                    VALUES (?, ?, ?, ?, ?)
                    """, arguments: [project.id, email, role.rawValue, call.principal.userID, call.now])
            return .object(["pendingSignup": .bool(true)])
        }
        try call.db.execute(
            sql: "INSERT OR IGNORE INTO org_members (org_id, user_id, role, created_on, updated_on) VALUES (?, ?, 'guest', ?, ?)",
            arguments: [org.id, user.id, call.now, call.now])
        try call.db.execute(
            sql: """
                INSERT OR IGNORE INTO project_members (project_id, user_id, role, created_on, updated_on)
                VALUES (?, ?, ?, ?, ?)
                """, arguments: [project.id, user.id, role.rawValue, call.now, call.now])
        return .object(["pendingSignup": .bool(false)])
    }

    /// Port of SetProjectMemberUserRole (admin/server/projects.go).
    static func setProjectMemberRole(_ call: Call) throws -> JSON {
        let (_, project) = try projectForMembers(call)
        try requireProject(call, project, .manageProjectMembers, "not allowed to set project member roles")
        guard let role = ProjectRoleName.named(try call.body.string("role") ?? "") else {
            throw RPCError(.invalidArgument, "project role not found")
        }
        if role == .admin { try requireProject(call, project, .manageProjectAdmins, assignAdmin) }
        let email = call.param("email")
        guard let user = try UserRecord.find(call.db, email: email) else {
            try call.db.execute(
                sql: "UPDATE project_invites SET role = ? WHERE project_id = ? AND email = ?",
                arguments: [role.rawValue, project.id, email])
            if call.db.changesCount == 0 { throw RPCError.notFound("project invite") }
            return .emptyObject
        }
        guard let current = try projectMemberRole(call.db, projectID: project.id, userID: user.id) else {
            throw RPCError.notFound("project member role")
        }
        if current == ProjectRoleName.admin.rawValue {
            try requireProject(call, project, .manageProjectAdmins, "as a non-admin you are not allowed to remove an admin")
        }
        try call.db.execute(
            sql: "UPDATE project_members SET role = ?, updated_on = ? WHERE project_id = ? AND user_id = ?",
            arguments: [role.rawValue, call.now, project.id, user.id])
        return .emptyObject
    }

    /// Port of RemoveProjectMemberUser (admin/server/projects.go): a member may remove themself.
    static func removeProjectMember(_ call: Call) throws -> JSON {
        let (_, project) = try projectForMembers(call)
        let email = call.param("email")
        guard let user = try UserRecord.find(call.db, email: email) else {
            try requireProject(call, project, .manageProjectMembers, "not allowed to remove project members")
            try call.db.execute(
                sql: "DELETE FROM project_invites WHERE project_id = ? AND email = ?", arguments: [project.id, email])
            if call.db.changesCount == 0 { throw RPCError.notFound("project invite") }
            return .emptyObject
        }
        let isManager = try call.access.projectPermissions(project).contains(.manageProjectMembers)
        let isSelf = call.principal.userID == user.id
        guard isManager || isSelf else { throw RPCError(.permissionDenied, "not allowed to remove project members") }
        if !isSelf {
            guard let current = try projectMemberRole(call.db, projectID: project.id, userID: user.id) else {
                throw RPCError.notFound("project member role")
            }
            if current == ProjectRoleName.admin.rawValue {
                try requireProject(call, project, .manageProjectAdmins, "as a non-admin you are not allowed to remove an admin")
            }
        }
        try call.db.execute(
            sql: "DELETE FROM project_members WHERE project_id = ? AND user_id = ?", arguments: [project.id, user.id])
        if call.db.changesCount == 0 { throw RPCError.notFound("project member") }
        return .emptyObject
    }

    // MARK: Helpers

    private static let assignAdmin = "as a non-admin you are not allowed to assign an admin role"
    private static let removeAdmin = "as a non-admin you are not allowed to remove an admin member"

    private static func requireOrg(_ call: Call, _ org: OrgRecord, _ flag: OrgPermission, _ message: String) throws {
        guard try call.access.orgPermissions(org).contains(flag) else { throw RPCError(.permissionDenied, message) }
    }

    private static func requireProject(_ call: Call, _ project: ProjectRecord, _ flag: ProjectPermission, _ message: String)
        throws
    {
        guard try call.access.projectPermissions(project).contains(flag) else {
            throw RPCError(.permissionDenied, message)
        }
    }

    /// `FindProjectByName(ctx, req.Org, req.Project)` wrapped as InvalidArgument: 400 "project not found"
    /// (also when the org is missing: the query joins on the org name).
    private static func projectForMembers(_ call: Call) throws -> (OrgRecord, ProjectRecord) {
        guard let org = try OrgRecord.find(call.db, name: call.param("org")),
            let project = try ProjectRecord.find(call.db, orgID: org.id, name: call.param("project"))
        else { throw RPCError(.invalidArgument, "project not found") }
        return (org, project)
    }

    /// `CountInvitesForOrganization` against `QuotaOutstandingInvites` (negative means unlimited).
    private static func requireInviteQuota(_ db: Database, org: OrgRecord, message: String) throws {
        let count = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM org_invites WHERE org_id = ?", arguments: [org.id]) ?? 0
        if org.quotaOutstandingInvites >= 0 && count >= org.quotaOutstandingInvites {
            throw RPCError(.failedPrecondition, message.replacingOccurrences(of: "%d", with: "\(org.quotaOutstandingInvites)"))
        }
    }

    /// `FindOrganizationMemberUserAdminStatus`: whether the user is an admin, and whether no *other* admin
    /// exists; 404 "org member admin status not found" for a non-member.
    private static func adminStatus(_ db: Database, orgID: String, userID: String) throws -> (Bool, Bool) {
        guard let role = try orgMemberRole(db, orgID: orgID, userID: userID) else {
            throw RPCError.notFound("org member admin status")
        }
        let otherAdmins = try Int.fetchOne(
            db, sql: "SELECT COUNT(*) FROM org_members WHERE org_id = ? AND role = 'admin' AND user_id != ?",
            arguments: [orgID, userID]) ?? 0
        return (role == OrgRoleName.admin.rawValue, otherAdmins == 0)
    }

    private static func orgMemberRole(_ db: Database, orgID: String, userID: String) throws -> String? {
        try String.fetchOne(
            db, sql: "SELECT role FROM org_members WHERE org_id = ? AND user_id = ?", arguments: [orgID, userID])
    }

    private static func projectMemberRole(_ db: Database, projectID: String, userID: String) throws -> String? {
        try String.fetchOne(
            db, sql: "SELECT role FROM project_members WHERE project_id = ? AND user_id = ?", arguments: [projectID, userID])
    }
}
