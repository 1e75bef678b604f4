/// A Markdown document made of blocks, rendered under a size limit: when too long, droppable `<details>` blocks
/// are replaced by a one-line notice (last first), then table rows are cut from the middle (keeping the first and
/// last rows), so the summary at the top always survives. Shared by the plan and drift reports.
public struct MarkdownDocument: Sendable, Hashable {
    /// GitHub's comment limit is 65,536 characters; stay clear of it.
    public static let commentLimit = 65_000

    /// One top-level piece of a document.
    public indirect enum Block: Sendable, Hashable {
        /// Raw Markdown (a paragraph, a list, a marker…), rendered as is.
        case text(String)
        case table(MarkdownTable)
        /// `<details><summary>…</summary>` around blocks; `droppable` ones go first when the document is too long.
        case details(summary: String, blocks: [Block], droppable: Bool)
    }

    /// The blocks, in order, separated by blank lines when rendered.
    public var blocks: [Block]

    /// Creates a document from blocks (usually through ``MarkdownBuilder``).
    public init(blocks: [Block] = []) {
        self.blocks = blocks
    }

    /// The whole document, at most `limit` characters (Unicode scalars, which is ≥ GitHub's count).
    public func render(limit: Int = MarkdownDocument.commentLimit) -> String {
        var blocks = self.blocks
        var text = Self.render(blocks)
        if Self.length(text) <= limit { return text }

        // 1. Drop droppable details, last first.
        for index in blocks.indices.reversed() {
            guard case .details(let summary, _, true) = blocks[index] else { continue }
            blocks[index] = .text("_\(summary): omitted, the comment would exceed \(limit) characters._")
            text = Self.render(blocks)
            if Self.length(text) <= limit { return text }
        }

        // 2. Cut rows from the middle of the largest table.
        if let index = blocks.indices.max(by: { Self.rowCount(blocks[$0]) < Self.rowCount(blocks[$1]) }),
           case .table(let table) = blocks[index], !table.rows.isEmpty {
            var low = 0
            var high = table.rows.count - 1
            var best: String?
            while low <= high {
                let keep = (low + high) / 2
                var candidate = blocks
                candidate[index] = .table(table.keepingMiddleOut(keep, limit: limit))
                let rendered = Self.render(candidate)
                if Self.length(rendered) <= limit {
                    best = rendered
                    low = keep + 1
                } else {
                    high = keep - 1
                }
            }
            if let best { return best }
        }

        // 3. Last resort: cut the middle of the text itself.
        return Self.cutMiddle(text, limit: limit)
    }

    static func length(_ text: String) -> Int { text.unicodeScalars.count }

    private static func rowCount(_ block: Block) -> Int {
        if case .table(let table) = block { return table.rows.count }
        return -1
    }

    private static func render(_ blocks: [Block]) -> String {
        blocks.map(render).joined(separator: "\n\n") + "\n"
    }

    private static func render(_ block: Block) -> String {
        switch block {
        case .text(let text): return text
        case .table(let table): return table.rendered
        case .details(let summary, let inner, _):
            return "<details><summary>\(MarkdownTable.escapeHTML(summary))</summary>\n\n"
                + inner.map(render).joined(separator: "\n\n") + "\n\n</details>"
        }
    }

    private static func cutMiddle(_ text: String, limit: Int) -> String {
        let notice = "\n\n… (output truncated in the middle to stay under \(limit) characters) …\n\n"
        let budget = max(0, limit - length(notice))
        let scalars = Array(text.unicodeScalars)
        let head = String(String.UnicodeScalarView(scalars.prefix(budget / 2)))
        let tail = String(String.UnicodeScalarView(scalars.suffix(budget - budget / 2)))
        return head + notice + tail
    }
}
