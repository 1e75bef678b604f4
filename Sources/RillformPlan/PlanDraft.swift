import RillformModel

/// What planning has found so far; orgs are planned one after another into one draft.
struct PlanDraft {
    var changes: [ResourceChange] = []
    var unmanaged: [UnmanagedResource] = []
    var diagnostics: [Diagnostic] = []
    /// Declared resources found already matching.
    var unchanged = 0
    /// Live people (members, project members) that are pending invites: reports mark them, drift warns (RF404).
    var pendingInvites: Set<ResourceAddress> = []

    /// Keeps a change, or counts it as unchanged when it is a no-op.
    mutating func record(_ change: ResourceChange) {
        if change.operation == .noOp { unchanged += 1 } else { changes.append(change) }
    }
}
