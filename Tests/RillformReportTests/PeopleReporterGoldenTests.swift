import Foundation
import RillformModel
import RillformPlan
import RillformTestSupport
import Testing
@testable import RillformReport

/// Issue 14: golden files guard every report format for the people kinds.
@Suite("People: golden output of every report format")
struct PeopleReporterGoldenTests {
    @Test("plan, text without colour")
    func planText() {
        GoldenFiles.reports.check(PlanTextReporter.render(PeopleReportFixtures.plan, color: false), against: "people-plan.txt")
    }

    @Test("plan, Markdown")
    func planMarkdown() {
        GoldenFiles.reports.check(PlanMarkdownReporter.render(PeopleReportFixtures.plan), against: "people-plan.md")
    }

    @Test("plan, JSON")
    func planJSON() throws {
        GoldenFiles.reports.check(try PlanJSONReporter.render(PeopleReportFixtures.plan), against: "people-plan.json")
    }

    @Test("graph, Mermaid")
    func graphMermaid() {
        GoldenFiles.reports.check(GraphReporter.mermaid(PeopleReportFixtures.plan), against: "people-graph.mmd")
    }

    @Test("graph, DOT")
    func graphDOT() {
        GoldenFiles.reports.check(GraphReporter.dot(PeopleReportFixtures.plan), against: "people-graph.dot")
    }

    @Test("drift, text")
    func driftText() {
        GoldenFiles.reports.check(DriftTextReporter.render(PeopleReportFixtures.driftReport, color: false),
                                  against: "people-drift.txt")
    }

    @Test("drift, Markdown")
    func driftMarkdown() {
        GoldenFiles.reports.check(DriftMarkdownReporter.render(PeopleReportFixtures.driftReport), against: "people-drift.md")
    }

    @Test("drift, JSON")
    func driftJSON() throws {
        GoldenFiles.reports.check(try DriftJSONReporter.render(PeopleReportFixtures.driftReport), against: "people-drift.json")
    }

    @Test("drift, SARIF")
    func driftSARIF() {
        GoldenFiles.reports.check(DriftSARIFReporter.render(PeopleReportFixtures.driftReport, toolVersion: "0.0.0-test"),
                                  against: "people-drift.sarif")
    }

    @Test("drift, JUnit XML")
    func driftJUnit() {
        GoldenFiles.reports.check(DriftJUnitReporter.render(PeopleReportFixtures.driftReport), against: "people-drift.junit.xml")
    }

    @Test("drift, GitHub annotations")
    func driftGitHub() {
        GoldenFiles.reports.check(DriftGitHubReporter.render(PeopleReportFixtures.driftReport), against: "people-drift-github.txt")
    }
}
