import RillformModel

/// The README's table of every diagnostic code, rendered from the registry (a test keeps the README equal to it).
public enum DiagnosticCodeTable {
    /// `| Code | Name | Severity | Summary |` and one row per code, sorted by id, each line ending with a newline.
    public static func markdown(_ codes: [DiagnosticCode] = DiagnosticCode.allCases) -> String {
        var lines = ["| Code | Name | Severity | Summary |", "|---|---|---|---|"]
        for code in codes.sorted() {
            lines.append("| \(code.id) | \(code.name) | \(code.severity.rawValue) | \(code.summary) |")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
