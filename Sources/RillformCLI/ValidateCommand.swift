import ArgumentParser
import Foundation
import RillformManifest
import RillformModel
import RillformReport

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `rillform validate`: checks manifest files offline (no API calls) and reports every problem at once.
struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check manifest files without contacting Rill.",
        discussion: """
            Reports every problem with its file:line:col and a stable code (RF100-RF199).
            Exit status: 0 when valid, 1 when there are errors (or warnings with --strict).
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json, sarif, github
    }

    @Option(name: [.short, .customLong("file")], parsing: .upToNextOption,
            help: "Manifest files or directories (all *.yaml/*.yml below them, sorted).")
    var files: [String] = []

    @Option(help: "Output format: text, json, sarif or github.")
    var format: Format = .text

    @Flag(help: "Treat warnings as errors.")
    var strict = false

    func validate() throws {
        if files.isEmpty { throw ValidationError("Give at least one manifest file or directory with -f PATH.") }
    }

    func run() throws {
        let (result, sources) = ManifestFiles.load(paths: files, environment: ProcessInfo.processInfo.environment)
        let report = DiagnosticReport(diagnostics: result.diagnostics, fileCount: sources.count,
                                      inventory: result.state.map(DiagnosticReport.Inventory.init), strict: strict)
        let output: String
        switch format {
        case .text:
            let terminal = isatty(STDOUT_FILENO) == 1
            let color = terminal && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
            output = DiagnosticTextReporter.render(
                report, sources: Dictionary(sources.map { ($0.path, $0.text) }, uniquingKeysWith: { a, _ in a }),
                snippets: terminal, color: color)
        case .json:
            output = DiagnosticJSONReporter.render(report)
        case .sarif:
            output = DiagnosticSARIFReporter.render(report, toolVersion: RillformVersion.current)
        case .github:
            output = DiagnosticGitHubReporter.render(report)
        }
        print(output, terminator: "")
        if !report.isValid { throw CommandError(.error) }
    }
}
