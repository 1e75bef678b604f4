/// Builds a ``MarkdownDocument`` block by block: hidden markers, paragraphs, lists, tables, `<details>` and code
/// blocks. Shared by the plan report and the drift report.
public struct MarkdownBuilder: Sendable {
    public private(set) var blocks: [MarkdownDocument.Block] = []

    /// Starts an empty document.
    public init() {}

    /// A hidden HTML comment (`<!-- rillform:plan -->`) that lets CI find and update its own sticky comment.
    public mutating func marker(_ name: String) {
        blocks.append(.text("<!-- \(name) -->"))
    }

    /// A heading (`###` by default); the text is HTML-escaped.
    public mutating func heading(_ text: String, level: Int = 3) {
        blocks.append(.text(String(repeating: "#", count: max(1, min(6, level))) + " " + MarkdownTable.escapeHTML(text)))
    }

    /// Raw Markdown text; callers escape what came from data.
    public mutating func paragraph(_ markdown: String) {
        blocks.append(.text(markdown))
    }

    /// A bullet list of raw Markdown items; nothing when empty.
    public mutating func bulletList(_ items: [String]) {
        guard !items.isEmpty else { return }
        blocks.append(.text(items.map { "- \($0)" }.joined(separator: "\n")))
    }

    /// A table; its rows are the first thing cut when the document is too long.
    public mutating func table(_ table: MarkdownTable) {
        blocks.append(.table(table))
    }

    /// A fenced code block; the fence is longer than any backtick run inside, so content cannot close it.
    public mutating func codeBlock(_ text: String, language: String = "") {
        blocks.append(.text(Self.fenced(text, language: language)))
    }

    /// A collapsed section. `droppable` sections are the first to go when the document is too long.
    public mutating func details(_ summary: String, droppable: Bool = false, _ build: (inout MarkdownBuilder) -> Void) {
        var inner = MarkdownBuilder()
        build(&inner)
        blocks.append(.details(summary: summary, blocks: inner.blocks, droppable: droppable))
    }

    /// The document built so far.
    public var document: MarkdownDocument { MarkdownDocument(blocks: blocks) }

    /// Inline code that survives backticks in the text.
    public static func code(_ text: String) -> String {
        let fence = String(repeating: "`", count: longestBacktickRun(in: text) + 1)
        let padding = text.hasPrefix("`") || text.hasSuffix("`") ? " " : ""
        return fence + padding + text + padding + fence
    }

    static func fenced(_ text: String, language: String) -> String {
        let fence = String(repeating: "`", count: max(3, longestBacktickRun(in: text) + 1))
        let body = text.hasSuffix("\n") ? String(text.dropLast()) : text
        return "\(fence)\(language)\n\(body)\n\(fence)"
    }

    private static func longestBacktickRun(in text: String) -> Int {
        var longest = 0
        var current = 0
        for character in text {
            current = character == "`" ? current + 1 : 0
            longest = max(longest, current)
        }
        return longest
    }
}
