import RillformModel
import RillformPlan

/// Renders a drift report for an issue or pull-request comment: hidden marker, the summary line first, one table
/// row per drifted field, then unmanaged resources, diagnostics and the full text report in `<details>`.
/// Built from the same blocks as the plan comment (``MarkdownBuilder``/``MarkdownDocument``), so it is never longer
/// than ``MarkdownDocument/commentLimit``: details go first, then rows from the middle; the summary always stays.
public enum DriftMarkdownReporter {
    /// The hidden marker CI uses to find and update its one drift issue or comment.
    public static let marker = "rillform:drift"

    public static func render(_ report: DriftReport, limit: Int = MarkdownDocument.commentLimit) -> String {
        document(for: report).render(limit: limit)
    }

    /// The document before size limiting.
    public static func document(for report: DriftReport) -> MarkdownDocument {
        var builder = MarkdownBuilder()
        builder.marker(marker)
        builder.paragraph(summary(report))
        let drifted = report.drifted
        if !drifted.isEmpty {
            builder.paragraph("Values read live → manifest: the manifest value is what `rillform apply` would restore.")
            builder.table(MarkdownTable(headers: ["Status", "Kind", "Name", "Field", "Live → Manifest", "Source"],
                                        rows: drifted.flatMap(rows)))
        }
        if !report.unmanaged.isEmpty {
            builder.details("Unmanaged resources in scope (\(report.unmanaged.count))") { details in
                details.paragraph("Live, but not declared in the manifest. Declare them (see `rillform export`) "
                    + "or delete them with `policy.prune`.")
                details.bulletList(report.unmanaged.map { resource in
                    MarkdownBuilder.code(resource.address.description)
                        + (resource.detail.map { " (" + MarkdownTable.escapeHTML($0) + ")" } ?? "")
                        + (resource.deletedByApply ? " — the next apply deletes it" : "")
                })
            }
        }
        if !report.diagnostics.isEmpty {
            builder.details("Diagnostics (\(report.diagnostics.count))") { details in
                details.bulletList(report.diagnostics.map { MarkdownTable.escapeHTML($0.description) })
            }
        }
        if report.hasDrift {
            builder.details("Full drift report", droppable: true) { details in
                details.codeBlock(DriftTextReporter.render(report, color: false), language: "text")
            }
        }
        return builder.document
    }

    /// `**Drift: 2 resources drifted, 1 unmanaged.** 14 resources in sync.` or the in-sync line.
    static func summary(_ report: DriftReport) -> String {
        let summary = report.summary
        guard summary.hasDrift else { return "**No drift.** Live state matches the manifest." }
        let inSync = summary.inSync == 1 ? "1 resource in sync." : "\(summary.inSync) resources in sync."
        return "**\(DriftWording.summaryLine(summary))** \(inSync)"
    }

    /// One row per drifted field; a resource without field details gets one row of its own.
    static func rows(for resource: DriftResource) -> [[String]] {
        let status = resource.isTokenFinding ? "tokens" : resource.status.rawValue
        let kind = resource.kind.rawValue
        let name = PlanWording.name(of: resource.address)
        let source = resource.location?.description ?? ""
        if resource.fields.isEmpty || resource.isTokenFinding {
            return [[status, kind, name, "", resource.detail ?? "", source]]
        }
        return resource.fields.map { field in
            var value = DriftWording.values(field)
            if field.forcesReplacement { value += " (forces replacement)" }
            return [status, kind, name, field.field, value, (field.location ?? resource.location)?.description ?? ""]
        }
    }
}
