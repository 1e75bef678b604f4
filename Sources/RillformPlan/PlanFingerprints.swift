import RillformModel

/// Fingerprints the live object behind each change (``ResourceChange/fingerprint``). The planner uses it on the
/// full live state; `apply plan.json` uses it on a fresh, partial read of just those objects, so both sides are
/// computed by the same code.
public enum PlanFingerprints {
    /// Every change of `changes` with its fingerprint set from `live`.
    public static func fingerprinted(_ changes: [ResourceChange], live: LiveState) -> [ResourceChange] {
        changes.map { change in
            var change = change
            change.fingerprint = fingerprint(of: change, in: changes, live: live)
            return change
        }
    }

    /// The fingerprint of the live object `change` acts on, as `live` shows it. Objects are found by their
    /// live names (the old name when renamed in this plan) and deployments by id.
    public static func fingerprint(of change: ResourceChange, in changes: [ResourceChange], live: LiveState)
        -> LiveFingerprint
    {
        let address = change.address
        guard let org = live.orgs[address.org] else { return .absent }
        let components = address.components
        switch address.kind {
        case .org:
            return LiveFingerprint(org: org)
        case .project:
            let name = change.live?.name ?? components[1]
            return org.projects[name].map(LiveFingerprint.init(project:)) ?? .absent
        case .deployment:
            let projectName = liveName(of: .project(address.org, components[1]), in: changes)
            guard let project = org.projects[projectName] else { return .absent }
            let match = change.live?.id.flatMap { id in project.deployments.first { $0.id == id } }
                ?? project.deployments.first { deploymentKey($0) == components[2] }
            return match.map(LiveFingerprint.init(deployment:)) ?? .absent
        case .service:
            let name = change.live?.name ?? components[1]
            return org.services[name].map(LiveFingerprint.init(service:)) ?? .absent
        case .serviceProjectRole:
            let serviceName = liveName(of: .service(address.org, components[1]), in: changes)
            let projectName = liveName(of: .project(address.org, components[2]), in: changes)
            guard let service = org.services[serviceName] else { return .absent }
            return LiveFingerprint(projectRole: service.projectRoles[projectName])
        case .serviceToken:
            let serviceName = liveName(of: .service(address.org, components[1]), in: changes)
            guard let service = org.services[serviceName] else { return .absent }
            return LiveFingerprint(tokens: service.tokens)
        }
    }

    /// The live name of a project or service: its old name when this plan renames it.
    public static func liveName(of address: ResourceAddress, in changes: [ResourceChange]) -> String {
        changes.first { $0.address == address }?.live?.name ?? address.components[1]
    }

    /// The last address component of a live deployment (`prod`, `dev@branch`).
    static func deploymentKey(_ deployment: LiveDeployment) -> String {
        let key = ResourceAddress.deployment("_", "_", environment: deployment.environment,
                                             branch: deployment.branch.isEmpty ? nil : deployment.branch)
        return key.components[2]
    }
}
