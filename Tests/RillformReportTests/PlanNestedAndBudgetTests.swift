import Foundation
import RillformModel
import RillformPlan
import Testing
@testable import RillformReport

@Suite("Plan reporters: nested attribute diffs and the API budget")
struct PlanNestedAndBudgetTests {
    private func plan(_ changes: [ResourceChange]) -> Plan {
        Plan(plannedAt: ReportFixtures.now, scope: ["acme"], changes: changes,
             summary: PlanSummary(changes: changes, unchanged: 0))
    }

    private func attributesUpdate(_ before: [String: JSONValue], _ after: [String: JSONValue]) -> ResourceChange {
        ResourceChange(address: .service("acme", "bot"), actions: [.update], fieldChanges: [
            FieldChange(field: "attributes", before: .object(before), after: .object(after)),
            FieldChange(field: "org_role", before: .string("viewer"), after: .string("editor")),
        ], live: LiveReference(id: "s1", name: "bot"))
    }

    @Test("text: one line per differing key (+ added, - removed, ~ changed), unchanged siblings hidden")
    func textPerKey() {
        let change = attributesUpdate(
            ["region": .string("us"), "tier": .number(2), "team": .string("bi"), "old": .bool(true), "keep": .number(1)],
            ["region": .string("eu"), "tier": .number(2), "team": .string("bi"), "new key": .string("x"), "keep": .number(1)])
        let text = PlanTextReporter.render(plan([change]), color: false)
        #expect(text.contains("""
              ~ service "acme/bot" {
                  ~ attributes = {
                      + "new key" = "x"
                      - "old"     = true -> null
                      ~ "region"  = "us" -> "eu"
                        # (3 unchanged attributes hidden)
                    }
                  ~ org_role   = "viewer" -> "editor"
                }

            """))
        #expect(!text.contains("{\"keep\""))
    }

    @Test("text: objects inside attributes are diffed the same way; a create lists every key")
    func textNestedAndCreate() {
        let update = attributesUpdate(["geo": .object(["region": .string("us"), "zone": .string("a")])],
                                      ["geo": .object(["region": .string("eu"), "zone": .string("a")])])
        let text = PlanTextReporter.render(plan([update]), color: false)
        #expect(text.contains("""
                  ~ attributes = {
                      ~ "geo" = {
                          ~ "region" = "us" -> "eu"
                            # (1 unchanged attribute hidden)
                        }
                    }

            """))
        let create = ResourceChange(address: .service("acme", "new"), actions: [.create], fieldChanges: [
            FieldChange(field: "attributes", before: nil, after: .object(["a": .number(1), "b": .string("x")])),
        ])
        #expect(PlanTextReporter.render(plan([create]), color: false).contains("""
                  + attributes = {
                      + "a" = 1
                      + "b" = "x"
                    }

            """))
    }

    @Test("text: a key cannot fake a line; a scalar or empty map stays on one line")
    func textEscapingAndScalars() {
        let change = attributesUpdate(["x": .number(1)], ["x\n  ~ evil": .number(1)])
        let text = PlanTextReporter.render(plan([change]), color: false)
        #expect(text.contains("+ \"x\\n  ~ evil\" = 1\n"))
        let cleared = ResourceChange(address: .service("acme", "bot"), actions: [.update], fieldChanges: [
            FieldChange(field: "attributes", before: .object([:]), after: .object(["a": .number(1)])),
        ])
        #expect(PlanTextReporter.render(plan([cleared]), color: false).contains("      ~ attributes = {\n          + \"a\" = 1\n        }\n"))
        let removed = ResourceChange(address: .service("acme", "bot"), actions: [.update], fieldChanges: [
            FieldChange(field: "attributes", before: .object([:]), after: nil),
        ])
        #expect(PlanTextReporter.render(plan([removed]), color: false).contains("      - attributes = {} -> null\n"))
    }

    @Test("Markdown: a row per differing key, and one for the hidden unchanged ones")
    func markdownPerKey() {
        let change = attributesUpdate(
            ["region": .string("us"), "tier": .number(2), "a.b": .string("x")],
            ["region": .string("eu"), "tier": .number(2)])
        let rows = PlanMarkdownReporter.rows(for: change)
        #expect(rows.map { $0[3] } == ["attributes[\"a.b\"]", "attributes.region", "attributes", "org_role"])
        #expect(rows[0][4] == "\"x\" → null")
        #expect(rows[1][4] == "\"us\" → \"eu\"")
        #expect(rows[2][4] == "(1 unchanged attribute hidden)")
    }

    @Test("budget wording: counts with separators, durations as lower bounds")
    func budgetWording() {
        #expect(PlanWording.count(6180) == "6,180")
        #expect(PlanWording.count(999) == "999")
        #expect(PlanWording.count(1_000_000) == "1,000,000")
        #expect(PlanWording.duration(0.34) == "0.3 s")
        #expect(PlanWording.duration(59.9) == "59 s")
        #expect(PlanWording.duration(1273.3) == "21 min")
        #expect(PlanWording.duration(7500) == "2 h 5 min")
        let big = ApplyBudget(callsByMethod: ["AdminService_SetProjectMemberServiceRole": 4000,
                                              "AdminService_CreateService": 2000, "AdminService_CreateProject": 180])
        #expect(PlanWording.budgetLine(big) == "Apply will make 6,180 API calls; at Rill's rate limits it takes at least "
            + "21 min (AdminService_SetProjectMemberServiceRole: 4,000 calls).")
        let small = ApplyBudget(callsByMethod: ["AdminService_CreateService": 1])
        #expect(PlanWording.budgetLine(small)
            == "Apply will make 1 API call; no method exceeds its burst of 180, so Rill's rate limits add no waiting.")
        let older = ApplyBudget(callsByMethod: ["AdminService_CreateService": 90],
                                limit: APIRateLimit(requestsPerMinute: 60, burst: 60))
        #expect(PlanWording.budgetLine(older)
            == "Apply will make 90 API calls; at the configured rate limits it takes at least 30 s (AdminService_CreateService: 90 calls).")
        #expect(PlanWording.budgetLine(ApplyBudget(callsByMethod: [:])) == nil)
    }

    @Test("text and Markdown plans carry the budget; a plan without changes has none")
    func budgetInReports() {
        let changes = (0..<200).map { index in
            ResourceChange(address: .service("acme", "s\(index)"), actions: [.create],
                           fieldChanges: [FieldChange(field: "org_role", before: nil, after: .string("viewer"))])
        }
        let text = PlanTextReporter.render(plan(changes), color: false)
        #expect(text.contains("API calls by method (rate limit: 180 a minute per method, burst 180):\n"
            + "  AdminService_CreateService  200\n"
            + "Apply will make 200 API calls; at Rill's rate limits it takes at least 6.6 s (AdminService_CreateService: 200 calls).\n"))
        let markdown = PlanMarkdownReporter.render(plan(changes))
        #expect(markdown.contains("| AdminService_CreateService | 200 | 6.6 s |"))
        #expect(!PlanTextReporter.render(ReportFixtures.emptyPlan, color: false).contains("API call"))
        #expect(!PlanMarkdownReporter.render(ReportFixtures.emptyPlan).contains("API call"))
    }
}
