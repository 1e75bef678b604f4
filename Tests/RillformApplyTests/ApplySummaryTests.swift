import RillformApply
import Testing

@Suite("Apply summary")
struct ApplySummaryTests {
    static let labels: [String: NodeLabel] = [
        "a": NodeLabel(address: "project.acme/a", action: .create),
        "b": NodeLabel(address: "project.acme/b", action: .create),
        "c": NodeLabel(address: "service.acme/c", action: .update),
        "d": NodeLabel(address: "project.acme/d", action: .delete),
        "e": NodeLabel(address: "deployment.acme/a/prod", action: .create),
        "f": NodeLabel(address: "project.acme/f", action: .delete),
    ]

    @Test("Terraform's final line")
    func completeLine() {
        #expect(ApplySummary.completeLine(added: 2, changed: 1, destroyed: 0)
            == "Apply complete! Resources: 2 added, 1 changed, 0 destroyed.")
    }

    @Test("a complete apply prints only the final line, counting successes by action")
    func completeRender() {
        let ok = NodeResult<String>.succeeded(duration: .seconds(1), detail: nil)
        let report = ApplyReport(results: ["a": ok, "b": ok, "c": ok, "d": ok])
        #expect(report.isComplete)
        #expect(ApplySummary.render(report, labels: Self.labels)
            == "Apply complete! Resources: 2 added, 1 changed, 1 destroyed.\n")
    }

    @Test("a failed apply lists failures, skips and nodes not started, sorted")
    func failedRender() {
        let ok = NodeResult<String>.succeeded(duration: .seconds(1), detail: nil)
        let report = ApplyReport(results: [
            "e": .skipped(becauseOf: "a"), "a": .failed(error: "quota exceeded", duration: .seconds(1)), "b": ok,
            "c": .skipped(becauseOf: "a"), "d": ok,
        ])
        #expect(report.exitStatus == .error)
        #expect(ApplySummary.render(report, labels: Self.labels) == """
            Apply failed: 1 failed, 2 skipped, 0 not started. Resources: 1 added, 0 changed, 1 destroyed.

            Failed:
              project.acme/a: Creation failed: quota exceeded
            Skipped:
              service.acme/c: skipped because project.acme/a failed
              deployment.acme/a/prod: skipped because project.acme/a failed

            """)
    }

    @Test("an interrupted apply says so and lists what never started")
    func interruptedRender() {
        let report = ApplyReport(
            results: ["a": .succeeded(duration: .seconds(1), detail: nil), "f": .notStarted], wasInterrupted: true)
        #expect(ApplySummary.render(report, labels: Self.labels) == """
            Apply interrupted: 0 failed, 0 skipped, 1 not started. Resources: 1 added, 0 changed, 0 destroyed.

            Not started:
              project.acme/f: not started (apply interrupted)

            """)
    }

    @Test("label table from nodes")
    func labelTable() {
        let table = NodeLabel.table([node("x", action: .delete)], describe: describeByPayload)
        #expect(table == ["x": NodeLabel(address: "x", action: .delete)])
    }
}
