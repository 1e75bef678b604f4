import GRDB

/// Project user memberships: ports of the member handlers in admin/server/projects.go. Check order and codes follow
/// the v0.78-era handlers (`FindProjectByName` wrapped as InvalidArgument, so "project not found" is 400; the
/// newest servers return it unwrapped, 404). Resource restrictions (`restrictResources`, `resources`) follow the
/// newest handlers, which the v0.78.1 API already carries: neither field set keeps what is stored.
enum ProjectMemberRoutes {
    static let routes: [Route] = [
        Route("GET", "/v1/orgs/{org}/projects/{project}/members", listProjectMembers),
        Route("POST", "/v1/orgs/{org}/projects/{project}/members", addProjectMember),
        Route("PUT", "/v1/orgs/{org}/projects/{project}/members/{email}", setProjectMemberRole),
        Route("DELETE", "/v1/orgs/{org}/projects/{project}/members/{email}", removeProjectMember),
        Route("GET", "/v1/orgs/{org}/projects/{project}/invites", listProjectInvites),
    ]

    /// Port of ListProjectMemberUsers (admin/server/projects.go): project (400), readProjectMembers (403), page,
    /// role filter (404 "project role not found"), then `FindProjectMemberUsers`: direct members only (group
    /// access is listed by ListProjectMemberUsergroups), by lower(email), with each member's org role.
    static func listProjectMembers(_ call: Call) throws -> JSON {
        let (_, project) = try projectForMembers(call)
        try call.requireProject(project, .readProjectMembers, "not authorized to read project members")
        let page = try Pagination(call: call)
        let role = try call.roleFilter(ProjectRoleName.named, noun: "project role")
        let rows = try Row.fetchAll(
            call.db,
            cached: """
                SELECT u.id, u.email, u.display_name, pm.role, pm.restrict_resources, pm.resources, pm.created_on,
                    pm.updated_on, COALESCE((SELECT role FROM org_members WHERE org_id = ? AND user_id = u.id), '') AS org_role
                FROM project_members pm JOIN users u ON u.id = pm.user_id
                WHERE pm.project_id = ? AND (? = '' OR pm.role = ?) AND lower(u.email) > lower(?)
                ORDER BY lower(u.email) LIMIT ?
                """, arguments: [project.orgID, project.id, role, role, page.after ?? "", page.pageSize])
        let members: [JSON] = rows.map { row in
            var fields: [String: JSON] = [
                "userId": .string(row["id"]), "userEmail": .string(row["email"]), "userName": .string(row["display_name"]),
                "userPhotoUrl": .string(""), "roleName": .string(row["role"]), "orgRoleName": .string(row["org_role"]),
                "createdOn": .string(row["created_on"]), "updatedOn": .string(row["updated_on"]),
            ]
            fields.merge(ResourceRestriction(restrict: row["restrict_resources"], resourcesText: row["resources"]).jsonFields) { $1 }
            return .object(fields)
        }
        let lastEmail: String? = rows.last.map { $0["email"] }
        return .object([
            "members": .array(members), "nextPageToken": .string(page.nextToken(count: rows.count, lastKey: lastEmail)),
        ])
    }

    /// Port of ListProjectInvites (admin/server/projects.go): project (400), readProjectMembers (403), then the
    /// project's invites by lower(email) with the project role, the org invite's role and the inviter's email.
    static func listProjectInvites(_ call: Call) throws -> JSON {
        let (_, project) = try projectForMembers(call)
        try call.requireProject(project, .readProjectMembers, "not authorized to read project members")
        let page = try Pagination(call: call)
        let rows = try Row.fetchAll(
            call.db,
            cached: """
                SELECT i.email, i.role, i.restrict_resources, i.resources, COALESCE(u.email, '') AS invited_by,
                    COALESCE((SELECT role FROM org_invites oi WHERE oi.org_id = ? AND oi.email = i.email), '') AS org_role
                FROM project_invites i LEFT JOIN users u ON u.id = i.invited_by_user_id
                WHERE i.project_id = ? AND lower(i.email) > lower(?) ORDER BY lower(i.email) LIMIT ?
                """, arguments: [project.orgID, project.id, page.after ?? "", page.pageSize])
        let invites: [JSON] = rows.map { row in
            var fields: [String: JSON] = [
                "email": .string(row["email"]), "roleName": .string(row["role"]), "orgRoleName": .string(row["org_role"]),
                "invitedBy": .string(row["invited_by"]),
            ]
            fields.merge(ResourceRestriction(restrict: row["restrict_resources"], resourcesText: row["resources"]).jsonFields) { $1 }
            return .object(fields)
        }
        let lastEmail: String? = rows.last.map { $0["email"] }
        return .object([
            "invites": .array(invites), "nextPageToken": .string(page.nextToken(count: rows.count, lastKey: lastEmail)),
        ])
    }

    /// Port of AddProjectMemberUser (admin/server/projects.go): project (400), manageProjectMembers (403), invite
    /// quota (400), role (400 "project role not found"), admin role needs manageProjectAdmins (403). A known user
    /// gets the role and joins the org as a guest if not a member (admin.InsertProjectMemberUser); re-adding an
    /// existing member is not an error and keeps the stored role (v0.78; the newest servers update it). An unknown
    /// email gets an org guest invite and a project invite, each kept as is if it already exists.
    static func addProjectMember(_ call: Call) throws -> JSON {
        let (org, project) = try projectForMembers(call)
        try call.requireProject(project, .manageProjectMembers, "not allowed to add project members")
        try MemberRoutes.requireInviteQuota(
            call.db, org: org, message: "quota exceeded: org \"\(org.name)\" can at most have %d outstanding invitations")
        guard let role = ProjectRoleName.named(try call.body.string("role") ?? "") else {
            throw RPCError(.invalidArgument, "project role not found")
        }
        if role == .admin { try call.requireProject(project, .manageProjectAdmins, MemberMessages.assignAdmin) }
        let restriction = try ResourceRestriction.requested(call.body) ?? .none
        let email = try call.body.string("email") ?? ""
        guard let user = try UserRecord.find(call.db, email: email) else {
            guard email.contains("@") else { throw RPCError(.invalidArgument, "invalid email") }
            try call.db.execute(
                cached: """
                    INSERT OR IGNORE INTO org_invites (org_id, email, role, invited_by_user_id, created_on)
                    VALUES (?, ?, 'guest', ?, ?)
                    """, arguments: [org.id, email, call.principal.userID, call.now])
            try call.db.execute(
                cached: """
                    INSERT OR IGNORE INTO project_invites
                        (project_id, email, role, restrict_resources, resources, invited_by_user_id, created_on)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    project.id, email, role.rawValue, restriction.restrict, restriction.resourcesText,
                    call.principal.userID, call.now,
                ])
            return .object(["pendingSignup": .bool(true)])
        }
        try OrgMembership.insertProjectMember(
            call.db, orgID: org.id, projectID: project.id, userID: user.id, role: role.rawValue, restriction: restriction,
            now: call.now)
        return .object(["pendingSignup": .bool(false)])
    }

    /// Port of SetProjectMemberUserRole (admin/server/projects.go). Newest servers first require one of role,
    /// restrictResources, resources (400); then project (400), manageProjectMembers (403), role (400) and the
    /// admin check (403) when a role is given; an unknown email updates its project invite (404 "project invite
    /// not found"); a user needs a direct role (404 "project member role not found"), and demoting an admin needs
    /// manageProjectAdmins (403).
    static func setProjectMemberRole(_ call: Call) throws -> JSON {
        let roleName = try call.body.string("role")
        let requested = try ResourceRestriction.requested(call.body)
        if roleName == nil && requested == nil {
            throw RPCError(.invalidArgument, "at least one of role, restrict_resources, or resources must be set")
        }
        let (_, project) = try projectForMembers(call)
        try call.requireProject(project, .manageProjectMembers, "not allowed to set project member roles")
        var role: ProjectRoleName?
        if let roleName {
            guard let found = ProjectRoleName.named(roleName) else { throw RPCError(.invalidArgument, "project role not found") }
            if found == .admin { try call.requireProject(project, .manageProjectAdmins, MemberMessages.assignAdmin) }
            role = found
        }
        let email = call.param("email")
        guard let user = try UserRecord.find(call.db, email: email) else {
            guard let invite = try Row.fetchOne(
                call.db, cached: "SELECT * FROM project_invites WHERE project_id = ? AND email = ?",
                arguments: [project.id, email])
            else { throw RPCError.notFound("project invite") }
            let restriction = requested
                ?? ResourceRestriction(restrict: invite["restrict_resources"], resourcesText: invite["resources"])
            try call.db.execute(
                cached: "UPDATE project_invites SET role = ?, restrict_resources = ?, resources = ? WHERE project_id = ? AND email = ?",
                arguments: [
                    role?.rawValue ?? invite["role"], restriction.restrict, restriction.resourcesText, project.id, email,
                ])
            return .emptyObject
        }
        guard let member = try Row.fetchOne(
            call.db, cached: "SELECT * FROM project_members WHERE project_id = ? AND user_id = ?",
            arguments: [project.id, user.id])
        else { throw RPCError.notFound("project member role") }
        let current: String = member["role"]
        if current == ProjectRoleName.admin.rawValue {
            try call.requireProject(project, .manageProjectAdmins, MemberMessages.removeProjectAdmin)
        }
        let restriction = requested
            ?? ResourceRestriction(restrict: member["restrict_resources"], resourcesText: member["resources"])
        try call.db.execute(
            cached: """
                UPDATE project_members SET role = ?, restrict_resources = ?, resources = ?, updated_on = ?
                WHERE project_id = ? AND user_id = ?
                """,
            arguments: [
                role?.rawValue ?? current, restriction.restrict, restriction.resourcesText, call.now, project.id, user.id,
            ])
        return .emptyObject
    }

    /// Port of RemoveProjectMemberUser (admin/server/projects.go): project (400); an unknown email needs
    /// manageProjectMembers and deletes the invite (404); a user may be removed by a manager or by themself;
    /// removing someone else's admin role needs manageProjectAdmins; 404 "project member not found" when the user
    /// has no direct role. The org membership stays.
    static func removeProjectMember(_ call: Call) throws -> JSON {
        let (_, project) = try projectForMembers(call)
        let email = call.param("email")
        guard let user = try UserRecord.find(call.db, email: email) else {
            try call.requireProject(project, .manageProjectMembers, "not allowed to remove project members")
            try call.db.execute(
                cached: "DELETE FROM project_invites WHERE project_id = ? AND email = ?", arguments: [project.id, email])
            if call.db.changesCount == 0 { throw RPCError.notFound("project invite") }
            return .emptyObject
        }
        let isManager = try call.access.projectPermissions(project).contains(.manageProjectMembers)
        let isSelf = call.principal.userID == user.id
        guard isManager || isSelf else { throw RPCError(.permissionDenied, "not allowed to remove project members") }
        if !isSelf {
            guard let current = try OrgMembership.projectRole(call.db, projectID: project.id, userID: user.id) else {
                throw RPCError.notFound("project member role")
            }
            if current == ProjectRoleName.admin.rawValue {
                try call.requireProject(project, .manageProjectAdmins, MemberMessages.removeProjectAdmin)
            }
        }
        try call.db.execute(
            cached: "DELETE FROM project_members WHERE project_id = ? AND user_id = ?", arguments: [project.id, user.id])
        if call.db.changesCount == 0 { throw RPCError.notFound("project member") }
        return .emptyObject
    }

    /// `FindProjectByName(ctx, req.Org, req.Project)` wrapped as InvalidArgument: 400 "project not found"
    /// (also when the org is missing: the query joins on the org name).
    static func projectForMembers(_ call: Call) throws -> (OrgRecord, ProjectRecord) {
        guard let (org, project) = try ProjectRoutes.findByName(call) else {
            throw RPCError(.invalidArgument, "project not found")
        }
        return (org, project)
    }
}
