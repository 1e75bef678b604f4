import RillformApply
import Testing

@Suite("Progress output")
struct ProgressOutputTests {
    static let sales = TestNode(id: "1", payload: NodeLabel(address: "project.acme/sales", action: .create))
    static let bot = TestNode(id: "2", payload: NodeLabel(address: "service.acme/bot", action: .update))
    static let old = TestNode(id: "3", payload: NodeLabel(address: "project.acme/old", action: .delete))
    static let role = TestNode(
        id: "4", dependencies: ["2"], payload: NodeLabel(address: "service_project_role.acme/bot/sales", action: .create))
    static let later = TestNode(id: "5", payload: NodeLabel(address: "project.acme/later", action: .create))
    static let all = [sales, bot, old, role, later]

    @Test("line-per-action output uses Terraform's wording")
    func lineSinkGolden() async {
        let output = CapturedOutput()
        let sink = LineProgressSink<String, NodeLabel>(output: output, describe: describeByPayload)
        await sink.walkStarted(Self.all)
        await sink.started(Self.sales)
        await sink.finished(Self.sales, result: .succeeded(duration: .milliseconds(400), detail: "id=p-1"))
        await sink.started(Self.old)
        await sink.finished(Self.old, result: .succeeded(duration: .milliseconds(120), detail: nil))
        await sink.started(Self.bot)
        await sink.finished(Self.bot, result: .failed(error: "permission denied", duration: .seconds(2)))
        await sink.finished(Self.role, result: .skipped(becauseOf: "2"))
        await sink.finished(Self.later, result: .notStarted)
        #expect(output.text == """
            project.acme/sales: Creating...
            project.acme/sales: Creation complete after 0.4s [id=p-1]
            project.acme/old: Destroying...
            project.acme/old: Destruction complete after 0.1s
            service.acme/bot: Modifying...
            service.acme/bot: Modification failed: permission denied
            service_project_role.acme/bot/sales: skipped because service.acme/bot failed
            project.acme/later: not started (apply interrupted)

            """)
    }

    @Test("an update reports Modifications complete")
    func modificationsComplete() async {
        let output = CapturedOutput()
        let sink = LineProgressSink<String, NodeLabel>(output: output, describe: describeByPayload)
        await sink.finished(Self.bot, result: .succeeded(duration: .milliseconds(1_250), detail: ""))
        #expect(output.text == "service.acme/bot: Modifications complete after 1.3s\n")
    }

    @Test("the live status line is rewritten in place and ends with a newline")
    func liveStatusGolden() async {
        let output = CapturedOutput()
        let sink = LiveStatusProgressSink<String, NodeLabel>(output: output, describe: describeByPayload)
        await sink.walkStarted(Self.all)
        await sink.started(Self.sales)
        await sink.started(Self.bot)
        await sink.finished(Self.sales, result: .succeeded(duration: .milliseconds(400), detail: nil))
        await sink.finished(Self.bot, result: .failed(error: "permission denied", duration: .seconds(1)))
        await sink.finished(Self.role, result: .skipped(becauseOf: "2"))
        #expect(await sink.statusText == "Applying… 3/5 done, 0 running, 1 failed, 1 skipped")
        await sink.walkFinished(ApplyReport(results: [:]))
        let erase = "\u{1B}[K"
        #expect(output.text == [
            "\rApplying… 0/5 done, 0 running, 0 failed\(erase)",
            "\rApplying… 0/5 done, 1 running, 0 failed\(erase)",
            "\rApplying… 0/5 done, 2 running, 0 failed\(erase)",
            "\rApplying… 1/5 done, 1 running, 0 failed\(erase)",
            "\r\(erase)service.acme/bot: Modification failed: permission denied\n",
            "\rApplying… 2/5 done, 0 running, 1 failed\(erase)",
            "\rApplying… 3/5 done, 0 running, 1 failed, 1 skipped\(erase)",
            "\n",
        ].joined())
    }

    @Test("elapsed time is printed Terraform-style", arguments: [
        (Duration.zero, "0.0s"), (.milliseconds(400), "0.4s"), (.milliseconds(449), "0.4s"), (.milliseconds(450), "0.5s"),
        (.milliseconds(59_940), "59.9s"), (.milliseconds(59_960), "1m0s"), (.seconds(65), "1m5s"),
        (.seconds(3_723), "1h2m3s"),
    ])
    func elapsedText(duration: Duration, expected: String) {
        #expect(duration.applyElapsedText == expected)
    }
}
