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

    @OptionGroup var options: ReadOnlyOptions

    @Option(help: "Output format: mermaid or dot.")
    var format: Format = .mermaid

    @Option(name: .long, help: "Write the graph to this file instead of standard output.")
    var output: String?

    func run() async throws {
        let (_, plan) = try await PlanningWorkflow.readOnlyPlan(
            options, output: output, outputName: "the graph", preflight: false)
        let text = format == .mermaid ? GraphReporter.mermaid(plan) : GraphReporter.dot(plan)
        try OutputFile.writeOrPrint(text, to: output, what: "the graph")
        if plan.diagnostics.hasErrors {
            PlanningWorkflow.reportErrors(plan)
            throw CommandError(.error)
        }
    }
}
