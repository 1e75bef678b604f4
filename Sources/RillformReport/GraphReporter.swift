import RillformModel
import RillformPlan

/// Renders a plan's dependency graph: nodes are the planned changes (labelled with their symbol and address),
/// edges run from a dependency to the change that waits for it (the order `apply` follows). Deterministic: nodes
/// are numbered in the plan's address order. Mermaid (`flowchart TD`) renders in GitHub Markdown; DOT is for
/// Graphviz.
public enum GraphReporter {
    /// Mermaid source, without a Markdown fence (wrap it in ```` ```mermaid ```` to show it in a comment).
    public static func mermaid(_ plan: Plan) -> String {
        var lines = ["flowchart TD"]
        guard !plan.changes.isEmpty else {
            lines.append("  empty[\"No changes\"]")
            return lines.joined(separator: "\n") + "\n"
        }
        let ids = nodeIDs(plan)
        for change in plan.changes {
            guard let id = ids[change.address] else { continue }
            lines.append("  \(id)[\"\(mermaidEscape(label(change)))\"]:::\(styleClass(change))")
        }
        for (from, to) in edges(plan, ids: ids) { lines.append("  \(from) --> \(to)") }
        let used = Set(plan.changes.map(styleClass))
        for (name, style) in classStyles where used.contains(name) {
            lines.append("  classDef \(name) \(style)")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Graphviz DOT source.
    public static func dot(_ plan: Plan) -> String {
        var lines = ["digraph rillform {", "  rankdir=TB;", "  node [shape=box, fontname=\"monospace\"];"]
        if plan.changes.isEmpty {
            lines.append("  empty [label=\"No changes\"];")
        }
        let ids = nodeIDs(plan)
        for change in plan.changes {
            guard let id = ids[change.address] else { continue }
            lines.append("  \(id) [label=\"\(dotEscape(label(change)))\", color=\"\(dotColor(change))\"];")
        }
        for (from, to) in edges(plan, ids: ids) { lines.append("  \(from) -> \(to);") }
        lines.append("}")
        return lines.joined(separator: "\n") + "\n"
    }

    /// `~ project.acme/sales`, or `no-op` symbol-less for unknown operations.
    static func label(_ change: ResourceChange) -> String {
        let symbol = ChangeSymbol(change.operation)?.text ?? "="
        var text = "\(symbol) \(change.address)"
        if let rename = change.rename { text += " (from \(rename.from))" }
        return text
    }

    private static func nodeIDs(_ plan: Plan) -> [ResourceAddress: String] {
        var ids: [ResourceAddress: String] = [:]
        for (index, change) in plan.changes.enumerated() { ids[change.address] = "n\(index)" }
        return ids
    }

    /// Dependency → dependent, sorted by the dependent's then the dependency's position.
    private static func edges(_ plan: Plan, ids: [ResourceAddress: String]) -> [(String, String)] {
        plan.changes.flatMap { change -> [(String, String)] in
            guard let to = ids[change.address] else { return [] }
            return change.dependencies.sorted().compactMap { dependency in ids[dependency].map { ($0, to) } }
        }
    }

    private static func styleClass(_ change: ResourceChange) -> String {
        switch change.operation {
        case .create: "create"
        case .update: "update"
        case .delete: "destroy"
        case .replace: "replace"
        case .noOp: "noop"
        }
    }

    private static let classStyles: [(String, String)] = [
        ("create", "fill:#e6ffed,stroke:#2da44e,color:#1a7f37"),
        ("update", "fill:#fff8c5,stroke:#bf8700,color:#7d4e00"),
        ("destroy", "fill:#ffebe9,stroke:#cf222e,color:#a40e26"),
        ("replace", "fill:#fbefff,stroke:#8250df,color:#6639ba"),
        ("noop", "fill:#f6f8fa,stroke:#57606a,color:#24292f"),
    ]

    private static func dotColor(_ change: ResourceChange) -> String {
        switch change.operation {
        case .create: "darkgreen"
        case .update: "goldenrod"
        case .delete: "red"
        case .replace: "purple"
        case .noOp: "gray"
        }
    }

    /// Mermaid labels in `"…"`: quotes and markup characters as entity codes (`#quot;`), so data cannot break out.
    static func mermaidEscape(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "\"": out += "#quot;"
            case "<": out += "#lt;"
            case ">": out += "#gt;"
            case "#": out += "#35;"
            case "\n", "\r": out += " "
            default: out.append(character)
            }
        }
        return out
    }

    /// DOT string escaping: backslash and quote; newlines become spaces.
    static func dotEscape(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\n", "\r": out += " "
            default: out.append(character)
            }
        }
        return out
    }
}
