import RillformModel
import RillformPlan

/// What `apply --wait` is waiting for, and how far it got. Pure: built from listings, rendered as text.
///
/// Rill's deployment calls return before the work is done (`CreateDeployment`, `StartDeployment`,
/// `StopDeployment` and `TeardownDeployment` in admin/deployments.go set a desired status and queue a reconcile
/// job), so a deployment is PENDING, UPDATING, STOPPING or DELETING for a while after apply.
public struct DeploymentSettling: Sendable, Hashable {
    /// A deployment that has not reached a settled status, or settled as ERRORED.
    public struct Entry: Sendable, Hashable, Comparable {
        public var project: ResourceAddress
        public var key: String
        public var status: String
        public var message: String

        public static func < (lhs: Entry, rhs: Entry) -> Bool { (lhs.project, lhs.key) < (rhs.project, rhs.key) }

        /// `deployment.acme/sales/prod: PENDING (Provisioning...)`.
        public var description: String {
            let shortStatus = status.replacingOccurrences(of: "DEPLOYMENT_STATUS_", with: "")
            let suffix = message.isEmpty ? "" : " (\(message))"
            return "deployment.\(project.components.joined(separator: "/"))/\(key): \(shortStatus)\(suffix)"
        }
    }

    /// Still transitional, sorted.
    public var pending: [Entry]
    /// Settled as ERRORED, sorted.
    public var errored: [Entry]

    public var isSettled: Bool { pending.isEmpty }

    /// Classifies the live deployments of the watched projects (a missing project counts as settled: deleted).
    public init(deployments: [ResourceAddress: [LiveDeployment]]) {
        var pending: [Entry] = []
        var errored: [Entry] = []
        for (project, list) in deployments {
            for deployment in list where deployment.status != "DEPLOYMENT_STATUS_DELETED" {
                let entry = Entry(project: project, key: Self.key(of: deployment), status: deployment.status,
                                  message: deployment.statusMessage)
                if deployment.status == "DEPLOYMENT_STATUS_ERRORED" {
                    errored.append(entry)
                } else if !deployment.isSettled {
                    pending.append(entry)
                }
            }
        }
        self.pending = pending.sorted()
        self.errored = errored.sorted()
    }

    /// The projects whose deployments an applied plan may have set in motion: every project created or
    /// updated, and the project of every deployment change.
    public static func projects(touchedBy plan: Plan) -> [ResourceAddress] {
        var projects: Set<ResourceAddress> = []
        for change in plan.changes where change.operation != .noOp {
            switch change.kind {
            case .project where change.operation != .delete: projects.insert(change.address)
            case .deployment: if let parent = change.address.parent { projects.insert(parent) }
            default: break
            }
        }
        return projects.sorted()
    }

    /// One progress line: `Waiting for 2 deployments to settle (1 PENDING, 1 STOPPING)... 4s elapsed`.
    public func progressLine(elapsedSeconds: Int) -> String {
        var counts: [String: Int] = [:]
        for entry in pending { counts[entry.status.replacingOccurrences(of: "DEPLOYMENT_STATUS_", with: ""), default: 0] += 1 }
        let breakdown = counts.keys.sorted().map { "\(counts[$0] ?? 0) \($0)" }.joined(separator: ", ")
        let noun = pending.count == 1 ? "deployment" : "deployments"
        return "Waiting for \(pending.count) \(noun) to settle (\(breakdown))... \(elapsedSeconds)s elapsed"
    }

    static func key(of deployment: LiveDeployment) -> String {
        if deployment.environment == DeploymentEnvironment.prod.rawValue { return "prod" }
        return "\(deployment.environment)@\(deployment.branch.isEmpty ? deployment.id : deployment.branch)"
    }
}
