import RillformModel

/// GitHub Actions workflow commands: `::error file=…,line=…,col=…::message [RF101]` (warnings as `::warning`),
/// which the Actions runner turns into annotations on the pull request; then the summary line.
public enum DiagnosticGitHubReporter {
    public static func render(_ report: DiagnosticReport) -> String {
        var lines = report.diagnostics.map { diagnostic in
            let command = commandName(diagnostic.severity)
            var properties: [String] = []
            if let location = diagnostic.location {
                properties = ["file=\(escapeProperty(location.file))", "line=\(location.line)",
                              "col=\(location.column)"]
            }
            let head = properties.isEmpty ? "::\(command)" : "::\(command) \(properties.joined(separator: ","))"
            return "\(head)::\(escapeData(diagnostic.message)) [\(diagnostic.code)]"
        }
        lines.append(report.summaryLine)
        return lines.joined(separator: "\n") + "\n"
    }

    /// The workflow command for a severity: `error`, `warning`, `notice`.
    static func commandName(_ severity: Diagnostic.Severity) -> String {
        switch severity {
        case .error: "error"
        case .warning: "warning"
        case .note: "notice"
        }
    }

    /// Message escaping of the workflow-command syntax.
    static func escapeData(_ text: String) -> String {
        text.replacingAll("%", with: "%25").replacingAll("\r", with: "%0D").replacingAll("\n", with: "%0A")
    }

    /// Property values additionally escape `:` and `,`.
    static func escapeProperty(_ text: String) -> String {
        escapeData(text).replacingAll(":", with: "%3A").replacingAll(",", with: "%2C")
    }
}

extension String {
    /// Replaces every occurrence without Foundation (this module keeps Foundation to JSON encoding).
    fileprivate func replacingAll(_ target: Character, with replacement: String) -> String {
        var out = ""
        for character in self {
            if character == target { out += replacement } else { out.append(character) }
        }
        return out
    }
}
