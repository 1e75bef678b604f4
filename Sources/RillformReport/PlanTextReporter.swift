import RillformModel
import RillformPlan

/// Renders a plan as Terraform-style text for terminals and logs. Not a stable interface: use the JSON report for
/// machines. Colour (green `+`, yellow `~`, red `-`) only when `color` is true.
public enum PlanTextReporter {
    /// The plan as text, ending with `Plan: …` or `No changes. …` and a newline.
    public static func render(_ plan: Plan, color: Bool) -> String {
        let style = TerminalStyle(color: color)
        var out: [String] = []

        let symbols = ChangeSymbol.allCases.filter { symbol in
            plan.changes.contains { ChangeSymbol($0.operation) == symbol }
        }
        if !symbols.isEmpty {
            out.append("Resource actions are indicated with the following symbols:")
            for symbol in symbols { out.append("\(symbol.padded(style)) \(symbol.legend)") }
            out.append("")
            out.append("Rillform will perform the following actions:")
            out.append("")
            for change in plan.changes {
                out += block(for: change, style: style, pendingInvite: plan.isPendingInvite(change.address))
                out.append("")
            }
        }

        if !plan.accessChanges.isEmpty {
            out.append("Access changes:")
            for access in plan.accessChanges {
                let words = PlanWording.access(access, pendingInvite: plan.isPendingInvite(access.identity))
                out.append("\(PlanWording.accessSymbol(access.kind).padded(style)) \(words)")
            }
            out.append("")
        }

        if !plan.unmanaged.isEmpty {
            out.append(PlanWording.unmanagedHeading)
            for resource in plan.unmanaged {
                out.append("  \(resource.address)" + (resource.detail.map { " (\($0))" } ?? ""))
            }
            out.append("")
        }

        if !plan.diagnostics.isEmpty {
            for diagnostic in plan.diagnostics { out.append(diagnostic.description) }
            out.append("")
        }

        out += budgetLines(plan.budget)
        if let tokens = PlanWording.tokenLine(plan.summary) { out.append(tokens) }
        out.append(style.bold(PlanWording.summaryLine(plan.summary)))
        return out.joined(separator: "\n") + "\n"
    }

    /// The calls apply will make per method, then the call total and the lower bound on its duration under the
    /// rate limits; nothing when apply makes no call.
    static func budgetLines(_ budget: ApplyBudget) -> [String] {
        guard let line = PlanWording.budgetLine(budget) else { return [] }
        let methods = budget.sortedMethods
        let counts = methods.map { PlanWording.count($0.calls) }
        let width = methods.map(\.method.count).max() ?? 0
        let countWidth = counts.map(\.count).max() ?? 0
        var lines = [PlanWording.budgetHeading(budget)]
        for (entry, count) in zip(methods, counts) {
            lines.append("  " + entry.method + String(repeating: " ", count: width - entry.method.count) + "  "
                + String(repeating: " ", count: countWidth - count.count) + count)
        }
        return lines + [line, ""]
    }

    /// One change: `# address will be …` (marked `(pending invite)` for a person who has not signed up yet),
    /// provenance, then `  ~ kind "name" {` with its attribute lines.
    static func block(for change: ResourceChange, style: TerminalStyle, pendingInvite: Bool = false) -> [String] {
        guard let symbol = ChangeSymbol(change.operation) else { return [] }
        let marker = pendingInvite ? " " + PlanWording.pendingInviteMarker : ""
        var lines = [style.bold("  # \(change.address) \(PlanWording.header(of: change))\(marker)")]
        if let location = change.location {
            lines.append("  # (from \(location))")
        } else if change.operation == .delete {
            lines.append("  \(PlanWording.undeclaredDelete)")
        }
        if let reason = change.replaceReason { lines.append("  # (forces replacement: \(reason))") }
        lines.append("\(symbol.padded(style)) \(change.kind.rawValue) \(JSONValue.quote(PlanWording.name(of: change.address))) {")

        var rows: [AttributeRow] = change.fieldChanges.map { field in attributeRow(field, in: change) }
        if let tokens = change.tokenChange {
            if tokens.issue > 0 { rows.append(AttributeRow(symbol: .create, name: "token", value: PlanWording.tokenIssue(tokens.issue))) }
            if !tokens.revokeIDs.isEmpty {
                rows.append(AttributeRow(symbol: .delete, name: "tokens", value: PlanWording.tokenRevoke(tokens.revokeIDs.count)
                    + " # " + tokens.revokeIDs.joined(separator: ", ")))
            }
        }
        let width = rows.map(\.name.count).max() ?? 0
        for row in rows {
            let name = row.name + String(repeating: " ", count: width - row.name.count)
            let prefix = row.symbol.map { "      \($0.colored(style)) " } ?? "        "
            lines.append("\(prefix)\(name) = \(row.value)")
            // A map shows per key below its `name = {` line, its closing brace under the name.
            if let nested = row.nested { lines += nested.lines(indent: 8, style: style) }
        }
        if let tokens = change.tokenChange, !tokens.reason.isEmpty { lines.append("        # \(tokens.reason)") }
        for note in change.notes { lines.append("        # \(note)") }
        if change.unchangedFieldCount > 0 { lines.append("        \(PlanWording.unchangedHidden(change.unchangedFieldCount))") }
        lines.append("    }")
        return lines
    }

    /// One attribute line; `nested` holds a map's per-key diff (then `value` is `{`).
    struct AttributeRow {
        var symbol: ChangeSymbol?
        var name: String
        var value: String
        var nested: NestedDiff?
    }

    /// `+ name = value`, `- name = value -> null`, `~ name = before -> after`, `# forces replacement` suffix;
    /// a map (service `attributes`) as `~ name = {` with one line per differing key.
    static func attributeRow(_ field: FieldChange, in change: ResourceChange) -> AttributeRow {
        let suffix = field.forcesReplacement ? " # forces replacement" : ""
        let symbol: ChangeSymbol?
        switch (change.operation, field.before, field.after) {
        case (.create, _, _?), (_, nil, _?): symbol = .create
        case (_, _?, nil): symbol = .delete
        case (_, let before?, let after?) where before == after:
            return AttributeRow(symbol: nil, name: field.field, value: after.description)
        case (_, _?, _?): symbol = .update
        default: return AttributeRow(symbol: nil, name: field.field, value: "null")
        }
        // On a create the live side is irrelevant: show the desired map in full.
        let before = change.operation == .create ? nil : field.before
        if let nested = NestedDiff(before: before, after: field.after) {
            return AttributeRow(symbol: symbol, name: field.field, value: "{" + suffix, nested: nested)
        }
        let value = switch symbol {
        case .create?: (field.after?.description ?? "null")
        case .delete?: "\(field.before?.description ?? "null") -> null"
        default: "\(field.before?.description ?? "null") -> \(field.after?.description ?? "null")"
        }
        return AttributeRow(symbol: symbol, name: field.field, value: value + suffix)
    }
}
