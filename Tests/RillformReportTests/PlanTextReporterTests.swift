import Foundation
import RillformModel
import RillformPlan
import Testing
@testable import RillformReport

@Suite("Plan text reporter: conventions")
struct PlanTextReporterTests {
    private func plan(_ changes: [ResourceChange], unchanged: Int = 0) -> Plan {
        Plan(plannedAt: ReportFixtures.now, scope: ["acme"], changes: changes,
             summary: PlanSummary(changes: changes, unchanged: unchanged))
    }

    @Test("the legend lists only the symbols that appear")
    func legendOnlyUsedSymbols() {
        let text = PlanTextReporter.render(plan([
            ResourceChange(address: .project("acme", "a"), actions: [.create],
                           fieldChanges: [FieldChange(field: "description", before: nil, after: .string("x"))]),
        ]), color: false)
        #expect(text.contains("  + create\n"))
        #expect(!text.contains("update in-place"))
        #expect(!text.contains("  - destroy"))
        #expect(text.hasSuffix("Plan: 1 to add, 0 to change, 0 to destroy.\n"))
    }

    @Test("a replace counts as one add and one destroy, with -/+ and # forces replacement")
    func replaceCounts() {
        let text = PlanTextReporter.render(plan([
            ResourceChange(address: .service("acme", "etl"), actions: [.delete, .create],
                           fieldChanges: [FieldChange(field: "org_role", before: nil, after: .string("viewer"),
                                                      forcesReplacement: true)], replaceReason: "because"),
        ]), color: false)
        #expect(text.contains("  # service.acme/etl must be replaced\n"))
        #expect(text.contains("-/+ service \"acme/etl\" {\n"))
        #expect(text.contains("      + org_role = \"viewer\" # forces replacement\n"))
        #expect(text.contains("-/+ destroy and then create replacement\n"))
        #expect(text.hasSuffix("Plan: 1 to add, 0 to change, 1 to destroy.\n"))
    }

    @Test("unchanged attributes are counted, singular and plural")
    func unchangedHidden() {
        let one = ResourceChange(address: .org("acme"), actions: [.update],
                                 fieldChanges: [FieldChange(field: "description", before: .string("a"), after: .string("b"))],
                                 unchangedFieldCount: 1)
        var three = one
        three.unchangedFieldCount = 3
        #expect(PlanTextReporter.render(plan([one]), color: false).contains("        # (1 unchanged attribute hidden)\n"))
        #expect(PlanTextReporter.render(plan([three]), color: false).contains("        # (3 unchanged attributes hidden)\n"))
    }

    @Test("colour codes appear only with color: true")
    func colourOnlyWhenAsked() {
        let changes = [ResourceChange(address: .org("acme"), actions: [.delete])]
        #expect(!PlanTextReporter.render(plan(changes), color: false).contains("\u{1B}["))
        let colored = PlanTextReporter.render(plan(changes), color: true)
        #expect(colored.contains("\u{1B}[31m-\u{1B}[0m"))
    }

    @Test("no changes gives Terraform's sentence as the last line")
    func noChanges() {
        #expect(PlanTextReporter.render(plan([], unchanged: 4), color: false)
                == "No changes. Your infrastructure matches the configuration.\n")
    }

    @Test("strings are quoted with JSON escapes, so a newline cannot forge a line")
    func quoting() {
        let text = PlanTextReporter.render(plan([
            ResourceChange(address: .org("acme"), actions: [.update],
                           fieldChanges: [FieldChange(field: "description", before: .string("a"),
                                                      after: .string("b\n  + fake = 1"))]),
        ]), color: false)
        #expect(text.contains(#"~ description = "a" -> "b\n  + fake = 1""#))
    }

    @Test("in a replace, a carried-over value is shown without a symbol; a pruned delete says why")
    func carriedAndPruned() {
        let text = PlanTextReporter.render(plan([
            ResourceChange(address: .service("acme", "etl"), actions: [.delete, .create], fieldChanges: [
                FieldChange(field: "attributes", before: .object(["a": .number(1)]), after: .object(["a": .number(1)])),
                FieldChange(field: "org_role", before: nil, after: .string("viewer"), forcesReplacement: true),
            ]),
            ResourceChange(address: .project("acme", "old"), actions: [.delete]),
        ]), color: false)
        #expect(text.contains("        attributes = {\"a\":1}\n"))
        #expect(text.contains("  # project.acme/old will be destroyed\n"
                              + "  # (because it is not declared in the manifest and pruning is on)\n"))
    }
}
