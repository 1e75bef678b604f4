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

    static func unchangedHidden(_ count: Int) -> String { "# (\(unchangedCount(count)))" }

    /// `1 unchanged attribute hidden`, `3 unchanged attributes hidden`.
    static func unchangedCount(_ count: Int) -> String {
        count == 1 ? "1 unchanged attribute hidden" : "\(count) unchanged attributes hidden"
    }

    static let unmanagedHeading =
        "Unmanaged resources in scope (not deleted; set policy.prune or --prune to delete):"

    /// Marks a person who has not signed up yet (their org invite is pending).
    static let pendingInviteMarker = "(pending invite)"

    static let undeclaredDelete = "# (because it is not declared in the manifest and pruning is on)"

    /// The resource's name part of its address: `acme/sales`.
    static func name(of address: ResourceAddress) -> String { address.components.joined(separator: "/") }

    /// One access change in words, without its symbol. A role that comes through a usergroup names it, saying
    /// which side of the change it explains: `(through …)` for a role gained, `(held through …)` for a role lost,
    /// `(now through …)` for the role after a change. A person who has not signed up yet is marked.
    static func access(_ access: AccessChange, pendingInvite: Bool = false) -> String {
        let words = accessWords(access, pendingInvite: pendingInvite)
        guard let via = access.via else { return words }
        let through = switch access.kind {
        case .grant: "through"
        case .revoke: "held through"
        case .change: "now through"
        }
        return "\(words) (\(through) \(via))"
    }

    private static func accessWords(_ access: AccessChange, pendingInvite: Bool) -> String {
        let who = access.identity.description + (pendingInvite ? " " + pendingInviteMarker : "")
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

    // MARK: - API budget

    /// `Apply will make 6,180 API calls; at Rill's rate limits it takes at least 21 min (…: 4,000 calls).`, or
    /// that no method goes past its burst; nil when apply makes no call.
    static func budgetLine(_ budget: ApplyBudget) -> String? {
        let total = budget.totalCalls
        guard total > 0 else { return nil }
        let calls = "Apply will make \(count(total)) API \(total == 1 ? "call" : "calls")"
        let seconds = budget.minimumSeconds
        guard seconds > 0, let slowest = budget.slowestMethod else {
            return calls + "; no method exceeds its burst of \(count(budget.limit.burst)), so \(limitsName(budget.limit)) "
                + "add no waiting."
        }
        return calls + "; at \(limitsName(budget.limit)) it takes at least \(duration(seconds)) "
            + "(\(slowest): \(count(budget.callsByMethod[slowest] ?? 0)) calls)."
    }

    /// `API calls by method (rate limit: 180 a minute per method, burst 180):`
    static func budgetHeading(_ budget: ApplyBudget) -> String {
        "API calls by method (rate limit: \(count(budget.limit.requestsPerMinute)) a minute per method, "
            + "burst \(count(budget.limit.burst))):"
    }

    /// `Rill's rate limits`, or `the configured rate limits` when they differ from Rill's.
    static func limitsName(_ limit: APIRateLimit) -> String {
        limit == .rill ? "Rill's rate limits" : "the configured rate limits"
    }

    /// `6,180`: thousands separated by commas, the same on every machine (no locale).
    static func count(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var out = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { out.append(",") }
            out.append(digit)
        }
        return (value < 0 ? "-" : "") + out
    }

    /// A lower bound, rounded down so it stays one: `0.3 s`, `42 s`, `21 min`, `2 h 5 min`.
    static func duration(_ seconds: Double) -> String {
        if seconds <= 0 { return "0 s" }
        if seconds < 10 { return "\((seconds * 10).rounded(.down) / 10) s" }
        let whole = Int(seconds.rounded(.down))
        if whole < 120 { return "\(whole) s" }
        if whole < 7200 { return "\(whole / 60) min" }
        return "\(whole / 3600) h \(whole % 3600 / 60) min"
    }
}
