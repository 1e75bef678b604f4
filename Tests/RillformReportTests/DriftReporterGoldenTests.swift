import Foundation
import RillformModel
import RillformPlan
import RillformTestSupport
import Testing
@testable import RillformReport

/// Drift reports built by the real planner from small states, so the goldens show what users will see.
enum DriftFixtures {
    static let now = Date(timeIntervalSince1970: 1_795_000_000)
    static let file = "rillform.yaml"

    static func located<T>(_ value: T, _ line: Int, _ column: Int = 5) -> Located<T> {
        Located(value, at: SourceLocation(file: file, line: line, column: column))
    }

    /// One of everything: changed fields (one with characters that need escaping), a missing project with its
    /// deployment, a replace, an unmet token policy, unmanaged resources (one deleted by prune), a planner note.
    static var richReport: DriftReport {
        let acme = DesiredOrg(
            name: located("acme", 3, 11), description: located("Acme", 4),
            projects: [
                DesiredProject(name: located("sales", 7), description: located("Sales <pipeline> & \"forecast\"", 8),
                               prodSlots: located(2, 9),
                               deployments: [DesiredDeployment(environment: located(.prod, 11),
                                                               state: located(.running, 12))]),
                DesiredProject(name: located("finance", 14),
                               deployments: [DesiredDeployment(environment: located(.prod, 16))]),
                DesiredProject(name: located("archive", 18), deployments: []),
            ],
            services: [
                DesiredService(name: located("reporting", 22), orgRole: located(.editor, 23),
                               projectRoles: ["sales": located(.admin, 25)],
                               attributes: located(["region": .string("eu")], 27),
                               tokenPolicy: TokenPolicy(location: SourceLocation(file: file, line: 29, column: 9))),
                DesiredService(name: located("loader", 31), orgRole: located(.viewer, 32)),
            ])
        let globex = DesiredOrg(name: located("globex", 35, 11), policy: Policy(prune: located(true, 37)))
        let live = LiveState(orgs: [
            "acme": LiveOrg(
                id: "o-acme", name: "acme", description: "Acme",
                projects: [
                    "sales": LiveProject(id: "p-sales", name: "sales", description: "Sales | edited in the UI",
                                         prodSlots: 4,
                                         deployments: [LiveDeployment(id: "d-1", environment: "prod",
                                                                      status: "DEPLOYMENT_STATUS_STOPPED")]),
                    "archive": LiveProject(id: "p-archive", name: "archive",
                                           deployments: [LiveDeployment(id: "d-2", environment: "prod")]),
                    "legacy": LiveProject(id: "p-legacy", name: "legacy"),
                ],
                services: [
                    "reporting": LiveService(id: "s-rep", name: "reporting", orgRole: .viewer,
                                             attributes: ["region": .string("us")], projectRoles: ["sales": .viewer]),
                    "loader": LiveService(id: "s-load", name: "loader", projectRoles: ["archive": .editor]),
                    "stray": LiveService(id: "s-stray", name: "stray", orgRole: .admin),
                ]),
            "globex": LiveOrg(id: "o-globex", name: "globex",
                              projects: ["old": LiveProject(id: "p-old", name: "old")]),
        ])
        let desired = DesiredState(orgs: [acme, globex])
        let options = PlanOptions(now: now)
        let plan = Planner.plan(desired: desired, live: live, options: options)
        return DriftReport(plan: plan, desired: desired, options: options)
    }

    static var inSyncReport: DriftReport {
        let org = DesiredOrg(name: located("acme", 3, 11), description: located("Acme", 4),
                             projects: [DesiredProject(name: located("sales", 7), description: located("Sales", 8))])
        let live = LiveState(orgs: ["acme": LiveOrg(
            id: "o-acme", name: "acme", description: "Acme",
            projects: ["sales": LiveProject(id: "p-sales", name: "sales", description: "Sales")])])
        let desired = DesiredState(orgs: [org])
        let options = PlanOptions(now: now)
        return DriftReport(plan: Planner.plan(desired: desired, live: live, options: options), desired: desired,
                           options: options)
    }
}

@Suite("Drift reporters: golden output")
struct DriftReporterGoldenTests {
    @Test("text")
    func text() {
        GoldenFiles.reports.check(DriftTextReporter.render(DriftFixtures.richReport, color: false), against: "drift.txt")
    }

    @Test("text, in sync")
    func textInSync() {
        let output = DriftTextReporter.render(DriftFixtures.inSyncReport, color: false)
        GoldenFiles.reports.check(output, against: "drift-in-sync.txt")
        #expect(output == "No drift. Live state matches the manifest.\n")
    }

    @Test("JSON")
    func json() throws {
        GoldenFiles.reports.check(try DriftJSONReporter.render(DriftFixtures.richReport), against: "drift.json")
    }

    @Test("Markdown")
    func markdown() {
        GoldenFiles.reports.check(DriftMarkdownReporter.render(DriftFixtures.richReport), against: "drift.md")
    }

    @Test("Markdown, in sync")
    func markdownInSync() {
        GoldenFiles.reports.check(DriftMarkdownReporter.render(DriftFixtures.inSyncReport), against: "drift-in-sync.md")
    }

    @Test("JUnit XML")
    func junit() {
        GoldenFiles.reports.check(DriftJUnitReporter.render(DriftFixtures.richReport), against: "drift.junit.xml")
    }

    @Test("SARIF")
    func sarif() {
        GoldenFiles.reports.check(DriftSARIFReporter.render(DriftFixtures.richReport, toolVersion: "0.0.0-test"),
                         against: "drift.sarif")
    }

    @Test("GitHub annotations")
    func github() {
        GoldenFiles.reports.check(DriftGitHubReporter.render(DriftFixtures.richReport), against: "drift-github.txt")
    }
}
