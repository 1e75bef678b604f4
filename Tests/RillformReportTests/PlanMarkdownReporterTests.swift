import Foundation
import RillformModel
import RillformPlan
import Testing
@testable import RillformReport

@Suite("Plan Markdown reporter and Markdown building blocks")
struct PlanMarkdownReporterTests {
    /// A plan with `count` updated projects, each with a long description.
    private func bigPlan(_ count: Int) -> Plan {
        let changes = (0..<count).map { index in
            ResourceChange(
                address: .project("acme", String(format: "p%05d", index)), actions: [.update],
                fieldChanges: [FieldChange(field: "description", before: .string(String(repeating: "a", count: 80)),
                                           after: .string(String(repeating: "b", count: 80)),
                                           location: SourceLocation(file: "big.yaml", line: index + 1, column: 3))])
        }
        return Plan(plannedAt: ReportFixtures.now, scope: ["acme"], changes: changes,
                    summary: PlanSummary(changes: changes, unchanged: 0))
    }

    @Test("the marker and the summary come first")
    func markerAndSummaryFirst() {
        let markdown = PlanMarkdownReporter.render(ReportFixtures.richPlan)
        #expect(markdown.hasPrefix("<!-- rillform:plan -->\n\n**Plan: "))
    }

    @Test("a huge plan stays under the limit, keeps the summary and both ends of the table, and says what was cut")
    func truncatesTheMiddle() throws {
        let plan = bigPlan(2_000)
        #expect(MarkdownDocument.length(PlanMarkdownReporter.document(for: plan).render(limit: .max)) > 300_000)
        let markdown = PlanMarkdownReporter.render(plan)
        #expect(markdown.unicodeScalars.count <= MarkdownDocument.commentLimit)
        #expect(markdown.hasPrefix("<!-- rillform:plan -->\n\n**Plan: 0 to add, 2000 to change, 0 to destroy.**"))
        #expect(markdown.contains("| acme/p00000 |"))
        #expect(markdown.contains("| acme/p01999 |"))
        #expect(!markdown.contains("| acme/p01000 |"))
        #expect(markdown.contains("row(s) cut from the middle to stay under 65000 characters"))
        #expect(markdown.contains("_Full plan: omitted, the comment would exceed 65000 characters._"))
    }

    @Test("a plan that fits is not truncated")
    func fitsUntouched() {
        let markdown = PlanMarkdownReporter.render(bigPlan(5))
        #expect(!markdown.contains("cut from the middle"))
        #expect(markdown.contains("<details><summary>Full plan</summary>"))
    }

    @Test("table cells escape pipes, newlines and HTML")
    func escaping() {
        #expect(MarkdownTable.escapeCell("a|b\nc<script>&") == #"a\|b<br>c&lt;script>&amp;"#)
        let table = MarkdownTable(headers: ["A", "B"], rows: [["x|y", "z"]])
        #expect(table.rendered == "| A | B |\n|---|---|\n| x\\|y | z |")
    }

    @Test("code blocks and inline code survive backticks in the content")
    func fences() {
        #expect(MarkdownBuilder.fenced("a ``` b", language: "text") == "````text\na ``` b\n````")
        #expect(MarkdownBuilder.code("a`b") == "``a`b``")
    }

    @Test("the last resort cuts the text itself when even the summary is too long")
    func lastResort() {
        var builder = MarkdownBuilder()
        builder.paragraph(String(repeating: "x", count: 500))
        let text = builder.document.render(limit: 200)
        #expect(text.unicodeScalars.count <= 200)
        #expect(text.contains("truncated in the middle"))
    }
}
