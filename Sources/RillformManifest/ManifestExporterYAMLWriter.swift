import RillformModel

/// Line-based YAML output for ``ManifestExporter``: block style, two-space indentation, careful scalar quoting.
struct ManifestYAMLWriter {
    private(set) var text = ""
    var indent = 0
    /// Set for an object inside a list: its first line starts with `- ` two columns to the left.
    private var pendingDash = false

    mutating func line(_ content: String) {
        if pendingDash {
            pendingDash = false
            text += String(repeating: " ", count: max(0, indent - 2)) + "- " + content + "\n"
            return
        }
        text += String(repeating: " ", count: indent) + content + "\n"
    }

    /// Appends what another writer wrote (built apart when the key above it depends on whether any line was written).
    mutating func append(_ other: ManifestYAMLWriter) {
        text += other.text
    }

    mutating func blank() {
        if !text.hasSuffix("\n\n") { text += "\n" }
    }

    /// A `# …` comment line at the current indentation (newlines inside cannot end the comment).
    mutating func comment(_ content: String) {
        let flat = content.map { $0.isNewline ? " " : String($0) }.joined()
        line("# " + flat)
    }

    /// `key: value` for a non-empty string; nothing for `""`.
    mutating func stringField(_ key: String, _ value: String) {
        guard !value.isEmpty else { return }
        line("\(key): \(Self.scalar(value))")
    }

    /// The members of a JSON object as block YAML, keys sorted; nested values as blocks, empty ones as `{}`/`[]`.
    mutating func jsonMembers(_ members: [String: JSONValue]) {
        for key in members.keys.sorted() {
            guard let value = members[key] else { continue }
            jsonValue(value, prefix: "\(Self.key(key)):")
        }
    }

    private mutating func jsonValue(_ value: JSONValue, prefix: String) {
        switch value {
        case .object(let members) where !members.isEmpty:
            line(prefix)
            indent += 2
            jsonMembers(members)
            indent -= 2
        case .array(let items) where !items.isEmpty:
            line(prefix)
            indent += 2
            for item in items {
                if case .object(let members) = item, !members.isEmpty {
                    indent += 2
                    pendingDash = true
                    jsonMembers(members)
                    indent -= 2
                } else {
                    jsonValue(item, prefix: "-")
                }
            }
            indent -= 2
        default:
            line("\(prefix) \(Self.inline(value))")
        }
    }

    /// A scalar or empty collection written on one line.
    static func inline(_ value: JSONValue) -> String {
        switch value {
        case .null: return "null"
        case .bool(let flag): return flag ? "true" : "false"
        case .number(let number): return self.number(number)
        case .string(let text): return scalar(text)
        case .array: return "[]"
        case .object: return "{}"
        }
    }

    /// Integers as integers; other numbers in a form the YAML float rule reads back exactly (`1.0e+20`, `2.5`).
    static func number(_ value: Double) -> String {
        if value.rounded() == value, abs(value) < 1e15 { return String(Int64(value)) }
        var text = String(value)
        if let exponent = text.firstIndex(where: { $0 == "e" || $0 == "E" }), !text[..<exponent].contains(".") {
            text.insert(contentsOf: ".0", at: exponent)
        } else if !text.contains(".") && !text.contains("e") {
            text += ".0"
        }
        return text
    }

    /// A string value: plain when YAML reads it back as the same string, else double-quoted. Every `$` is doubled
    /// because the manifest loader interpolates `${VAR}` and reads `$$` as `$`.
    static func scalar(_ text: String) -> String {
        let escaped = text.unicodeScalars.map { $0 == "$" ? "$$" : String($0) }.joined()
        return isPlainSafe(escaped) ? escaped : doubleQuoted(escaped)
    }

    /// A mapping key (keys are not interpolated, so `$` stays single).
    static func key(_ text: String) -> String {
        isPlainSafe(text) ? text : doubleQuoted(text)
    }

    /// Conservative: letters, digits and `_ - . / @ $`, not starting with an indicator, not a word YAML 1.1 or our
    /// loader would read as null, bool, number or timestamp.
    static func isPlainSafe(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, !text.isEmpty else { return false }
        let allowed = text.unicodeScalars.allSatisfy { scalar in
            (scalar.properties.isAlphabetic && scalar.isASCII) || ("0"..."9").contains(scalar)
                || "_-./@$ ".unicodeScalars.contains(scalar)
        }
        guard allowed, !"-.@ ".unicodeScalars.contains(first), !text.hasSuffix(" "), !text.contains("  ") else {
            return false
        }
        let lower = text.lowercased()
        let reserved: Set<String> = ["null", "~", "true", "false", "yes", "no", "on", "off", "y", "n"]
        guard !reserved.contains(lower) else { return false }
        return ScalarValue.resolve(text, style: .plain, tag: nil) == .string(text)
    }

    /// A YAML double-quoted scalar: `"` and `\` escaped, and every character outside YAML's printable set or that
    /// YAML 1.1 treats as a line break (NEL, LS, PS) written as an escape.
    static func doubleQuoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            default:
                let value = scalar.value
                let printable = (0x20...0x7E).contains(value) || (0xA0...0xD7FF).contains(value)
                    || (0xE000...0xFFFD).contains(value) && value != 0xFEFF || (0x10000...0x10FFFF).contains(value)
                if printable && value != 0x2028 && value != 0x2029 {
                    out.unicodeScalars.append(scalar)
                } else if value <= 0xFFFF {
                    let hex = String(value, radix: 16, uppercase: true)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    let hex = String(value, radix: 16, uppercase: true)
                    out += "\\U" + String(repeating: "0", count: 8 - hex.count) + hex
                }
            }
        }
        return out + "\""
    }
}
