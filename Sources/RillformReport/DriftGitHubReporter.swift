import RillformModel
import RillformPlan

/// GitHub Actions workflow commands: one `::warning file=…,line=…,col=…::…` annotation per drifted field, missing
/// resource or unmet token policy, `::notice` for unmanaged resources (at their org's declaration), one per
/// diagnostic at its severity (`error`, `warning` such as RF404 pending invites, `notice`), then the summary line.
/// The Markdown job summary (`$GITHUB_STEP_SUMMARY`) is written by the CLI, not here.
public enum DriftGitHubReporter {
    public static func render(_ report: DriftReport) -> String {
        var lines: [String] = []
        for resource in report.drifted {
            for finding in DriftWording.findings(resource) {
                lines.append(command("warning", at: finding.location, finding.message, code: finding.code))
            }
        }
        for resource in report.unmanaged {
            lines.append(command(resource.deletedByApply ? "warning" : "notice", at: resource.location,
                                 DriftWording.unmanagedMessage(resource), code: .unmanagedResource))
        }
        for diagnostic in report.diagnostics {
            lines.append(command(DiagnosticGitHubReporter.commandName(diagnostic.severity), at: diagnostic.location,
                                 diagnostic.message, code: nil, rawCode: diagnostic.code))
        }
        lines.append(DriftWording.summaryLine(report.summary))
        return lines.joined(separator: "\n") + "\n"
    }

    private static func command(_ name: String, at location: SourceLocation?, _ message: String,
                                code: DriftFindingCode?, rawCode: String? = nil) -> String {
        var head = "::\(name)"
        if let location, location.line > 0 {
            head += " file=\(DiagnosticGitHubReporter.escapeProperty(location.file)),line=\(location.line),"
                + "col=\(max(1, location.column))"
        }
        let suffix = (code?.rawValue ?? rawCode).map { " [\($0)]" } ?? ""
        return "\(head)::\(DiagnosticGitHubReporter.escapeData(message))\(suffix)"
    }
}
