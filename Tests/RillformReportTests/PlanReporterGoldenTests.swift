import Foundation
import RillformPlan
import Testing
@testable import RillformReport

@Suite("Plan reporters: golden output")
struct PlanReporterGoldenTests {
    @Test("text, no colour")
    func text() {
        GoldenFile.check(PlanTextReporter.render(ReportFixtures.richPlan, color: false), against: "plan.txt")
    }

    @Test("text, colour")
    func textColor() {
        GoldenFile.check(PlanTextReporter.render(ReportFixtures.richPlan, color: true), against: "plan-color.txt")
    }

    @Test("text, no changes")
    func textNoChanges() {
        GoldenFile.check(PlanTextReporter.render(ReportFixtures.emptyPlan, color: false), against: "plan-no-changes.txt")
    }

    @Test("JSON")
    func json() throws {
        GoldenFile.check(try PlanJSONReporter.render(ReportFixtures.richPlan), against: "plan.json")
    }

    @Test("Markdown")
    func markdown() {
        GoldenFile.check(PlanMarkdownReporter.render(ReportFixtures.richPlan), against: "plan.md")
    }

    @Test("Markdown, no changes")
    func markdownNoChanges() {
        GoldenFile.check(PlanMarkdownReporter.render(ReportFixtures.emptyPlan), against: "plan-no-changes.md")
    }
}
