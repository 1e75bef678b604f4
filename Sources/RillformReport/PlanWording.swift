import RillformModel
import RillformPlan

/// Phrases shared by the text and Markdown reporters, so both say the same thing the same way.
enum PlanWording {
    /// `will be created`, `will be updated in-place`, `will be renamed from "old"`, `will be destroyed`,
    /// `must be replaced`.
    static func header(of change: ResourceChange) -> String {
        switch change.operation {
        case .create: return "will be created"
        case .update:
            if let rename = change.rename { return "will be renamed from \(JSONValue.quote(rename.from))" }
            return "will be updated in-place"
        case .delete: return "will be destroyed"
        case .replace: return "must be replaced"
        case .noOp: return "is unchanged"
        }
    }

    /// Terraform's final line; a replace counts as one add and one destroy.
    static func summaryLine(_ summary: PlanSummary) -> String {
        if summary.isEmpty { return "No changes. Your infrastructure matches the configuration." }
        return "Plan: \(summary.add) to add, \(summary.change) to change, \(summary.destroy) to destroy."
    }

    /// `Tokens: 1 to issue, 2 to revoke.`, or nil when no token work is planned.
    static func tokenLine(_ summary: PlanSummary) -> String? {
        guard summary.tokenIssue > 0 || summary.tokenRevoke > 0 else { return nil }
        return "Tokens: \(summary.tokenIssue) to issue, \(summary.tokenRevoke) to revoke."
    }

    static func tokenIssue(_ count: Int) -> String {
        count == 1 ? "(token will be issued)" : "(\(count) tokens will be issued)"
    }

    static func tokenRevoke(_ count: Int) -> String {
        count == 1 ? "(1 token will be revoked)" : "(\(count) tokens will be revoked)"
    }

    static func unchangedHidden(_ count: Int) -> String {
        count == 1 ? "# (1 unchanged attribute hidden)" : "# (\(count) unchanged attributes hidden)"
    }

    static let unmanagedHeading =
        "Unmanaged resources in scope (not deleted; set policy.prune or --prune to delete):"

    static let undeclaredDelete = "# (because it is not declared in the manifest and pruning is on)"

    /// The resource's name part of its address: `acme/sales`.
    static func name(of address: ResourceAddress) -> String { address.components.joined(separator: "/") }

    /// One access change in words, without its symbol.
    static func access(_ access: AccessChange) -> String {
        let who = access.identity.description
        switch (access.aspect, access.kind) {
        case (.role, .grant): return "\(who) gains \(quoted(access.after)) on \(access.scope)"
        case (.role, .revoke): return "\(who) loses \(quoted(access.before)) on \(access.scope)"
        case (.role, .change): return "\(who) on \(access.scope): \(quoted(access.before)) -> \(quoted(access.after))"
        case (.attributes, .grant): return "\(who) attributes set to \(access.after ?? "{}")"
        case (.attributes, .revoke): return "\(who) attributes \(access.before ?? "{}") removed"
        case (.attributes, .change): return "\(who) attributes: \(access.before ?? "{}") -> \(access.after ?? "{}")"
        }
    }

    static func accessSymbol(_ kind: AccessChange.Kind) -> ChangeSymbol {
        switch kind {
        case .grant: .create
        case .revoke: .delete
        case .change: .update
        }
    }

    private static func quoted(_ text: String?) -> String { JSONValue.quote(text ?? "") }
}
