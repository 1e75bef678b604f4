import ArgumentParser
import Foundation
import RillformPlan
import RillformReport

/// `rillform graph`: the dependency graph of the plan `plan` would show (read-only).
struct GraphCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "graph",
        abstract: "Print the plan's dependency graph (Mermaid or Graphviz DOT).",
        discussion: """
            Nodes are the planned changes (symbol and address), edges point from a change to the ones that wait \
            for it. Mermaid renders in GitHub Markdown: wrap it in a ```mermaid fence in a PR comment.

            Read-only: with --prune the graph includes the deletes apply would make; nothing is deleted.

            Exit status: 0 success, 1 error.
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case mermaid, dot
    }

    @OptionGroup var planning: PlanningOptions
    @OptionGroup var connection: ConnectionOptions

    @Option(help: "Output format: mermaid or dot.")
    var format: Format = .mermaid

    @Option(name: .long, help: "Write the graph to this file instead of standard output.")
    var output: String?

    @Option(name: .long, help: "Token sink to read issued token ids from (for tokens.revoke_unknown).")
    var tokenSink: String?

    func validate() throws {
        try planning.requireFiles()
    }

    func run() async throws {
        do {
            try await runGraph()
        } catch let error as ExitCodeError {
            throw ExitCode(error.status.rawValue)
        }
    }

    private func runGraph() async throws {
        let desired = try PlanningWorkflow.loadDesiredState(planning)
        if let output { try OutputFile.checkFolder(of: output, for: "the graph") }
        let plan = try await PlanningWorkflow.readOnlyPlan(
            desired: desired, planning: planning, connection: connection, tokenSink: tokenSink, preflight: false)
        let text = format == .mermaid ? GraphReporter.mermaid(plan) : GraphReporter.dot(plan)
        do {
            if let output {
                try OutputFile.write(text, to: output, what: "the graph")
            } else {
                Terminal.standardOutput.write(text)
            }
        } catch {
            throw CommandFailure.describe(error)
        }
        if plan.diagnostics.hasErrors {
            PlanningWorkflow.reportErrors(plan)
            throw ExitCodeError(.error)
        }
    }
}
