import Foundation

/// A GitHub-flavoured Markdown table. Cells are escaped: `|` becomes `\|`, newlines `<br>`, `<` `&lt;`.
public struct MarkdownTable: Sendable, Hashable {
    /// Column headers.
    public var headers: [String]
    /// Rows of unescaped cell text (escaped when rendered).
    public var rows: [[String]]

    /// Creates a table.
    public init(headers: [String], rows: [[String]] = []) {
        self.headers = headers
        self.rows = rows
    }

    /// The table as Markdown, cells escaped.
    public var rendered: String {
        var lines = [line(headers), "|" + String(repeating: "---|", count: headers.count)]
        lines += rows.map(line)
        return lines.joined(separator: "\n")
    }

    /// Keeps `keep` rows (first half from the top, the rest from the bottom) and says how many were cut.
    func keepingMiddleOut(_ keep: Int, limit: Int) -> MarkdownTable {
        let cut = rows.count - keep
        guard cut > 0 else { return self }
        let head = rows.prefix((keep + 1) / 2)
        let tail = rows.suffix(keep / 2)
        var notice = Array(repeating: "", count: headers.count)
        notice[0] = "…"
        if headers.count > 1 {
            notice[1] = "\(cut) row(s) cut from the middle to stay under \(limit) characters"
        }
        var table = self
        table.rows = Array(head) + [notice] + Array(tail)
        return table
    }

    private func line(_ cells: [String]) -> String {
        "| " + cells.map(Self.escapeCell).joined(separator: " | ") + " |"
    }

    /// Escapes text for a table cell.
    public static func escapeCell(_ text: String) -> String {
        escapeHTML(text).replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\r\n", with: "<br>")
            .replacingOccurrences(of: "\n", with: "<br>")
    }

    /// Escapes `&` and `<` so values cannot open HTML tags or entities in a comment (`>` alone is harmless).
    public static func escapeHTML(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
    }
}
