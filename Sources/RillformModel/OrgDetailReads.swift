/// What the live-state reader lists in one org after the org, its projects and its services: which projects'
/// deployments, which services' project roles (and how), which services' tokens. Chosen per org once the first
/// listings are in (``ReadPlan`` in RillformPlan for planning, ``everything(_:tokens:)`` for export).
public struct OrgDetailReads: Sendable, Hashable {
    /// How project roles are read. Rill has two calls: `ListProjectMemberServices` (one per project, every
    /// service's role on it) and `GetService` (one per service, its roles on every project).
    public enum RoleSource: String, Sendable, Hashable {
        case perProject = "per_project"
        case perService = "per_service"
    }

    /// Live project names whose deployments are listed; other projects are read without deployments.
    public var deployments: Set<String>
    /// Live service names whose project roles are read; other services are read without project roles, whichever
    /// source is used, so the live state does not depend on the choice.
    public var projectRoles: Set<String>
    /// The calls that read `projectRoles`.
    public var roleSource: RoleSource
    /// Live service names whose tokens are listed.
    public var tokens: Set<String>
    /// True: the org's people are listed: members and pending invites, usergroups with their members, allowed
    /// domains (`LiveOrg.members`, `.usergroups`, `.allowedDomains`; nil otherwise).
    public var people: Bool
    /// Live project names whose direct members, pending invites and allowed domains are listed
    /// (`LiveProject.members`, `.allowedDomains`).
    public var projectPeople: Set<String>
    /// Live project names whose usergroup roles are listed (`ListProjectMemberUsergroups`, one call per project);
    /// they fill `LiveUsergroup.projectRoles` for those projects. Needs `people`.
    public var usergroupRoles: Set<String>

    public init(deployments: Set<String> = [], projectRoles: Set<String> = [], roleSource: RoleSource = .perProject,
                tokens: Set<String> = [], people: Bool = false, projectPeople: Set<String> = [],
                usergroupRoles: Set<String> = []) {
        self.deployments = deployments
        self.projectRoles = projectRoles
        self.roleSource = roleSource
        self.tokens = tokens
        self.people = people
        self.projectPeople = projectPeople
        self.usergroupRoles = usergroupRoles
    }

    /// Everything in the org: every project's deployments and every service's roles (by the cheaper source),
    /// the people of the org and of every project, plus the tokens of the services in `tokens` that exist.
    public static func everything(_ org: LiveOrg, tokens: Set<String> = []) -> OrgDetailReads {
        let services = Set(org.services.keys)
        let projects = Set(org.projects.keys)
        return OrgDetailReads(
            deployments: projects, projectRoles: services,
            roleSource: cheaperRoleSource(services: services.count, projects: org.projects.count),
            tokens: tokens.intersection(services), people: true, projectPeople: projects, usergroupRoles: projects)
    }

    /// Per service when fewer services are wanted than the org has projects; per project otherwise (a tie keeps
    /// the listing, whose answers are smaller). None wanted costs nothing either way.
    public static func cheaperRoleSource(services: Int, projects: Int) -> RoleSource {
        services < projects ? .perService : .perProject
    }

    /// Detail calls these reads cost in an org with `projects` live projects.
    public func callCount(projects: Int) -> Int {
        let roleCalls = projectRoles.isEmpty ? 0 : (roleSource == .perProject ? projects : projectRoles.count)
        return deployments.count + roleCalls + tokens.count
    }
}
