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

    public init(deployments: Set<String> = [], projectRoles: Set<String> = [], roleSource: RoleSource = .perProject,
                tokens: Set<String> = []) {
        self.deployments = deployments
        self.projectRoles = projectRoles
        self.roleSource = roleSource
        self.tokens = tokens
    }

    /// Everything in the org: every project's deployments and every service's roles (by the cheaper source),
    /// plus the tokens of the services in `tokens` that exist.
    public static func everything(_ org: LiveOrg, tokens: Set<String> = []) -> OrgDetailReads {
        let services = Set(org.services.keys)
        return OrgDetailReads(
            deployments: Set(org.projects.keys), projectRoles: services,
            roleSource: cheaperRoleSource(services: services.count, projects: org.projects.count),
            tokens: tokens.intersection(services))
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
