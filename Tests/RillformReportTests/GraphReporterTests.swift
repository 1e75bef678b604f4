import Foundation
import RillformModel
import RillformPlan
import RillformTestSupport
import Testing
@testable import RillformReport

@Suite("Graph reporter")
struct GraphReporterTests {
    @Test("Mermaid, golden")
    func mermaid() {
        GoldenFiles.reports.check(GraphReporter.mermaid(ReportFixtures.richPlan), against: "graph.mmd")
    }

    @Test("DOT, golden")
    func dot() {
        GoldenFiles.reports.check(GraphReporter.dot(ReportFixtures.richPlan), against: "graph.dot")
    }

    @Test("every dependency is an edge from the dependency to the dependent, and nodes follow the plan's order")
    func edges() throws {
        let plan = ReportFixtures.richPlan
        let output = GraphReporter.mermaid(plan)
        let ids = Dictionary(uniqueKeysWithValues: plan.changes.enumerated().map { ($0.element.address, "n\($0.offset)") })
        var expected = 0
        for change in plan.changes {
            for dependency in change.dependencies {
                let from = try #require(ids[dependency])
                let to = try #require(ids[change.address])
                #expect(output.contains("  \(from) --> \(to)\n"))
                expected += 1
            }
        }
        #expect(expected > 0)
        #expect(output.components(separatedBy: " --> ").count - 1 == expected)
        #expect(GraphReporter.mermaid(plan) == output)
    }

    @Test("labels cannot break out of their quotes")
    func escaping() {
        #expect(GraphReporter.mermaidEscape("a\"b<c>#d") == "a#quot;b#lt;c#gt;#35;d")
        #expect(GraphReporter.dotEscape("a\"b\\c") == "a\\\"b\\\\c")
    }

    @Test("an empty plan says so")
    func empty() {
        #expect(GraphReporter.mermaid(ReportFixtures.emptyPlan) == "flowchart TD\n  empty[\"No changes\"]\n")
    }
}
