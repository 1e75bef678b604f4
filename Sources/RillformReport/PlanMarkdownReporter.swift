import RillformModel
import RillformPlan

/// Renders a plan as a pull-request comment: hidden marker, summary line first, one table row per changed field,
/// then access changes, unmanaged resources, diagnostics and the full text plan in `<details>`. Never longer than
/// ``MarkdownDocument/commentLimit``: the middle is cut first, the summary is kept.
public enum PlanMarkdownReporter {
    /// The hidden marker CI uses to find and update its sticky comment.
    public static let marker = "rillform:plan"

    /// The comment text, at most `limit` characters.
    public static func render(_ plan: Plan, limit: Int = MarkdownDocument.commentLimit) -> String {
        document(for: plan).render(limit: limit)
    }

    /// The document before size limiting (reusable by callers that add their own blocks).
    public static func document(for plan: Plan) -> MarkdownDocument {
        var builder = MarkdownBuilder()
        builder.marker(marker)
        builder.paragraph(summary(plan))

        if !plan.changes.isEmpty {
            builder.table(MarkdownTable(headers: ["Op", "Kind", "Name", "Field", "Old → New", "Source"],
                                        rows: plan.changes.flatMap { rows(for: $0, pendingInvite: plan.isPendingInvite($0.address)) }))
        }
        let budget = plan.budget
        if let line = PlanWording.budgetLine(budget) {
            builder.paragraph(MarkdownTable.escapeHTML(line))
            builder.details("API calls by method (\(budget.callsByMethod.count))") { details in
                details.paragraph(MarkdownTable.escapeHTML(
                    "Rate limit: \(PlanWording.count(budget.limit.requestsPerMinute)) a minute per method, burst "
                        + "\(PlanWording.count(budget.limit.burst)). Methods are limited separately, so they proceed in parallel."))
                details.table(MarkdownTable(headers: ["Method", "Calls", "At least"], rows: budget.sortedMethods.map { entry in
                    [entry.method, PlanWording.count(entry.calls),
                     PlanWording.duration(budget.limit.minimumSeconds(calls: entry.calls))]
                }))
            }
        }
        if !plan.accessChanges.isEmpty {
            builder.details("Access changes (\(plan.accessChanges.count))") { details in
                details.bulletList(plan.accessChanges.map { access in
                    "`\(PlanWording.accessSymbol(access.kind).text)` "
                        + MarkdownTable.escapeHTML(
                            PlanWording.access(access, pendingInvite: plan.isPendingInvite(access.identity)))
                })
            }
        }
        if !plan.unmanaged.isEmpty {
            builder.details("Unmanaged resources in scope (\(plan.unmanaged.count))") { details in
                details.paragraph("Not deleted; set `policy.prune` or `--prune` to delete them.")
                details.bulletList(plan.unmanaged.map { resource in
                    MarkdownBuilder.code(resource.address.description)
                        + (resource.detail.map { " (" + MarkdownTable.escapeHTML($0) + ")" } ?? "")
                })
            }
        }
        if !plan.diagnostics.isEmpty {
            builder.details("Diagnostics (\(plan.diagnostics.count))") { details in
                details.bulletList(plan.diagnostics.map { MarkdownTable.escapeHTML($0.description) })
            }
        }
        if !plan.changes.isEmpty {
            builder.details("Full plan", droppable: true) { details in
                details.codeBlock(PlanTextReporter.render(plan, color: false), language: "text")
            }
        }
        return builder.document
    }

    /// `**Plan: 2 to add, 1 to change, 0 to destroy.**` plus renames and token work when present.
    static func summary(_ plan: Plan) -> String {
        let summary = plan.summary
        if summary.isEmpty {
            return "**No changes.** Your infrastructure matches the configuration."
        }
        var extras: [String] = []
        if summary.rename > 0 { extras.append("\(summary.rename) to rename") }
        if summary.tokenIssue > 0 { extras.append("\(summary.tokenIssue) token(s) to issue") }
        if summary.tokenRevoke > 0 { extras.append("\(summary.tokenRevoke) token(s) to revoke") }
        let line = "**\(PlanWording.summaryLine(summary))**"
        return extras.isEmpty ? line : line + " (" + extras.joined(separator: ", ") + ")"
    }

    /// One row per changed field; a change without fields (e.g. tokens) gets one row of its own.
    static func rows(for change: ResourceChange, pendingInvite: Bool = false) -> [[String]] {
        let op = operationLabel(change)
        let kind = change.kind.rawValue
        let name = PlanWording.name(of: change.address) + (pendingInvite ? " " + PlanWording.pendingInviteMarker : "")
        let source = { (field: FieldChange) in (field.location ?? change.location)?.description ?? "" }
        var rows: [[String]] = []
        for field in change.fieldChanges {
            // A map (service `attributes`) gets a row per differing key, as the text plan shows it.
            let before = change.operation == .create ? nil : field.before
            if field.before != field.after, let nested = NestedDiff(before: before, after: field.after) {
                let flat = nested.flattened(path: field.field)
                for entry in flat.changes {
                    var value = "\(entry.before?.description ?? "null") → \(entry.after?.description ?? "null")"
                    if field.forcesReplacement { value += " (forces replacement)" }
                    rows.append([op, kind, name, entry.path, value, source(field)])
                }
                for hidden in flat.unchanged {
                    rows.append([op, kind, name, hidden.path,
                                 "(\(PlanWording.unchangedCount(hidden.count)))", source(field)])
                }
                continue
            }
            var value = "\(field.before?.description ?? "null") → \(field.after?.description ?? "null")"
            if field.forcesReplacement { value += " (forces replacement)" }
            rows.append([op, kind, name, field.field, value, source(field)])
        }
        if let tokens = change.tokenChange {
            var parts: [String] = []
            if tokens.issue > 0 { parts.append(PlanWording.tokenIssue(tokens.issue)) }
            if !tokens.revokeIDs.isEmpty { parts.append(PlanWording.tokenRevoke(tokens.revokeIDs.count)) }
            rows.append([op, kind, name, "tokens", parts.joined(separator: " "), change.location?.description ?? ""])
        }
        if rows.isEmpty { rows.append([op, kind, name, "", "", change.location?.description ?? ""]) }
        return rows
    }

    static func operationLabel(_ change: ResourceChange) -> String {
        guard let symbol = ChangeSymbol(change.operation) else { return "no-op" }
        let word = switch change.operation {
        case .create: "create"
        case .update: change.rename == nil ? "update" : "rename"
        case .delete: "destroy"
        case .replace: "replace"
        case .noOp: "no-op"
        }
        return "\(symbol.text) \(word)"
    }
}
