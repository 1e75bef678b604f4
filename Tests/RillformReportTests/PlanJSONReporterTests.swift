import Foundation
import RillformPlan
import Testing
@testable import RillformReport

@Suite("Plan JSON reporter")
struct PlanJSONReporterTests {
    @Test("the report is the saved plan: decoding it gives back the same plan")
    func roundTrip() throws {
        let plan = ReportFixtures.richPlan
        let text = try PlanJSONReporter.render(plan)
        #expect(try PlanJSONReporter.decode(text) == plan)
    }

    @Test("output is deterministic")
    func deterministic() throws {
        #expect(try PlanJSONReporter.render(ReportFixtures.richPlan) == PlanJSONReporter.render(ReportFixtures.richPlan))
    }

    @Test("no token secret or prefix appears in any report")
    func noSecrets() throws {
        let plan = ReportFixtures.richPlan
        for output in [try PlanJSONReporter.render(plan), PlanTextReporter.render(plan, color: false),
                       PlanMarkdownReporter.render(plan)] {
            #expect(!output.contains("rill_svc_"))
        }
    }
}
