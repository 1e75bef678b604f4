import ArgumentParser
import Foundation
import RillformModel
import RillformPlan
import RillformReport

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `rillform drift`: compare live state with the manifest and report every difference. Read-only: it holds only the
/// client's reader half, like `plan`.
struct DriftCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "drift",
        abstract: "Report where live state differs from the manifest (read-only).",
        discussion: """
            Reports every drifted resource and field (live value -> manifest value, with the manifest's \
            file:line:col), declared resources missing live, unmet token policies, and live resources in the \
            manifest's orgs that the manifest does not declare (unmanaged).

            Exit status: 0 no drift, 2 drift found (including unmanaged resources), 1 error, 3 refused by the \
            preflight (the token cannot see everything in the manifest's orgs, so the report would be wrong).

            Read-only: --prune only marks unmanaged resources as "deleted by the next apply".

            Formats: text, json, markdown (issue/PR comment, marker <!-- rillform:drift -->), junit, sarif, \
            github (workflow annotations; also appends the Markdown report to $GITHUB_STEP_SUMMARY when set).
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json, markdown, junit, sarif, github
    }

    @OptionGroup var options: ReadOnlyOptions

    @Option(help: "Output format: text, json, markdown, junit, sarif or github.")
    var format: Format = .text

    @Option(name: .long, help: "Write the report to this file instead of standard output.")
    var output: String?

    func run() async throws {
        // A token that cannot see everything (e.g. a service without org admin sees only public projects)
        // would make a wrong report: refuse it the same way plan does.
        let (desired, plan) = try await PlanningWorkflow.readOnlyPlan(
            options, output: output, outputName: "the drift report", preflight: true)
        let scope = options.scope
        let planOptions = PlanOptions(prune: scope.prune, targets: scope.targetAddresses,
                                      excludes: scope.excludeAddresses, now: plan.plannedAt)
        let report = DriftReport(plan: plan, desired: desired, options: planOptions)
        try OutputFile.writeOrPrint(try render(report), to: output, what: "the drift report")
        if format == .github, let summaryFile = ProcessInfo.processInfo.environment["GITHUB_STEP_SUMMARY"],
           !summaryFile.isEmpty {
            try DriftOutput.append(DriftMarkdownReporter.render(report) + "\n", toFile: summaryFile)
        }
        if report.diagnostics.hasErrors {
            PlanningWorkflow.reportErrors(report.diagnostics.errors)
            throw CommandError(.error)
        }
        if report.hasDrift { throw CommandError(.changesPresent) }
    }

    private func render(_ report: DriftReport) throws -> String {
        switch format {
        case .text:
            let color = output == nil && Terminal.colorEnabled(descriptor: STDOUT_FILENO)
            return DriftTextReporter.render(report, color: color)
        case .json: return try DriftJSONReporter.render(report)
        case .markdown: return DriftMarkdownReporter.render(report)
        case .junit: return DriftJUnitReporter.render(report)
        case .sarif: return DriftSARIFReporter.render(report, toolVersion: RillformVersion.current)
        case .github: return DriftGitHubReporter.render(report)
        }
    }
}

/// File output of `drift`.
enum DriftOutput {
    /// Appends text to a file, creating it when missing (GitHub's step summary file).
    static func append(_ text: String, toFile path: String) throws {
        if !FileManager.default.fileExists(atPath: path) {
            _ = FileManager.default.createFile(atPath: path, contents: nil)
        }
        guard let handle = FileHandle(forWritingAtPath: path) else { throw CommandError("cannot write \(path)") }
        defer { try? handle.close() }
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(text.utf8))
    }
}
