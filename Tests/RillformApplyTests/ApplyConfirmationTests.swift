import RillformApply
import Testing

@Suite("Apply confirmation")
struct ApplyConfirmationTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var isTTY: Bool
        var autoApprove: Bool
        var answer: String?
        var expected: ApplyConfirmation
        var asks: Bool
        var testDescription: String {
            "tty=\(isTTY) auto=\(autoApprove) answer=\(answer.map { "\"\($0)\"" } ?? "EOF") → \(expected)"
        }
    }

    static let table: [Case] = [
        Case(isTTY: true, autoApprove: true, answer: "no", expected: .proceed, asks: false),
        Case(isTTY: false, autoApprove: true, answer: nil, expected: .proceed, asks: false),
        Case(isTTY: false, autoApprove: false, answer: "yes", expected: .refusedNoTTY, asks: false),
        Case(isTTY: true, autoApprove: false, answer: "yes", expected: .proceed, asks: true),
        Case(isTTY: true, autoApprove: false, answer: "  yes\n", expected: .proceed, asks: true),
        Case(isTTY: true, autoApprove: false, answer: "y", expected: .cancelled, asks: true),
        Case(isTTY: true, autoApprove: false, answer: "YES", expected: .cancelled, asks: true),
        Case(isTTY: true, autoApprove: false, answer: "yes please", expected: .cancelled, asks: true),
        Case(isTTY: true, autoApprove: false, answer: "", expected: .cancelled, asks: true),
        Case(isTTY: true, autoApprove: false, answer: nil, expected: .cancelled, asks: true),
    ]

    @Test("decision table", arguments: table)
    func decides(_ row: Case) {
        var prompts: [String] = []
        let decision = ApplyConfirmation.decide(isTTY: row.isTTY, autoApprove: row.autoApprove) { prompt in
            prompts.append(prompt)
            return row.answer
        }
        #expect(decision == row.expected)
        #expect(prompts == (row.asks ? [ApplyConfirmation.prompt] : []))
    }

    @Test("Terraform's prompt text")
    func promptText() {
        #expect(ApplyConfirmation.prompt == "Do you want to perform these actions?\n"
            + "  rillform will perform the actions described above.\n"
            + "  Only 'yes' will be accepted to approve.\n\n  Enter a value: ")
        #expect(ApplyConfirmation.cancelledMessage == "Apply cancelled.")
    }
}
