import RillformAPI
import RillformModel
import RillformPlan

/// `apply plan.json` refuses a saved plan whose live objects moved since it was made (exit 4), before any
/// write. Only the objects the plan touches are re-read, with cheap lookups: GET org / project / service,
/// the deployments of a touched project, the tokens of a touched service, the people of an org or project whose
/// people the plan changes.
enum SavedPlanFreshness {
    /// The objects `plan` touches, freshly read into a partial live state (fingerprinted like the planner did).
    /// Which objects is ``StalePlanReads`` (linear in the changes); a project's deployments and a service's tokens
    /// are listed only when the object still exists.
    static func currentState(for plan: Plan, reader: RillAdminReader) async throws -> LiveState {
        let reads = StalePlanReads(plan: plan)
        var state = LiveState()
        for org in reads.orgs {
            guard let found = try await reader.getOrganization(org) else { continue }
            state.orgs[org] = found.org
        }
        for project in reads.projects where state.orgs[project.org] != nil {
            state.orgs[project.org]?.projects[project.name] =
                try await reader.getProject(org: project.org, project: project.name)?.project
        }
        for project in reads.deploymentsOf where state.orgs[project.org]?.projects[project.name] != nil {
            state.orgs[project.org]?.projects[project.name]?.deployments =
                try await reader.listDeployments(org: project.org, project: project.name)
        }
        for service in reads.services where state.orgs[service.org] != nil {
            state.orgs[service.org]?.services[service.name] = try await reader.getService(org: service.org, name: service.name)
        }
        for service in reads.tokensOf where state.orgs[service.org]?.services[service.name] != nil {
            state.orgs[service.org]?.services[service.name]?.tokens =
                try await reader.listServiceTokens(org: service.org, service: service.name)
        }
        for org in reads.peopleOf where state.orgs[org] != nil {
            try await readPeople(of: org, into: &state, reader: reader)
        }
        for project in reads.projectPeopleOf where state.orgs[project.org]?.projects[project.name] != nil {
            state.orgs[project.org]?.projects[project.name]?.members =
                try await reader.projectPeople(org: project.org, project: project.name)
            state.orgs[project.org]?.projects[project.name]?.allowedDomains = Dictionary(
                try await reader.listProjectAllowedDomains(org: project.org, project: project.name).map { ($0.domain, $0) },
                uniquingKeysWith: { first, _ in first })
            // Group project roles are listed per project; they matter only where the org's groups were read.
            guard var groups = state.orgs[project.org]?.usergroups else { continue }
            let roles = try await reader.listProjectUsergroups(org: project.org, project: project.name)
            for name in Array(groups.keys) {
                var projectRoles = groups[name]?.projectRoles ?? [:]
                projectRoles[project.name] = roles[name]
                groups[name]?.projectRoles = projectRoles
            }
            state.orgs[project.org]?.usergroups = groups
        }
        return state
    }

    /// An org's people as the planner read them: members with invites, usergroups with description and members,
    /// allowed domains.
    private static func readPeople(of org: String, into state: inout LiveState, reader: RillAdminReader) async throws {
        state.orgs[org]?.members = try await reader.orgPeople(org: org)
        var groups: [String: LiveUsergroup] = [:]
        for var group in try await reader.listUsergroups(org: org) {
            group.members = try await reader.listUsergroupMembers(org: org, usergroup: group.name)
            if !group.isManaged, let described = try await reader.getUsergroup(org: org, name: group.name) {
                group.managed[.description] = described.managed[.description]
            }
            groups[group.name] = group
        }
        state.orgs[org]?.usergroups = groups
        state.orgs[org]?.allowedDomains = Dictionary(
            try await reader.listAllowedDomains(org: org).map { ($0.domain, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// Checks `plan` against live state; prints and throws exit status 4 when anything moved.
    static func verify(_ plan: Plan, reader: RillAdminReader) async throws {
        let current = try await currentState(for: plan, reader: reader)
        let stale = StalePlanCheck.staleResources(in: plan, current: current)
        let unverifiable = StalePlanCheck.unverifiable(plan)
        if !unverifiable.isEmpty {
            Terminal.standardError.write("Warning: \(unverifiable.count) change(s) of this saved plan carry no "
                + "fingerprint (an older rillform wrote it), so their staleness cannot be checked.\n")
        }
        guard stale.isEmpty else {
            Terminal.standardError.write(
                "Error: the saved plan is stale: \(stale.count) resource(s) changed since it was made:\n"
                    + stale.map { "  - \($0)\n" }.joined()
                    + "Nothing was changed. Run `rillform plan` again and review the new plan.\n")
            throw CommandError(.stalePlan)
        }
    }
}
