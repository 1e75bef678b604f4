import RillformModel

/// Queries for the safety guards (protection, mass-delete threshold, lockout): what a plan destroys.
extension Plan {
    /// Addresses whose live object goes away (deletes and replaces), sorted.
    public var destroyedAddresses: [ResourceAddress] {
        changes.filter(\.destroysLiveObject).map(\.address)
    }

    /// Changes that delete or replace, per org and kind: the numerator of the mass-delete threshold
    /// (``liveCounts`` is the denominator).
    public var destructionCounts: [String: [ResourceKind: Int]] {
        var counts: [String: [ResourceKind: Int]] = [:]
        for change in changes where change.destroysLiveObject {
            counts[change.address.org, default: [:]][change.kind, default: 0] += 1
        }
        return counts
    }
}
