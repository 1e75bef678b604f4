import RillformAPI
import RillformModel
import RillformPlan

/// `apply plan.json` refuses a saved plan whose live objects moved since it was made (exit 4), before any
/// write. Only the objects the plan touches are re-read, with cheap lookups: GET org / project / service,
/// the deployments of a touched project, the tokens of a touched service.
enum SavedPlanFreshness {
    /// The objects `plan` touches, freshly read into a partial live state (fingerprinted like the planner did).
    static func currentState(for plan: Plan, reader: RillAdminReader) async throws -> LiveState {
        var state = LiveState()
        var loadedProjects: Set<String> = []
        var loadedDeployments: Set<String> = []
        var loadedServices: Set<String> = []
        var loadedTokens: Set<String> = []
        for org in Set(plan.changes.map(\.address.org)).sorted() {
            guard let found = try await reader.getOrganization(org) else { continue }
            state.orgs[org] = found.org
        }

        func loadProject(_ org: String, _ name: String) async throws {
            guard state.orgs[org] != nil, loadedProjects.insert("\(org)/\(name)").inserted else { return }
            state.orgs[org]?.projects[name] = try await reader.getProject(org: org, project: name)?.project
        }
        func loadService(_ org: String, _ name: String) async throws {
            guard state.orgs[org] != nil, loadedServices.insert("\(org)/\(name)").inserted else { return }
            state.orgs[org]?.services[name] = try await reader.getService(org: org, name: name)
        }

        for change in plan.changes {
            let org = change.address.org
            let components = change.address.components
            switch change.kind {
            case .org:
                break
            case .project:
                try await loadProject(org, change.live?.name ?? components[1])
            case .deployment:
                let project = PlanFingerprints.liveName(of: .project(org, components[1]), in: plan.changes)
                try await loadProject(org, project)
                guard state.orgs[org]?.projects[project] != nil,
                      loadedDeployments.insert("\(org)/\(project)").inserted else { continue }
                state.orgs[org]?.projects[project]?.deployments =
                    try await reader.listDeployments(org: org, project: project)
            case .service:
                try await loadService(org, change.live?.name ?? components[1])
            case .serviceProjectRole:
                try await loadService(org, PlanFingerprints.liveName(of: .service(org, components[1]), in: plan.changes))
            case .serviceToken:
                let service = PlanFingerprints.liveName(of: .service(org, components[1]), in: plan.changes)
                try await loadService(org, service)
                guard state.orgs[org]?.services[service] != nil,
                      loadedTokens.insert("\(org)/\(service)").inserted else { continue }
                state.orgs[org]?.services[service]?.tokens = try await reader.listServiceTokens(org: org, service: service)
            }
        }
        return state
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
            throw ExitCodeError(.stalePlan)
        }
    }
}
