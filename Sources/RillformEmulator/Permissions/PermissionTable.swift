/// Flags of `v1OrganizationPermissions`, in the spec's field names.
enum OrgPermission: String, Sendable, CaseIterable, Hashable {
    case admin, guest, readOrg, manageOrg, readProjects, createProjects, manageProjects
    case readOrgMembers, manageOrgMembers, manageOrgAdmins
}

/// Flags of `v1ProjectPermissions`, in the spec's field names.
enum ProjectPermission: String, Sendable, CaseIterable, Hashable {
    case admin, readProject, manageProject, readProd, readProdStatus, manageProd, readDev, readDevStatus, manageDev
    case readProvisionerResources, manageProvisionerResources, readProjectMembers, manageProjectMembers
    case manageProjectAdmins, createMagicAuthTokens, manageMagicAuthTokens, createReports, manageReports
    case createAlerts, manageAlerts, createBookmarks, manageBookmarks
}

/// The role → permission table (docs.rilldata.com/manage/roles-permissions and the summary in
/// rill-admin-api.md §6). Everything else derives from these two functions, so tests can check
/// the matrix here and over HTTP.
enum PermissionTable {
    static func org(_ role: OrgRoleName) -> Set<OrgPermission> {
        switch role {
        case .admin:
            Set(OrgPermission.allCases).subtracting([.guest])
        case .editor:
            [.readOrg, .readProjects, .createProjects, .readOrgMembers, .manageOrgMembers]
        case .viewer:
            [.readOrg, .readProjects]
        case .guest:
            [.guest, .readOrg, .readProjects]
        }
    }

    static func project(_ role: ProjectRoleName) -> Set<ProjectPermission> {
        switch role {
        case .admin:
            Set(ProjectPermission.allCases)
        case .editor:
            // Below admin: cannot change project settings or manage project admins.
            Set(ProjectPermission.allCases).subtracting([.admin, .manageProject, .manageProjectAdmins])
        case .viewer:
            // Read and create-only.
            [.readProject, .readProd, .readProdStatus, .createReports, .createAlerts, .createBookmarks,
             .createMagicAuthTokens]
        }
    }

    /// What a caller may do on one project: the union of the org-inherited role (org admins are
    /// project admins; other non-guest org members get viewer via Rill's managed all-members group),
    /// the caller's direct project role, and public-project read access.
    static func effectiveProject(orgRole: OrgRoleName?, projectRole: ProjectRoleName?, isPublic: Bool)
        -> Set<ProjectPermission>
    {
        var permissions = Set<ProjectPermission>()
        switch orgRole {
        case .admin: permissions.formUnion(project(.admin))
        case .editor, .viewer: permissions.formUnion(project(.viewer))
        case .guest, .none: break
        }
        if let projectRole { permissions.formUnion(project(projectRole)) }
        if isPublic { permissions.formUnion([.readProject, .readProd]) }
        return permissions
    }

    /// A user's project permissions: the union of their project roles (direct and through usergroups), project
    /// admin for org admins (manageProjects), and public-project read access. Unlike services, an org editor or
    /// viewer gets nothing from the org role itself: Rill reaches them through autogroup:members.
    static func effectiveProject(orgRoles: [OrgRoleName], projectRoles: [ProjectRoleName], isPublic: Bool)
        -> Set<ProjectPermission>
    {
        var permissions = Set<ProjectPermission>()
        if orgRoles.contains(.admin) { permissions.formUnion(project(.admin)) }
        for role in projectRoles { permissions.formUnion(project(role)) }
        if isPublic { permissions.formUnion([.readProject, .readProd]) }
        return permissions
    }

    /// `unionOrgRoles` over every role a user holds in the org (directly and through usergroups).
    static func effectiveOrg(orgRoles: [OrgRoleName], hasProjectRole: Bool) -> Set<OrgPermission> {
        if orgRoles.isEmpty { return hasProjectRole ? org(.guest) : [] }
        return orgRoles.reduce(into: Set<OrgPermission>()) { $0.formUnion(org($1)) }
    }

    /// Org-level permissions: the org role's flags; a caller with only project roles in the org is
    /// treated as a guest (Rill adds such users to the org as guests).
    static func effectiveOrg(orgRole: OrgRoleName?, hasProjectRole: Bool) -> Set<OrgPermission> {
        if let orgRole { return org(orgRole) }
        return hasProjectRole ? org(.guest) : []
    }
}
