import RillformModel

/// A per-key diff of two JSON objects (a service's `attributes`), as Terraform shows a changed map: added keys `+`,
/// removed `-`, changed `~` (objects inside objects diffed the same way), unchanged keys counted, not shown.
struct NestedDiff: Sendable, Hashable {
    struct Entry: Sendable, Hashable {
        var key: String
        /// Nil when the key is added.
        var before: JSONValue?
        /// Nil when the key is removed.
        var after: JSONValue?
        /// Set when both sides are objects (or one side is a non-empty object and the other absent).
        var nested: NestedDiff?

        var symbol: ChangeSymbol {
            switch (before, after) {
            case (nil, _): .create
            case (_, nil): .delete
            default: .update
            }
        }
    }

    /// Differing keys, sorted.
    var entries: [Entry]
    /// Keys with equal values on both sides.
    var unchanged: Int

    /// Nil unless the values are objects, or one is a non-empty object and the other absent: anything else
    /// (a scalar, a type change, `{}` to nothing) reads fine on one line.
    init?(before: JSONValue?, after: JSONValue?) {
        let old = before?.objectValue
        let new = after?.objectValue
        switch (before, after) {
        case (nil, nil): return nil
        case (nil, _?): guard let new, !new.isEmpty else { return nil }
        case (_?, nil): guard let old, !old.isEmpty else { return nil }
        case (_?, _?): guard old != nil, new != nil else { return nil }
        }
        var entries: [Entry] = []
        var unchanged = 0
        for key in Set((old ?? [:]).keys).union((new ?? [:]).keys).sorted() {
            let was = old?[key]
            let now = new?[key]
            if was == now {
                unchanged += 1
                continue
            }
            entries.append(Entry(key: key, before: was, after: now, nested: NestedDiff(before: was, after: now)))
        }
        self.entries = entries
        self.unchanged = unchanged
    }

    /// Text lines under a `name = {` line whose name starts at column `indent`, ending with the closing brace.
    /// Keys are JSON-quoted (as Terraform quotes map keys), so a key cannot fake a line.
    func lines(indent: Int, style: TerminalStyle) -> [String] {
        let pad = String(repeating: " ", count: indent)
        let keys = entries.map { JSONValue.quote($0.key) }
        let width = keys.map(\.count).max() ?? 0
        var lines: [String] = []
        for (entry, key) in zip(entries, keys) {
            let name = key + String(repeating: " ", count: width - key.count)
            let head = "\(pad)  \(entry.symbol.colored(style)) \(name) = "
            if let nested = entry.nested {
                lines.append(head + "{")
                lines += nested.lines(indent: indent + 4, style: style)
            } else {
                lines.append(head + NestedDiff.value(entry))
            }
        }
        if unchanged > 0 { lines.append("\(pad)    \(PlanWording.unchangedHidden(unchanged))") }
        lines.append("\(pad)}")
        return lines
    }

    /// Flattened for tables: one `(path, before, after)` per changed leaf, `attributes.region` (or
    /// `attributes["a b"]` for keys that are not plain names), plus the unchanged counts per object.
    func flattened(path: String) -> (changes: [(path: String, before: JSONValue?, after: JSONValue?)],
                                     unchanged: [(path: String, count: Int)])
    {
        var changes: [(path: String, before: JSONValue?, after: JSONValue?)] = []
        var unchangedCounts: [(path: String, count: Int)] = unchanged > 0 ? [(path, unchanged)] : []
        for entry in entries {
            let child = NestedDiff.path(path, entry.key)
            if let nested = entry.nested {
                let inner = nested.flattened(path: child)
                changes += inner.changes
                unchangedCounts += inner.unchanged
            } else {
                changes.append((child, entry.before, entry.after))
            }
        }
        return (changes, unchangedCounts)
    }

    /// `"us" -> "eu"`, `"eu"` (added), `"us" -> null` (removed).
    static func value(_ entry: Entry) -> String {
        switch (entry.before, entry.after) {
        case (nil, let after?): after.description
        case (let before?, nil): "\(before.description) -> null"
        case (let before?, let after?): "\(before.description) -> \(after.description)"
        case (nil, nil): "null"
        }
    }

    /// `parent.key` for plain keys, `parent["key"]` otherwise.
    static func path(_ parent: String, _ key: String) -> String {
        let plain = !key.isEmpty && key.unicodeScalars.allSatisfy { scalar in
            (scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar)))
                || scalar == "_" || scalar == "-"
        }
        return plain ? "\(parent).\(key)" : "\(parent)[\(JSONValue.quote(key))]"
    }
}
