/// What an operation needs from the caller.
enum Requirement: Sendable, Equatable {
    /// Anyone, including anonymous callers.
    case none
    /// A user token (service tokens and anonymous get 401 "not authenticated as a user").
    case userToken
    /// A flag of the caller's org permissions.
    case org(OrgPermission)
    /// A flag of the caller's effective permissions on the project.
    case project(ProjectPermission)
}

/// Every permission-checked operation and its requirement, as one table (rill-admin-api.md §6).
enum Operation: String, Sendable, CaseIterable {
    case ping, getCurrentUser, listRoles
    case listOrganizations, createOrganization, getOrganization, updateOrganization, deleteOrganization
    case listProjects, getProject, createProject, updateProject, deleteProject, hibernateProject
    case listDeployments, manageProdDeployment, manageDevDeployment, readProdCredentials, readDevCredentials
    case manageProdCredentialsForOthers, manageDevCredentialsForOthers
    case manageServices
    case listOrgMembers, manageOrgMembers, manageOrgAdmins
    case manageProjectMembers, manageProjectAdmins

    var requirement: Requirement {
        switch self {
        case .ping, .getCurrentUser, .listRoles: .none
        case .listOrganizations, .createOrganization: .userToken
        case .getOrganization: .org(.readOrg)
        case .updateOrganization, .deleteOrganization, .manageServices: .org(.manageOrg)
        case .listProjects: .org(.readProjects)
        case .createProject: .org(.createProjects)
        case .getProject, .listDeployments: .project(.readProject)
        case .updateProject, .deleteProject, .hibernateProject: .project(.manageProject)
        case .manageProdDeployment, .manageProdCredentialsForOthers: .project(.manageProd)
        case .manageDevDeployment, .manageDevCredentialsForOthers: .project(.manageDev)
        case .readProdCredentials: .project(.readProd)
        case .readDevCredentials: .project(.readDev)
        case .listOrgMembers: .org(.readOrgMembers)
        case .manageOrgMembers: .org(.manageOrgMembers)
        case .manageOrgAdmins: .org(.manageOrgAdmins)
        case .manageProjectMembers: .project(.manageProjectMembers)
        case .manageProjectAdmins: .project(.manageProjectAdmins)
        }
    }

    /// Pure decision used by every handler.
    static func isAllowed(
        _ operation: Operation, isUser: Bool, org: Set<OrgPermission>, project: Set<ProjectPermission>
    ) -> Bool {
        switch operation.requirement {
        case .none: true
        case .userToken: isUser
        case .org(let flag): org.contains(flag)
        case .project(let flag): project.contains(flag)
        }
    }

    /// The "does not have permission to …" wording.
    var deniedAction: String {
        switch self {
        case .getOrganization: "read org"
        case .updateOrganization: "update org"
        case .deleteOrganization: "delete org"
        case .manageServices: "manage services"
        case .listProjects: "read projects"
        case .createProject: "create projects"
        case .getProject, .listDeployments: "read project"
        case .updateProject: "update project"
        case .deleteProject: "delete project"
        case .hibernateProject: "hibernate project"
        case .manageProdDeployment: "manage prod deployment"
        case .manageDevDeployment: "manage dev deployment"
        case .readProdCredentials, .readDevCredentials: "read deployment"
        case .manageProdCredentialsForOthers, .manageDevCredentialsForOthers: "issue credentials for others"
        case .listOrgMembers: "read org members"
        case .manageOrgMembers: "manage org members"
        case .manageOrgAdmins: "manage org admins"
        case .manageProjectMembers: "manage project members"
        case .manageProjectAdmins: "manage project admins"
        default: rawValue
        }
    }
}
