import RillformModel

/// Reads the given organizations into a `LiveState`, at most `parallelism` requests in flight: first the org,
/// its projects and its services (list endpoints), then only the details an ``OrgDetailReads`` asks for.
///
/// Calls per organization with `P` projects: `1` (get org) `+ pages(projects) + 1` (services) `+ D`
/// (deployment lists) `+ min(P, R)` (project roles: one `ListProjectMemberServices` per project, or one
/// `GetService` per wanted service, whichever is fewer; none when no roles are wanted) `+ T` (token lists),
/// plus one `GET /v1/roles` per client (an org reports its default project role by id).
/// People, when asked for: per org `pages(members) + pages(invites) + pages(usergroups) + 1` (domains), then per
/// group `pages(group members)` plus one `GetUsergroup` per editable group (the listing has no description); per
/// project `pages(members) + pages(invites) + 1` (domains), and `pages(group roles)` for group-role projects.
/// Planning reads `D`, `R` and `T` for what the manifest manages (`ReadPlan`); export reads everything.
/// The org, its project pages and its service list are asked for at once (with the role catalog, once per client):
/// an organization that does not exist costs those three calls and is simply absent from the result.
public struct LiveStateReader: Sendable {
    public let reader: RillAdminReader

    public init(reader: RillAdminReader) {
        self.reader = reader
    }

    /// Reads the live state of `orgs`.
    /// - Parameters:
    ///   - parallelism: the most requests in flight at once.
    ///   - includeTokensFor: names of the services whose tokens to list (those with a token policy); tokens of
    ///     other services are left empty.
    public func read(orgs: [String], parallelism: Int = 8, includeTokensFor: Set<String> = []) async throws
        -> LiveState
    {
        try await read(orgs: orgs, parallelism: parallelism) { .everything($0, tokens: includeTokensFor) }
    }

    /// Reads the live state of `orgs`: the org, its projects and its services, then the details `details`
    /// chooses for each org from those listings.
    public func read(orgs: [String], parallelism: Int = 8, details: (LiveOrg) -> OrgDetailReads) async throws
        -> LiveState
    {
        let reader = self.reader
        let names = Array(Set(orgs)).sorted()

        // 1. Each org with its projects and services, asked for at once, while the role catalog (which names the
        // org's default project role) loads: one round trip instead of three before the details can start. The
        // listings of an org that turns out not to exist are dropped.
        async let rolesLoaded: Void = Self.prefetchRoles(reader, needed: !names.isEmpty)
        let found = try await boundedConcurrentMap(names, limit: parallelism) { name -> LiveOrg? in
            async let projects = Self.capture { try await reader.listProjects(org: name) }
            async let services = Self.capture { try await reader.listServices(org: name) }
            guard var org = try await reader.getOrganization(name)?.org else {
                _ = await (projects, services)
                return nil
            }
            for project in try await projects.get() { org.projects[project.name] = project }
            for service in try await services.get() { org.services[service.name] = service }
            return org
        }
        await rolesLoaded
        var liveOrgs: [String: LiveOrg] = [:]
        for org in found.compactMap({ $0 }) { liveOrgs[org.name] = org }

        // 3. The details each org needs: deployments, project roles (per project or per service), tokens.
        var detailJobs: [DetailJob] = []
        var wantedRoles: [String: Set<String>] = [:]
        var readsByOrg: [String: OrgDetailReads] = [:]
        for org in liveOrgs.keys.sorted() {
            guard let live = liveOrgs[org] else { continue }
            let reads = details(live)
            readsByOrg[org] = reads
            wantedRoles[org] = reads.projectRoles
            for project in live.projects.keys.sorted() where reads.deployments.contains(project) {
                detailJobs.append(.deployments(org, project))
            }
            if !reads.projectRoles.isEmpty {
                switch reads.roleSource {
                case .perProject:
                    detailJobs += live.projects.keys.sorted().map { .projectServices(org, $0) }
                case .perService:
                    detailJobs += live.services.keys.sorted().filter(reads.projectRoles.contains)
                        .map { .serviceRoles(org, $0) }
                }
            }
            for service in live.services.keys.sorted() where reads.tokens.contains(service) {
                detailJobs.append(.tokens(org, service))
            }
        }
        // The people each org needs: members and invites, usergroups, domains; per project members, invites,
        // domains and group roles.
        var projectUsergroupReads: [String: Set<String>] = [:]
        for org in liveOrgs.keys.sorted() {
            guard let live = liveOrgs[org], let reads = readsByOrg[org] else { continue }
            if reads.people {
                detailJobs += [.orgMembers(org), .orgInvites(org), .usergroups(org), .allowedDomains(org)]
                let roleProjects = live.projects.keys.sorted().filter(reads.usergroupRoles.contains)
                projectUsergroupReads[org] = Set(roleProjects)
                detailJobs += roleProjects.map { .projectUsergroups(org, $0) }
            }
            for project in live.projects.keys.sorted() where reads.projectPeople.contains(project) {
                detailJobs += [.projectMembers(org, project), .projectInvites(org, project),
                               .projectAllowedDomains(org, project)]
            }
        }
        let details = try await Self.readLanes(detailJobs, with: reader, parallelism: parallelism)
        var orgMembers: [String: [LiveMember]] = [:]
        var orgInvites: [String: [LiveMember]] = [:]
        var projectMembers: [String: [String: [LiveProjectMember]]] = [:]
        var projectInvites: [String: [String: [LiveProjectMember]]] = [:]
        var groupRolesByProject: [String: [String: [String: ProjectRole]]] = [:]
        for detail in details {
            switch detail {
            case .deployments(let org, let project, let deployments):
                liveOrgs[org]?.projects[project]?.deployments = deployments
            case .projectServices(let org, let project, let memberships):
                // Only the wanted services: the live state is the same whichever source was used.
                for membership in memberships where wantedRoles[org]?.contains(membership.serviceName) == true {
                    guard let role = membership.projectRole else { continue }
                    liveOrgs[org]?.services[membership.serviceName]?.projectRoles[project] = role
                }
            case .serviceRoles(let org, let service, let roles):
                // Roles on projects the project listing does not show are left out, as a per-project read would.
                let projects = liveOrgs[org]?.projects ?? [:]
                liveOrgs[org]?.services[service]?.projectRoles = roles.filter { projects[$0.key] != nil }
            case .tokens(let org, let service, let tokens):
                liveOrgs[org]?.services[service]?.tokens = tokens
            case .orgMembers(let org, let members):
                orgMembers[org] = members
            case .orgInvites(let org, let invites):
                orgInvites[org] = invites
            case .usergroups(let org, let groups):
                liveOrgs[org]?.usergroups = Dictionary(groups.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
            case .allowedDomains(let org, let domains):
                liveOrgs[org]?.allowedDomains = Dictionary(domains.map { ($0.domain, $0) }, uniquingKeysWith: { a, _ in a })
            case .projectMembers(let org, let project, let members):
                projectMembers[org, default: [:]][project] = members
            case .projectInvites(let org, let project, let invites):
                projectInvites[org, default: [:]][project] = invites
            case .projectAllowedDomains(let org, let project, let domains):
                liveOrgs[org]?.projects[project]?.allowedDomains =
                    Dictionary(domains.map { ($0.domain, $0) }, uniquingKeysWith: { first, _ in first })
            case .projectUsergroups(let org, let project, let roles):
                groupRolesByProject[org, default: [:]][project] = roles
            case .usergroupMembers, .usergroupDescription:
                break  // second round
            }
        }
        for (org, members) in orgMembers {
            liveOrgs[org]?.members = LiveMember.merged(members: members, invites: orgInvites[org] ?? [])
        }
        for (org, byProject) in projectMembers {
            for (project, members) in byProject {
                liveOrgs[org]?.projects[project]?.members =
                    LiveProjectMember.merged(members: members, invites: projectInvites[org]?[project] ?? [])
            }
        }

        // Second round, once the groups are known: each group's members, and each editable group's description
        // (the group listing has none; managed groups have none to manage).
        var groupJobs: [DetailJob] = []
        for org in liveOrgs.keys.sorted() {
            for group in (liveOrgs[org]?.usergroups ?? [:]).values.sorted(by: { $0.name < $1.name }) {
                groupJobs.append(.usergroupMembers(org, group.name))
                if !group.isManaged { groupJobs.append(.usergroupDescription(org, group.name)) }
            }
        }
        for detail in try await Self.readLanes(groupJobs, with: reader, parallelism: parallelism) {
            switch detail {
            case .usergroupMembers(let org, let group, let members):
                liveOrgs[org]?.usergroups?[group]?.members = members
            case .usergroupDescription(let org, let group, let description):
                liveOrgs[org]?.usergroups?[group]?.managed[.description] = .string(description)
            default:
                break
            }
        }
        // Group roles on the listed projects; `[:]` for a group with none there.
        for (org, projects) in projectUsergroupReads where !projects.isEmpty {
            guard let groups = liveOrgs[org]?.usergroups else { continue }
            for name in groups.keys {
                var roles: [String: ProjectRole] = [:]
                for project in projects {
                    if let role = groupRolesByProject[org]?[project]?[name] { roles[project] = role }
                }
                liveOrgs[org]?.usergroups?[name]?.projectRoles = roles
            }
        }
        return LiveState(orgs: liveOrgs)
    }

    /// The outcome of a call, kept to be looked at (or dropped) later.
    private static func capture<T: Sendable>(_ body: @Sendable () async throws -> T) async -> Result<T, any Error> {
        do { return .success(try await body()) } catch { return .failure(error) }
    }

    /// Warms the client's role catalog; a failure here is left for the call that needs the catalog to report.
    private static func prefetchRoles(_ reader: RillAdminReader, needed: Bool) async {
        guard needed else { return }
        _ = try? await reader.cachedRoles()
    }

    /// Runs detail jobs in one lane per API method, each with `parallelism` jobs in flight: Rill limits each
    /// method separately, so a lane waiting on ListDeployments' limit must not hold the slots
    /// ListProjectMemberServices could use (one shared queue made the two limits run one after the other: 213 s
    /// instead of 107 s at 500 projects). The client's request gate still bounds the requests actually in flight.
    private static func readLanes(_ jobs: [DetailJob], with reader: RillAdminReader, parallelism: Int) async throws
        -> [DetailJobResult]
    {
        let lanes = Dictionary(grouping: jobs, by: \.method).sorted { $0.key < $1.key }.map(\.value)
        return try await withThrowingTaskGroup(of: [DetailJobResult].self) { group in
            for lane in lanes {
                group.addTask { try await Self.read(lane, with: reader, parallelism: parallelism) }
            }
            var all: [DetailJobResult] = []
            for try await results in group { all += results }
            return all
        }
    }

    /// Reads one lane of detail jobs, at most `parallelism` at once.
    private static func read(_ jobs: [DetailJob], with reader: RillAdminReader, parallelism: Int) async throws
        -> [DetailJobResult]
    {
        try await boundedConcurrentMap(jobs, limit: parallelism) { job -> DetailJobResult in
            switch job {
            case .deployments(let org, let project):
                .deployments(org, project, try await reader.listDeployments(org: org, project: project))
            case .projectServices(let org, let project):
                .projectServices(org, project, try await reader.listProjectServices(org: org, project: project))
            case .serviceRoles(let org, let service):
                .serviceRoles(org, service, try await reader.getService(org: org, name: service)?.projectRoles ?? [:])
            case .tokens(let org, let service):
                .tokens(org, service, try await reader.listServiceTokens(org: org, service: service))
            case .orgMembers(let org):
                .orgMembers(org, try await reader.listOrgMembers(org: org))
            case .orgInvites(let org):
                .orgInvites(org, try await reader.listOrgInvites(org: org))
            case .usergroups(let org):
                .usergroups(org, try await reader.listUsergroups(org: org))
            case .allowedDomains(let org):
                .allowedDomains(org, try await reader.listAllowedDomains(org: org))
            case .projectMembers(let org, let project):
                .projectMembers(org, project, try await reader.listProjectMembers(org: org, project: project))
            case .projectInvites(let org, let project):
                .projectInvites(org, project, try await reader.listProjectInvites(org: org, project: project))
            case .projectAllowedDomains(let org, let project):
                .projectAllowedDomains(org, project, try await reader.listProjectAllowedDomains(org: org, project: project))
            case .projectUsergroups(let org, let project):
                .projectUsergroups(org, project, try await reader.listProjectUsergroups(org: org, project: project))
            case .usergroupMembers(let org, let group):
                .usergroupMembers(org, group, try await reader.listUsergroupMembers(org: org, usergroup: group))
            case .usergroupDescription(let org, let group):
                .usergroupDescription(
                    org, group,
                    try await reader.getUsergroup(org: org, name: group)?.managed[.description]?.stringValue ?? "")
            }
        }
    }

    /// Who the token is and what it may do in each of `orgs` (`nil` permissions: absent or not readable). For a service token, also which service it is
    /// in each org where the caller may list services (matching the token against the services' token prefixes).
    public func identify(orgs: [String], parallelism: Int = 8) async throws -> CallerAccess {
        let reader = self.reader
        let caller = try await reader.currentIdentity()
        let names = Array(Set(orgs)).sorted()
        let accesses = try await boundedConcurrentMap(names, limit: parallelism) { name -> CallerAccess.OrgAccess in
            let found: OrgPermissions?
            do {
                found = try await reader.getOrganization(name)?.permissions
            } catch let error as RillAPIError where error.kind == .permissionDenied {
                found = nil  // cannot even read it: no permissions there
            }
            guard let permissions = found else { return CallerAccess.OrgAccess(permissions: nil) }
            guard caller == .service, permissions.manageOrg else {
                return CallerAccess.OrgAccess(permissions: permissions)
            }
            return CallerAccess.OrgAccess(
                permissions: permissions, serviceName: try await ownServiceName(org: name, parallelism: parallelism))
        }
        return CallerAccess(caller: caller, orgs: Dictionary(uniqueKeysWithValues: zip(names, accesses)))
    }

    /// The service whose token list contains a prefix of the caller's own token.
    private func ownServiceName(org: String, parallelism: Int) async throws -> String? {
        guard let token = reader.connection.token else { return nil }
        let reader = self.reader
        let services = try await reader.listServices(org: org).map(\.name)
        let matches = try await boundedConcurrentMap(services, limit: parallelism) { service -> String? in
            let tokens = try await reader.listServiceTokens(org: org, service: service)
            return tokens.contains { token.hasPrefix($0.prefix) } ? service : nil
        }
        return matches.compactMap { $0 }.first
    }
}

private enum DetailJob: Sendable {
    case deployments(String, String)
    case projectServices(String, String)
    case serviceRoles(String, String)
    case tokens(String, String)
    case orgMembers(String)
    case orgInvites(String)
    case usergroups(String)
    case allowedDomains(String)
    case projectMembers(String, String)
    case projectInvites(String, String)
    case projectAllowedDomains(String, String)
    case projectUsergroups(String, String)
    case usergroupMembers(String, String)
    case usergroupDescription(String, String)

    /// The API method the job calls: its rate-limit lane.
    var method: String {
        switch self {
        case .deployments: "ListDeployments"
        case .projectServices: "ListProjectMemberServices"
        case .serviceRoles: "GetService"
        case .tokens: "ListServiceTokens"
        case .orgMembers: "ListOrganizationMemberUsers"
        case .orgInvites: "ListOrganizationInvites"
        case .usergroups: "ListOrganizationMemberUsergroups"
        case .allowedDomains: "ListWhitelistedDomains"
        case .projectMembers: "ListProjectMemberUsers"
        case .projectInvites: "ListProjectInvites"
        case .projectAllowedDomains: "ListProjectWhitelistedDomains"
        case .projectUsergroups: "ListProjectMemberUsergroups"
        case .usergroupMembers: "ListUsergroupMemberUsers"
        case .usergroupDescription: "GetUsergroup"
        }
    }
}

private enum DetailJobResult: Sendable {
    case deployments(String, String, [LiveDeployment])
    case projectServices(String, String, [ProjectServiceMembership])
    case serviceRoles(String, String, [String: ProjectRole])
    case tokens(String, String, [LiveToken])
    case orgMembers(String, [LiveMember])
    case orgInvites(String, [LiveMember])
    case usergroups(String, [LiveUsergroup])
    case allowedDomains(String, [LiveAllowedDomain])
    case projectMembers(String, String, [LiveProjectMember])
    case projectInvites(String, String, [LiveProjectMember])
    case projectAllowedDomains(String, String, [LiveProjectAllowedDomain])
    case projectUsergroups(String, String, [String: ProjectRole])
    case usergroupMembers(String, String, [String])
    case usergroupDescription(String, String, String)
}
