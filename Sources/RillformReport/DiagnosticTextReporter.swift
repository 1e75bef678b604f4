import RillformModel

/// `file:line:col: error: message [RF101]` lines and a summary line; on a terminal, a caret snippet under each.
public enum DiagnosticTextReporter {
    /// - Parameters:
    ///   - sources: file path → text, used for snippets (pass `[:]` for none).
    ///   - snippets: draw the offending line with a caret (the CLI enables it only when stdout is a TTY).
    ///   - color: ANSI colours for the severity (TTY only).
    public static func render(_ report: DiagnosticReport, sources: [String: String] = [:], snippets: Bool = false,
                              color: Bool = false) -> String
    {
        let style = TerminalStyle(color: color)
        var lines: [String] = []
        for diagnostic in report.diagnostics {
            let prefix = diagnostic.location.map { "\($0): " } ?? ""
            let severity: String
            switch diagnostic.severity {
            case .error: severity = style.red("error")
            case .warning: severity = style.yellow("warning")
            case .note: severity = style.bold("note")
            }
            lines.append("\(prefix)\(severity): \(diagnostic.message) [\(diagnostic.code)]")
            if snippets, let location = diagnostic.location, let text = sources[location.file],
               let snippet = snippet(text, line: location.line, column: location.column)
            {
                lines += snippet
            }
        }
        lines.append(report.summaryLine)
        return lines.joined(separator: "\n") + "\n"
    }

    /// ` 12 | prod_slots: 0` and a caret line under the column (columns count Unicode scalars, as marks do).
    static func snippet(_ text: String, line: Int, column: Int) -> [String]? {
        var current = 1
        var found: Substring?
        for candidate in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if current == line {
                found = candidate
                break
            }
            current += 1
        }
        guard let found else { return nil }
        let content = String(found.hasSuffix("\r") ? found.dropLast() : found)
        let number = String(line)
        let gutter = String(repeating: " ", count: number.count)
        let indent = content.unicodeScalars.prefix(max(0, column - 1)).map { $0 == "\t" ? "\t" : " " }.joined()
        return [" \(number) | \(content)", " \(gutter) | \(indent)^"]
    }
}
