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
                out += block(for: change, style: style)
                out.append("")
            }
        }

        if !plan.accessChanges.isEmpty {
            out.append("Access changes:")
            for access in plan.accessChanges {
                out.append("\(PlanWording.accessSymbol(access.kind).padded(style)) \(PlanWording.access(access))")
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

        if let tokens = PlanWording.tokenLine(plan.summary) { out.append(tokens) }
        out.append(style.bold(PlanWording.summaryLine(plan.summary)))
        return out.joined(separator: "\n") + "\n"
    }

    /// One change: `# address will be …`, provenance, then `  ~ kind "name" {` with its attribute lines.
    static func block(for change: ResourceChange, style: TerminalStyle) -> [String] {
        guard let symbol = ChangeSymbol(change.operation) else { return [] }
        var lines = [style.bold("  # \(change.address) \(PlanWording.header(of: change))")]
        if let location = change.location {
            lines.append("  # (from \(location))")
        } else if change.operation == .delete {
            lines.append("  \(PlanWording.undeclaredDelete)")
        }
        if let reason = change.replaceReason { lines.append("  # (forces replacement: \(reason))") }
        lines.append("\(symbol.padded(style)) \(change.kind.rawValue) \(JSONValue.quote(PlanWording.name(of: change.address))) {")

        var rows: [(symbol: ChangeSymbol?, name: String, value: String)] = change.fieldChanges.map { field in
            attributeRow(field, in: change)
        }
        if let tokens = change.tokenChange {
            if tokens.issue > 0 { rows.append((.create, "token", PlanWording.tokenIssue(tokens.issue))) }
            if !tokens.revokeIDs.isEmpty {
                rows.append((.delete, "tokens", PlanWording.tokenRevoke(tokens.revokeIDs.count)
                    + " # " + tokens.revokeIDs.joined(separator: ", ")))
            }
        }
        let width = rows.map(\.name.count).max() ?? 0
        for row in rows {
            let name = row.name + String(repeating: " ", count: width - row.name.count)
            let prefix = row.symbol.map { "      \($0.colored(style)) " } ?? "        "
            lines.append("\(prefix)\(name) = \(row.value)")
        }
        if let tokens = change.tokenChange, !tokens.reason.isEmpty { lines.append("        # \(tokens.reason)") }
        for note in change.notes { lines.append("        # \(note)") }
        if change.unchangedFieldCount > 0 { lines.append("        \(PlanWording.unchangedHidden(change.unchangedFieldCount))") }
        lines.append("    }")
        return lines
    }

    /// `+ name = value`, `- name = value -> null`, `~ name = before -> after`, `# forces replacement` suffix.
    private static func attributeRow(_ field: FieldChange, in change: ResourceChange)
        -> (symbol: ChangeSymbol?, name: String, value: String)
    {
        let suffix = field.forcesReplacement ? " # forces replacement" : ""
        switch (change.operation, field.before, field.after) {
        case (.create, _, let after?):
            return (.create, field.field, after.description + suffix)
        case (_, nil, let after?):
            return (.create, field.field, after.description + suffix)
        case (_, let before?, nil):
            return (.delete, field.field, "\(before.description) -> null" + suffix)
        case (_, let before?, let after?) where before == after:
            return (nil, field.field, after.description)
        case (_, let before?, let after?):
            return (.update, field.field, "\(before.description) -> \(after.description)" + suffix)
        default:
            return (nil, field.field, "null")
        }
    }
}
