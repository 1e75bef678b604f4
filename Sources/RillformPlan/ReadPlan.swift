import RillformModel

/// What `plan` (and `apply`, `drift`, `graph`) must read of the live state: only what the manifest manages, plus
/// what pruning and the reports need. Pure: the desired state and options in, then per org the reads to make once
/// the org, project and service listings are in (``details(for:)``). `export` reads everything instead.
///
/// Per org:
/// - deployments of a live project only when its declared project lists `deployments:` (the list is
///   authoritative), when its planned update restarts deployments (the note names the stopped ones), or when
///   prune deletes it (the note counts them);
/// - project roles of the live services that a declared service matches (by name or `previously:`), and of the
///   undeclared ones prune deletes (their roles are shown as revoked); per project or per service, whichever
///   is fewer calls;
/// - tokens of the live services a declared service with a token policy matches;
/// - people (members and invites, usergroups with their members, allowed domains) when the org declares
///   `members`, `usergroups` or `allowed_domains`; the members, invites and allowed domains of each live project
///   whose declared project lists `members` or `allowed_domains` (with the org's people and the groups' roles on
///   those projects, so the access view knows what a person keeps through a group); the usergroup roles of every
///   live project when a declared usergroup has `project_roles` (a role on a project the manifest does not
///   mention must be seen to be removed).
///
/// The mass-delete threshold counts what was read: deployments and project roles of the resources above.
public struct ReadPlan: Sendable, Hashable {
    struct Scope: Sendable, Hashable {
        var desired: DesiredOrg
        var prune: Bool
    }

    let scopes: [String: Scope]
    let options: PlanOptions

    /// The read plan for planning `desired` with `options` (its `prune` and each org's `policy.prune`).
    public init(desired: DesiredState, options: PlanOptions) {
        var scopes: [String: Scope] = [:]
        for org in desired.orgs {
            let name = org.name.value
            let prune = options.prune || desired.effectivePolicy(forOrg: name).prune?.value == true
            scopes[name] = Scope(desired: org, prune: prune)
        }
        self.scopes = scopes
        self.options = options
    }

    /// The orgs to read, sorted.
    public var orgs: [String] { scopes.keys.sorted() }

    /// The detail reads for one live org, from its org, project and service listings (no deployments, roles or
    /// tokens yet). An org outside the manifest needs none.
    public func details(for live: LiveOrg) -> OrgDetailReads {
        guard let scope = scopes[live.name] else { return OrgDetailReads() }
        let planner = OrgPlanner(desired: scope.desired, live: live, prune: scope.prune, options: options)

        var deployments: Set<String> = []
        for project in scope.desired.projects {
            guard let match = planner.projects.matches[project.name.value] else { continue }
            if project.deployments != nil || restartsDeployments(project, planner: planner) {
                deployments.insert(match.live.name)
            }
        }
        var roles = Set(planner.services.matches.values.map(\.live.name))
        var tokens: Set<String> = []
        for service in scope.desired.services where service.tokenPolicy != nil {
            if let match = planner.services.matches[service.name.value] { tokens.insert(match.live.name) }
        }
        if scope.prune {
            deployments.formUnion(live.projects.keys.filter { !planner.projects.claimed.contains($0) })
            roles.formUnion(live.services.keys.filter { !planner.services.claimed.contains($0) })
        }
        let desired = scope.desired
        let people = desired.members != nil || desired.usergroups != nil || desired.allowedDomains != nil
        var projectPeople: Set<String> = []
        for project in desired.projects where project.members != nil || project.allowedDomains != nil {
            if let match = planner.projects.matches[project.name.value] { projectPeople.insert(match.live.name) }
        }
        let groupRoles = (desired.usergroups ?? []).contains { $0.projectRoles != nil }
        // A project whose members are managed also needs the groups' roles on it: the access view says what
        // someone keeps through a group when a direct role goes.
        return OrgDetailReads(
            deployments: deployments, projectRoles: roles,
            roleSource: OrgDetailReads.cheaperRoleSource(services: roles.count, projects: live.projects.count),
            tokens: tokens, people: people || groupRoles || !projectPeople.isEmpty, projectPeople: projectPeople,
            usergroupRoles: groupRoles ? Set(live.projects.keys) : projectPeople)
    }

    /// True when the project's planned in-place update makes Rill restart its deployments (decided from the
    /// project's own fields, which the project listing has).
    private func restartsDeployments(_ project: DesiredProject, planner: OrgPlanner) -> Bool {
        var scratch = PlanDraft()
        planner.planProject(project, into: &scratch)
        return scratch.changes.contains(where: DeploymentRestart.restartsDeployments)
    }
}
