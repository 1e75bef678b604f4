/// Counts of a plan, as Terraform counts them: a replace counts as one add and one destroy.
public struct PlanSummary: Sendable, Hashable {
    /// Creates plus replaces.
    public var add: Int
    /// In-place updates (renames included).
    public var change: Int
    /// Deletes plus replaces.
    public var destroy: Int
    /// Replaces alone (already included in `add` and `destroy`).
    public var replace: Int
    /// Updates that rename (already included in `change`).
    public var rename: Int
    /// Tokens to issue.
    public var tokenIssue: Int
    /// Tokens to revoke.
    public var tokenRevoke: Int
    /// Declared resources that already match (no-op changes are not listed in ``Plan/changes``).
    public var unchanged: Int

    /// Creates a summary from explicit counts.
    public init(add: Int = 0, change: Int = 0, destroy: Int = 0, replace: Int = 0, rename: Int = 0,
                tokenIssue: Int = 0, tokenRevoke: Int = 0, unchanged: Int = 0) {
        self.add = add
        self.change = change
        self.destroy = destroy
        self.replace = replace
        self.rename = rename
        self.tokenIssue = tokenIssue
        self.tokenRevoke = tokenRevoke
        self.unchanged = unchanged
    }

    /// Counts the given changes; `unchanged` is passed in because no-ops are not listed.
    public init(changes: [ResourceChange], unchanged: Int) {
        self.init(unchanged: unchanged)
        for change in changes {
            switch change.operation {
            case .create: add += 1
            case .update: self.change += 1
            case .delete: destroy += 1
            case .replace:
                add += 1
                destroy += 1
                replace += 1
            case .noOp: break
            }
            if change.rename != nil { rename += 1 }
            tokenIssue += change.tokenChange?.issue ?? 0
            tokenRevoke += change.tokenChange?.revokeIDs.count ?? 0
        }
    }

    /// True when the plan would change nothing.
    public var isEmpty: Bool { add == 0 && change == 0 && destroy == 0 }
}
