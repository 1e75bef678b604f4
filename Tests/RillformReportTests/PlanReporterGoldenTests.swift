import Foundation
import RillformPlan
import RillformTestSupport
import Testing
@testable import RillformReport

@Suite("Plan reporters: golden output")
struct PlanReporterGoldenTests {
    @Test("text, no colour")
    func text() {
        GoldenFiles.reports.check(PlanTextReporter.render(ReportFixtures.richPlan, color: false), against: "plan.txt")
    }

    @Test("text, colour")
    func textColor() {
        GoldenFiles.reports.check(PlanTextReporter.render(ReportFixtures.richPlan, color: true), against: "plan-color.txt")
    }

    @Test("text, no changes")
    func textNoChanges() {
        GoldenFiles.reports.check(PlanTextReporter.render(ReportFixtures.emptyPlan, color: false), against: "plan-no-changes.txt")
    }

    @Test("JSON")
    func json() throws {
        GoldenFiles.reports.check(try PlanJSONReporter.render(ReportFixtures.richPlan), against: "plan.json")
    }

    @Test("Markdown")
    func markdown() {
        GoldenFiles.reports.check(PlanMarkdownReporter.render(ReportFixtures.richPlan), against: "plan.md")
    }

    @Test("Markdown, no changes")
    func markdownNoChanges() {
        GoldenFiles.reports.check(PlanMarkdownReporter.render(ReportFixtures.emptyPlan), against: "plan-no-changes.md")
    }
}
