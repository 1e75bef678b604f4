import RillformModel

/// One resource of a saved plan whose live object moved since the plan was made.
public struct StaleResource: Sendable, Hashable, CustomStringConvertible {
    /// The planned change's address.
    public var address: ResourceAddress
    /// What moved: field names (sorted, then `updated_on`) or an existence change.
    public var changed: [String]

    /// Creates a finding.
    public init(address: ResourceAddress, changed: [String]) {
        self.address = address
        self.changed = changed
    }

    /// `project.acme/sales: description, updated_on changed`.
    public var description: String {
        let existence = changed.count == 1 && (changed[0].hasPrefix("exists now") || changed[0].hasPrefix("no longer"))
        return existence ? "\(address): \(changed[0])" : "\(address): \(changed.joined(separator: ", ")) changed"
    }
}

/// Compares a saved plan's fingerprints with a fresh read of the same objects (pure: the CLI does the reading).
public enum StalePlanCheck {
    /// Every change whose object moved, by address. Changes without a fingerprint (plans written before
    /// fingerprints) are not checked; ``unverifiable(_:)`` lists them. The plan's live names are indexed once:
    /// re-indexing them per change made checking 9,000 changes quadratic.
    public static func staleResources(in plan: Plan, current: LiveState) -> [StaleResource] {
        let names = PlanFingerprints.LiveNames(plan.changes)
        return plan.changes.compactMap { change in
            guard let planned = change.fingerprint else { return nil }
            let now = PlanFingerprints.fingerprint(of: change, names: names, live: current)
            let changed = planned.differences(to: now)
            return changed.isEmpty ? nil : StaleResource(address: change.address, changed: changed)
        }.sorted { $0.address < $1.address }
    }

    /// Changes that carry no fingerprint, so their staleness cannot be checked.
    public static func unverifiable(_ plan: Plan) -> [ResourceAddress] {
        plan.changes.filter { $0.fingerprint == nil }.map(\.address)
    }
}
