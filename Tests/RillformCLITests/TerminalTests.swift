import Testing
@testable import RillformCLI

/// Colour follows no-color.org and `TERM=dumb`, and never goes to a pipe or file.
@Suite struct TerminalTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var isTTY: Bool
        var environment: [String: String]
        var color: Bool
        var testDescription: String { "tty=\(isTTY) env=\(environment.sorted { $0.key < $1.key })" }
    }

    static let cases: [Case] = [
        Case(isTTY: true, environment: [:], color: true),
        Case(isTTY: false, environment: [:], color: false),
        Case(isTTY: true, environment: ["NO_COLOR": "1"], color: false),
        Case(isTTY: true, environment: ["NO_COLOR": "0"], color: false),  // any non-empty value
        Case(isTTY: true, environment: ["NO_COLOR": ""], color: true),  // empty: as if unset
        Case(isTTY: true, environment: ["TERM": "dumb"], color: false),
        Case(isTTY: true, environment: ["TERM": "xterm-256color"], color: true),
        Case(isTTY: true, environment: ["TERM": "dumb", "NO_COLOR": ""], color: false),
        Case(isTTY: false, environment: ["TERM": "xterm-256color", "NO_COLOR": ""], color: false),
    ]

    @Test(arguments: cases) func colorDecision(_ testCase: Case) {
        #expect(Terminal.colorEnabled(isTTY: testCase.isTTY, environment: testCase.environment) == testCase.color)
    }
}
