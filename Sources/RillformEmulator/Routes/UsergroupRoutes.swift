import GRDB

/// Usergroups: ports of admin/server/usergroups.go (newest stored version). Errors from the database layer are
/// returned unwrapped, so lookups miss with 404 ("usergroup not found", "org not found", "project not found",
/// "org role not found", "project role not found") and duplicates are 409. Managed groups
/// (autogroup:users/members/guests) exist from the org's creation; their members follow the org roles, and
/// every handler that edits a group (rename, description, delete, members, org role) refuses them with 400
/// "cannot edit managed user group". Their project roles can be set like any group's.
enum UsergroupRoutes {
    static let routes: [Route] = [
        Route("GET", "/v1/orgs/{org}/usergroups", listOrgUsergroups),
        Route("POST", "/v1/orgs/{org}/usergroups", create),
        Route("GET", "/v1/orgs/{org}/usergroups/{usergroup}", get),
        Route("POST", "/v1/orgs/{org}/usergroups/{usergroup}", rename),
        Route("PUT", "/v1/orgs/{org}/usergroups/{usergroup}", edit),
        Route("DELETE", "/v1/orgs/{org}/usergroups/{usergroup}", delete),
        Route("GET", "/v1/orgs/{org}/usergroups/{usergroup}/members", listMembers),
        Route("PUT", "/v1/orgs/{org}/usergroups/{usergroup}/members/{email}", addMember),
        Route("DELETE", "/v1/orgs/{org}/usergroups/{usergroup}/members/{email}", removeMember),
        Route("POST", "/v1/orgs/{org}/usergroups/{usergroup}/role", addOrgRole),
        Route("PUT", "/v1/orgs/{org}/usergroups/{usergroup}/role", setOrgRole),
        Route("DELETE", "/v1/orgs/{org}/usergroups/{usergroup}/role", removeOrgRole),
        Route("GET", "/v1/orgs/{org}/project/{project}/usergroups", listProjectUsergroups),
        Route("POST", "/v1/orgs/{org}/projects/{project}/usergroups/{usergroup}/roles", addProjectRole),
        Route("PUT", "/v1/orgs/{org}/projects/{project}/usergroups/{usergroup}/roles", setProjectRole),
        Route("DELETE", "/v1/orgs/{org}/projects/{project}/usergroups/{usergroup}/roles", removeProjectRole),
    ]

    private static let managedRefusal = RPCError(.invalidArgument, "cannot edit managed user group")

    // MARK: Groups

    /// Port of CreateUsergroup: org (404), manageOrgMembers (403), InsertUsergroup (validator: 500 with
    /// "Key: 'InsertUsergroupOptions.Name' …" for names outside min=1,max=40,slug, which also rules out
    /// "autogroup:…"; taken name, case-insensitively: 409).
    static func create(_ call: Call) throws -> JSON {
        let org = try OrgRecord.require(call.db, name: call.param("org"))
        try call.requireOrg(org, .manageOrgMembers, "not allowed to add org user group")
        let group = try UsergroupRecord.insert(
            call.db, orgID: org.id, name: try call.body.string("name") ?? "", managed: false, now: call.now)
        return .object(["usergroup": group.json])
    }

    /// Port of GetUsergroup: group (404) before readOrgMembers (403).
    static func get(_ call: Call) throws -> JSON {
        let group = try requireGroup(call)
        try call.requireOrg(id: group.orgID, .readOrgMembers, "not allowed to get org user group")
        return .object(["usergroup": group.json])
    }

    /// Port of RenameUsergroup: group, manageOrgMembers, managed (400), then UpdateUsergroupName, which does not
    /// validate the new name (only the unique index: 409).
    static func rename(_ call: Call) throws -> JSON {
        let group = try requireEditableGroup(call, "not allowed to rename org user group")
        do {
            try call.db.execute(
                cached: "UPDATE usergroups SET name = ?, updated_on = ? WHERE id = ?",
                arguments: [try call.body.string("name") ?? "", call.now, group.id])
        } catch let error as DatabaseError where error.resultCode == .SQLITE_CONSTRAINT {
            throw UsergroupRecord.duplicateName
        }
        return .emptyObject
    }

    /// Port of EditUsergroup (the description; Rill reuses the rename handler's denial message).
    static func edit(_ call: Call) throws -> JSON {
        let group = try requireEditableGroup(call, "not allowed to rename org user group")
        try call.db.execute(
            cached: "UPDATE usergroups SET description = ?, updated_on = ? WHERE id = ?",
            arguments: [try call.body.string("description") ?? "", call.now, group.id])
        return .emptyObject
    }

    /// Port of DeleteUsergroup: its members and roles go with it.
    static func delete(_ call: Call) throws -> JSON {
        let group = try requireEditableGroup(call, "not allowed to delete org user group")
        try call.db.execute(cached: "DELETE FROM usergroups WHERE id = ?", arguments: [group.id])
        return .emptyObject
    }

    /// Port of ListOrganizationMemberUsergroups: org (404), readOrgMembers (403), page, role filter (404), then
    /// every group of the org (managed ones included) by lower(name), with its org role ("" if none) and, with
    /// `includeCounts`, its user count.
    static func listOrgUsergroups(_ call: Call) throws -> JSON {
        let org = try OrgRecord.require(call.db, name: call.param("org"))
        try call.requireOrg(org, .readOrgMembers, "not allowed to list org user groups")
        let page = try Pagination(call: call)
        let role = try call.roleFilter(OrgRoleName.named, noun: "org role")
        let rows = try Row.fetchAll(
            call.db,
            cached: """
                SELECT g.*, COALESCE(r.role, '') AS role_name,
                    (SELECT COUNT(*) FROM usergroup_users u WHERE u.usergroup_id = g.id) AS users_count
                FROM usergroups g LEFT JOIN usergroup_org_roles r ON r.usergroup_id = g.id
                WHERE g.org_id = ? AND (? = '' OR r.role = ?) AND lower(g.name) > lower(?)
                ORDER BY lower(g.name) LIMIT ?
                """, arguments: [org.id, role, role, page.after ?? "", page.pageSize])
        return memberUsergroups(rows, page: page, withCounts: call.queryBool("includeCounts"))
    }

    // MARK: Group members

    /// Port of ListUsergroupMemberUsers: group (404), readOrgMembers (403), members by lower(email).
    static func listMembers(_ call: Call) throws -> JSON {
        let group = try requireGroup(call)
        try call.requireOrg(id: group.orgID, .readOrgMembers, "not allowed to list user group members")
        let page = try Pagination(call: call)
        let rows = try Row.fetchAll(
            call.db,
            cached: """
                SELECT u.id, u.email, u.display_name, gu.created_on FROM usergroup_users gu JOIN users u ON u.id = gu.user_id
                WHERE gu.usergroup_id = ? AND lower(u.email) > lower(?) ORDER BY lower(u.email) LIMIT ?
                """, arguments: [group.id, page.after ?? "", page.pageSize])
        let members: [JSON] = rows.map { row in
            .object([
                "userId": .string(row["id"]), "userEmail": .string(row["email"]), "userName": .string(row["display_name"]),
                "userPhotoUrl": .string(""), "createdOn": .string(row["created_on"]), "updatedOn": .string(row["created_on"]),
            ])
        }
        let lastEmail: String? = rows.last.map { $0["email"] }
        return .object([
            "members": .array(members), "nextPageToken": .string(page.nextToken(count: rows.count, lastKey: lastEmail)),
        ])
    }

    /// Port of AddUsergroupMemberUser: group, manageOrgMembers, managed (400), a group with the admin org role
    /// needs manageOrgAdmins (403). An email without an account joins the group through its pending org invite
    /// (applied at signup; 400 FailedPrecondition "user is not a member of the organization" without one); a user
    /// must be an org member (same 400) and not yet in the group (409).
    static func addMember(_ call: Call) throws -> JSON {
        let group = try requireEditableGroup(call, "not allowed to add user group members")
        if try group.orgRole(call.db) == .admin {
            try call.requireOrg(
                id: group.orgID, .manageOrgAdmins, "as a non-admin you are not allowed to edit a group that has an admin role")
        }
        let email = call.param("email")
        let notMember = RPCError(.failedPrecondition, "user is not a member of the organization")
        guard let user = try UserRecord.find(call.db, email: email) else {
            guard let text = try String.fetchOne(
                call.db, cached: "SELECT usergroup_ids FROM org_invites WHERE org_id = ? AND email = ?",
                arguments: [group.orgID, email])
            else { throw notMember }
            var ids = SignUp.decodeIDs(text)
            if !ids.contains(group.id) {
                ids.append(group.id)
                try call.db.execute(
                    cached: "UPDATE org_invites SET usergroup_ids = ? WHERE org_id = ? AND email = ?",
                    arguments: [SignUp.encodeIDs(ids), group.orgID, email])
            }
            return .emptyObject
        }
        guard try OrgMembership.orgRole(call.db, orgID: group.orgID, userID: user.id) != nil else { throw notMember }
        do {
            try call.db.execute(
                cached: "INSERT INTO usergroup_members (usergroup_id, user_id, created_on) VALUES (?, ?, ?)",
                arguments: [group.id, user.id, call.now])
        } catch let error as DatabaseError where error.resultCode == .SQLITE_CONSTRAINT {
            throw RPCError(.alreadyExists, "user is already a member of the usergroup")
        }
        return .emptyObject
    }

    /// Port of RemoveUsergroupMemberUser: group, manageOrgMembers, managed (400), user (404 "user not found"),
    /// membership (404 "usergroup member not found"). Pending invites keep their group.
    static func removeMember(_ call: Call) throws -> JSON {
        let group = try requireEditableGroup(call, "not allowed to remove user group members")
        guard let user = try UserRecord.find(call.db, email: call.param("email")) else { throw RPCError.notFound("user") }
        try call.db.execute(
            cached: "DELETE FROM usergroup_members WHERE usergroup_id = ? AND user_id = ?", arguments: [group.id, user.id])
        if call.db.changesCount == 0 { throw RPCError.notFound("usergroup member") }
        return .emptyObject
    }

    // MARK: Org role

    /// Port of AddOrganizationMemberUsergroup: group, manageOrgMembers ("not allowed to set org user group role"),
    /// managed (400), role (404), admin needs manageOrgAdmins (403), insert (409 "org group member already exists"
    /// when the group has a role).
    static func addOrgRole(_ call: Call) throws -> JSON {
        let (group, role) = try groupAndOrgRole(call)
        do {
            try call.db.execute(
                cached: """
                    INSERT INTO usergroup_org_roles (usergroup_id, org_id, role, created_on, updated_on) VALUES (?, ?, ?, ?, ?)
                    """, arguments: [group.id, group.orgID, role.rawValue, call.now, call.now])
        } catch let error as DatabaseError where error.resultCode == .SQLITE_CONSTRAINT {
            throw RPCError(.alreadyExists, "org group member already exists")
        }
        return .emptyObject
    }

    /// Port of SetOrganizationMemberUsergroupRole: as Add, then replacing an admin role needs manageOrgAdmins;
    /// an UPDATE, so a group without a role gets 404 "org group member not found".
    static func setOrgRole(_ call: Call) throws -> JSON {
        let (group, role) = try groupAndOrgRole(call)
        if try group.orgRole(call.db) == .admin {
            try call.requireOrg(id: group.orgID, .manageOrgAdmins, MemberMessages.removeAdminRole)
        }
        try call.db.execute(
            cached: "UPDATE usergroup_org_roles SET role = ?, updated_on = ? WHERE usergroup_id = ?",
            arguments: [role.rawValue, call.now, group.id])
        if call.db.changesCount == 0 { throw RPCError.notFound("org group member") }
        return .emptyObject
    }

    /// Port of RemoveOrganizationMemberUsergroup: group, manageOrgMembers ("not allowed to revoke org user group
    /// role"), managed (400), an admin role needs manageOrgAdmins, delete (404 "org group member not found").
    static func removeOrgRole(_ call: Call) throws -> JSON {
        let group = try requireEditableGroup(call, "not allowed to revoke org user group role")
        if try group.orgRole(call.db) == .admin {
            try call.requireOrg(id: group.orgID, .manageOrgAdmins, MemberMessages.removeAdminRole)
        }
        try call.db.execute(cached: "DELETE FROM usergroup_org_roles WHERE usergroup_id = ?", arguments: [group.id])
        if call.db.changesCount == 0 { throw RPCError.notFound("org group member") }
        return .emptyObject
    }

    // MARK: Project roles

    /// Port of ListProjectMemberUsergroups (note Rill's path: `/v1/orgs/{org}/project/{project}/usergroups`):
    /// project (404), readProjectMembers (403), page, role filter (404), then the groups with a role on the
    /// project (managed ones included) by lower(name).
    static func listProjectUsergroups(_ call: Call) throws -> JSON {
        let project = try requireProject(call)
        try call.requireProject(project, .readProjectMembers, "not allowed to list project user groups")
        let page = try Pagination(call: call)
        let role = try call.roleFilter(ProjectRoleName.named, noun: "project role")
        let rows = try Row.fetchAll(
            call.db,
            cached: """
                SELECT g.*, r.role AS role_name, r.restrict_resources, r.resources,
                    (SELECT COUNT(*) FROM usergroup_users u WHERE u.usergroup_id = g.id) AS users_count
                FROM usergroups g JOIN usergroup_project_roles r ON r.usergroup_id = g.id
                WHERE r.project_id = ? AND (? = '' OR r.role = ?) AND lower(g.name) > lower(?)
                ORDER BY lower(g.name) LIMIT ?
                """, arguments: [project.id, role, role, page.after ?? "", page.pageSize])
        return memberUsergroups(rows, page: page, withCounts: call.queryBool("includeCounts"))
    }

    /// Port of AddProjectMemberUsergroup: project (404), manageProjectMembers (403 "not allowed to add project
    /// user group role"), role (404), admin needs manageProjectAdmins, group (404), insert (409 "usergroup is
    /// already a member of the project"). Managed groups are allowed.
    static func addProjectRole(_ call: Call) throws -> JSON {
        let (project, role, group) = try projectRoleRequest(call, "not allowed to add project user group role")
        let restriction = try ResourceRestriction.requested(call.body) ?? .none
        do {
            try call.db.execute(
                cached: """
                    INSERT INTO usergroup_project_roles
                        (usergroup_id, project_id, role, restrict_resources, resources, created_on, updated_on)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    group.id, project.id, role.rawValue, restriction.restrict, restriction.resourcesText, call.now, call.now,
                ])
        } catch let error as DatabaseError where error.resultCode == .SQLITE_CONSTRAINT {
            throw RPCError(.alreadyExists, "usergroup is already a member of the project")
        }
        return .emptyObject
    }

    /// Port of SetProjectMemberUsergroupRole: as Add, then the current role (404 "project group member role not
    /// found"); replacing an admin role needs manageProjectAdmins.
    static func setProjectRole(_ call: Call) throws -> JSON {
        let (project, role, group) = try projectRoleRequest(call, "not allowed to set project user group role")
        guard let row = try Row.fetchOne(
            call.db, cached: "SELECT * FROM usergroup_project_roles WHERE usergroup_id = ? AND project_id = ?",
            arguments: [group.id, project.id])
        else { throw RPCError.notFound("project group member role") }
        let current: String = row["role"]
        if current == ProjectRoleName.admin.rawValue {
            try call.requireProject(project, .manageProjectAdmins, MemberMessages.removeAdminRole)
        }
        let restriction = try ResourceRestriction.requested(call.body)
            ?? ResourceRestriction(restrict: row["restrict_resources"], resourcesText: row["resources"])
        try call.db.execute(
            cached: """
                UPDATE usergroup_project_roles SET role = ?, restrict_resources = ?, resources = ?, updated_on = ?
                WHERE usergroup_id = ? AND project_id = ?
                """,
            arguments: [role.rawValue, restriction.restrict, restriction.resourcesText, call.now, group.id, project.id])
        return .emptyObject
    }

    /// Port of RemoveProjectMemberUsergroup: project, manageProjectMembers, group, current role (404), admin check.
    static func removeProjectRole(_ call: Call) throws -> JSON {
        let project = try requireProject(call)
        try call.requireProject(project, .manageProjectMembers, "not allowed to revoke project user group role")
        let group = try requireGroup(call)
        guard let current = try group.projectRole(call.db, projectID: project.id) else {
            throw RPCError.notFound("project group member role")
        }
        if current == .admin { try call.requireProject(project, .manageProjectAdmins, MemberMessages.removeAdminRole) }
        try call.db.execute(
            cached: "DELETE FROM usergroup_project_roles WHERE usergroup_id = ? AND project_id = ?",
            arguments: [group.id, project.id])
        return .emptyObject
    }

    // MARK: Helpers

    private static func requireGroup(_ call: Call) throws -> UsergroupRecord {
        try UsergroupRecord.require(call.db, orgName: call.param("org"), name: call.param("usergroup"))
    }

    /// Group (404), manageOrgMembers (403 with the handler's message), not managed (400).
    private static func requireEditableGroup(_ call: Call, _ denied: String) throws -> UsergroupRecord {
        let group = try requireGroup(call)
        try call.requireOrg(id: group.orgID, .manageOrgMembers, denied)
        if group.managed { throw managedRefusal }
        return group
    }

    /// Shared head of Add/SetOrganizationMemberUsergroup(Role).
    private static func groupAndOrgRole(_ call: Call) throws -> (UsergroupRecord, OrgRoleName) {
        let group = try requireEditableGroup(call, "not allowed to set org user group role")
        guard let role = OrgRoleName.named(try call.body.string("role") ?? "") else { throw RPCError.notFound("org role") }
        if role == .admin { try call.requireOrg(id: group.orgID, .manageOrgAdmins, MemberMessages.assignAdmin) }
        return (group, role)
    }

    /// `FindProjectByName` unwrapped: 404 "project not found".
    private static func requireProject(_ call: Call) throws -> ProjectRecord {
        guard let (_, project) = try ProjectRoutes.findByName(call) else { throw RPCError.notFound("project") }
        return project
    }

    /// Shared head of Add/SetProjectMemberUsergroup(Role): project, manageProjectMembers, role, admin, group.
    private static func projectRoleRequest(_ call: Call, _ denied: String) throws
        -> (ProjectRecord, ProjectRoleName, UsergroupRecord)
    {
        let project = try requireProject(call)
        try call.requireProject(project, .manageProjectMembers, denied)
        guard let role = ProjectRoleName.named(try call.body.string("role") ?? "") else {
            throw RPCError.notFound("project role")
        }
        if role == .admin { try call.requireProject(project, .manageProjectAdmins, MemberMessages.assignAdmin) }
        return (project, role, try requireGroup(call))
    }

    /// `memberUsergroupToPB` for a page of rows (usersCount only with includeCounts).
    private static func memberUsergroups(_ rows: [Row], page: Pagination, withCounts: Bool) -> JSON {
        let members: [JSON] = rows.map { row in
            var fields: [String: JSON] = [
                "groupId": .string(row["id"]), "groupName": .string(row["name"]), "groupManaged": .bool(row["managed"]),
                "roleName": .string(row["role_name"]), "usersCount": .int(withCounts ? row["users_count"] : 0),
                "createdOn": .string(row["created_on"]), "updatedOn": .string(row["updated_on"]),
            ]
            if row.hasColumn("restrict_resources") {
                fields.merge(ResourceRestriction(restrict: row["restrict_resources"], resourcesText: row["resources"]).jsonFields) { $1 }
            }
            return .object(fields)
        }
        let lastName: String? = rows.last.map { $0["name"] }
        return .object([
            "members": .array(members), "nextPageToken": .string(page.nextToken(count: rows.count, lastKey: lastName)),
        ])
    }
}
