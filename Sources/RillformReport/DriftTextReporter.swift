import RillformModel
import RillformPlan

/// Renders a drift report as Terraform-style text ("Objects have changed outside of …") for terminals and logs.
/// Not a stable interface: use `--format json` for machines. Values read live -> manifest.
public enum DriftTextReporter {
    public static func render(_ report: DriftReport, color: Bool) -> String {
        let style = TerminalStyle(color: color)
        var out: [String] = []
        let drifted = report.drifted
        if !drifted.isEmpty {
            out.append(style.bold(DriftWording.heading))
            out.append("")
            out.append(DriftWording.directionNote)
            out.append("")
            for resource in drifted {
                out += block(for: resource, style: style)
                out.append("")
            }
        }
        if !report.unmanaged.isEmpty {
            out.append("Unmanaged resources in scope (live, not declared in the manifest):")
            for resource in report.unmanaged {
                var line = "  \(resource.address)" + (resource.detail.map { " (\($0))" } ?? "")
                if resource.deletedByApply { line += " # the next apply deletes it" }
                out.append(line)
            }
            out.append("")
        }
        if !report.diagnostics.isEmpty {
            for diagnostic in report.diagnostics { out.append(diagnostic.description) }
            out.append("")
        }
        out.append(style.bold(DriftWording.summaryLine(report.summary)))
        return out.joined(separator: "\n") + "\n"
    }

    static func block(for resource: DriftResource, style: TerminalStyle) -> [String] {
        var lines = [style.bold("  # \(resource.address) \(DriftWording.header(of: resource))")]
        if let location = resource.location { lines.append("  # (declared at \(location))") }
        if let detail = resource.detail { lines.append("  # (\(detail))") }
        let symbol = resource.status == .missing ? style.green("+") : style.yellow("~")
        lines.append("  \(symbol) \(resource.kind.rawValue) \(JSONValue.quote(PlanWording.name(of: resource.address))) {")
        let width = resource.fields.map(\.field.count).max() ?? 0
        for field in resource.fields {
            let name = field.field + String(repeating: " ", count: width - field.field.count)
            let value = field.live == nil ? DriftWording.value(field.desired) : DriftWording.values(field)
            let fieldSymbol = field.live == nil ? style.green("+") : style.yellow("~")
            var line = "      \(fieldSymbol) \(name) = \(value)"
            if field.forcesReplacement { line += " # forces replacement" }
            if let location = field.location, location != resource.location { line += " # \(location)" }
            lines.append(line)
        }
        if resource.status == .missing, resource.fields.isEmpty, !resource.isTokenFinding {
            lines.append("        \(DriftWording.nameOnly)")
        }
        lines.append("    }")
        return lines
    }
}
