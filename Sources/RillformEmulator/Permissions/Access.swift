import GRDB

/// Looks up the caller's roles in the database and applies `PermissionTable` / `Operation`.
struct Access {
    let db: Database
    let principal: Principal

    func orgRole(orgID: String) throws -> OrgRoleName? {
        let name: String?
        switch principal {
        case .anonymous: return nil
        case .user(let user):
            name = try String.fetchOne(
                db, cached: "SELECT role FROM org_members WHERE org_id = ? AND user_id = ?", arguments: [orgID, user.id])
        case .service(let service):
            guard service.orgID == orgID else { return nil }
            name = try service.orgRole(db)
        }
        return name.flatMap(OrgRoleName.init(rawValue:))
    }

    func projectRole(projectID: String) throws -> ProjectRoleName? {
        let name: String?
        switch principal {
        case .anonymous: return nil
        case .user(let user):
            name = try String.fetchOne(
                db, cached: "SELECT role FROM project_members WHERE project_id = ? AND user_id = ?",
                arguments: [projectID, user.id])
        case .service(let service):
            name = try String.fetchOne(
                db, cached: "SELECT role FROM service_project_roles WHERE project_id = ? AND service_id = ?",
                arguments: [projectID, service.id])
        }
        return name.flatMap(ProjectRoleName.init(rawValue:))
    }

    private func hasProjectRole(orgID: String) throws -> Bool {
        switch principal {
        case .anonymous: return false
        case .user(let user):
            return try Bool.fetchOne(
                db,
                cached: """
                    SELECT EXISTS (SELECT 1 FROM project_members pm JOIN projects p ON p.id = pm.project_id
                    WHERE p.org_id = ? AND pm.user_id = ?)
                    """, arguments: [orgID, user.id]) ?? false
        case .service(let service):
            guard service.orgID == orgID else { return false }
            return try Bool.fetchOne(
                db, cached: "SELECT EXISTS (SELECT 1 FROM service_project_roles WHERE service_id = ?)",
                arguments: [service.id]) ?? false
        }
    }

    /// A user's org roles, as `ResolveOrganizationRolesForUser` finds them: the direct role plus the org roles of
    /// every usergroup they are in (managed groups included). Empty for non-members.
    func userOrgRoles(orgID: String, userID: String) throws -> [OrgRoleName] {
        try String.fetchAll(
            db,
            cached: """
                SELECT role FROM org_members WHERE org_id = ? AND user_id = ?
                UNION SELECT r.role FROM usergroup_org_roles r JOIN usergroup_users u ON u.usergroup_id = r.usergroup_id
                WHERE r.org_id = ? AND u.user_id = ?
                """, arguments: [orgID, userID, orgID, userID]
        ).compactMap(OrgRoleName.init(rawValue:))
    }

    /// A user's project roles (`ResolveProjectRolesForUser`): direct plus through usergroups.
    func userProjectRoles(projectID: String, userID: String) throws -> [ProjectRoleName] {
        try String.fetchAll(
            db,
            cached: """
                SELECT role FROM project_members WHERE project_id = ? AND user_id = ?
                UNION SELECT r.role FROM usergroup_project_roles r JOIN usergroup_users u ON u.usergroup_id = r.usergroup_id
                WHERE r.project_id = ? AND u.user_id = ?
                """, arguments: [projectID, userID, projectID, userID]
        ).compactMap(ProjectRoleName.init(rawValue:))
    }

    func orgPermissions(_ org: OrgRecord) throws -> Set<OrgPermission> {
        if case .user(let user) = principal {
            let roles = try userOrgRoles(orgID: org.id, userID: user.id)
            return PermissionTable.effectiveOrg(
                orgRoles: roles, hasProjectRole: roles.isEmpty ? try hasProjectRole(orgID: org.id) : false)
        }
        let role = try orgRole(orgID: org.id)
        return PermissionTable.effectiveOrg(orgRole: role, hasProjectRole: role == nil ? try hasProjectRole(orgID: org.id) : false)
    }

    /// Users: org admins' full access, direct and usergroup project roles (org members reach projects through
    /// autogroup:members, which CreateProject gives the org's default role), public read. Services keep the
    /// org-role based rule of `PermissionTable.effectiveProject(orgRole:projectRole:isPublic:)`.
    func projectPermissions(_ project: ProjectRecord) throws -> Set<ProjectPermission> {
        if case .user(let user) = principal {
            return PermissionTable.effectiveProject(
                orgRoles: try userOrgRoles(orgID: project.orgID, userID: user.id),
                projectRoles: try userProjectRoles(projectID: project.id, userID: user.id), isPublic: project.isPublic)
        }
        return PermissionTable.effectiveProject(
            orgRole: try orgRole(orgID: project.orgID), projectRole: try projectRole(projectID: project.id),
            isPublic: project.isPublic)
    }

    /// Throws 401/403 unless the caller may perform `operation` (org/project given when relevant).
    func require(_ operation: Operation, org: OrgRecord? = nil, project: ProjectRecord? = nil) throws {
        if case .userToken = operation.requirement, !principal.isUser {
            throw RPCError(.unauthenticated, "not authenticated as a user")
        }
        let orgPermissions: Set<OrgPermission> = try org.map(orgPermissions) ?? []
        let projectPermissions: Set<ProjectPermission> = try project.map(projectPermissions) ?? []
        guard Operation.isAllowed(operation, isUser: principal.isUser, org: orgPermissions, project: projectPermissions)
        else {
            throw RPCError.permissionDenied(operation.deniedAction)
        }
    }
}

extension Set where Element == OrgPermission {
    var json: JSON { .object(Dictionary(uniqueKeysWithValues: OrgPermission.allCases.map { ($0.rawValue, .bool(contains($0))) })) }
}

extension Set where Element == ProjectPermission {
    var json: JSON {
        .object(Dictionary(uniqueKeysWithValues: ProjectPermission.allCases.map { ($0.rawValue, .bool(contains($0))) }))
    }
}
