/// What a scalar means. Plain scalars follow the YAML 1.2 core schema (so `yes`, `on` and `no` are strings, not
/// booleans), except that YAML 1.1 timestamps are recognised so an unquoted `2024-01-01` can be reported rather than
/// silently becoming a string in one tool and a date in another.
enum ScalarValue: Sendable, Hashable {
    case null
    case bool(Bool)
    case int(Int)
    case float(Double)
    case string(String)
    case timestamp(String)
    /// Tagged `!!binary`: not representable in JSON.
    case binary
    /// An explicit tag we do not accept (`!!set`, `!custom`, or a `!!int` whose text is not an integer).
    case unsupportedTag(String)

    static let coreTagPrefix = "tag:yaml.org,2002:"

    static func resolve(_ scalar: YAMLScalar) -> ScalarValue {
        resolve(scalar.value, style: scalar.style, tag: scalar.tag)
    }

    static func resolve(_ text: String, style: YAMLScalarStyle, tag: String?) -> ScalarValue {
        if let tag, tag != "!" {
            let name = tag.hasPrefix(coreTagPrefix) ? String(tag.dropFirst(coreTagPrefix.count)) : tag
            switch name {
            case "str": return .string(text)
            case "binary": return .binary
            case "timestamp": return .timestamp(text)
            case "null", "bool", "int", "float":
                let value = resolvePlain(text)
                switch (name, value) {
                case ("null", .null), ("bool", .bool), ("int", .int), ("float", .float): return value
                case ("float", .int(let number)): return .float(Double(number))
                default: return .unsupportedTag("!!\(name) '\(text)'")
                }
            default:
                return .unsupportedTag(tag.hasPrefix(coreTagPrefix) ? "!!\(name)" : tag)
            }
        }
        guard style == .plain, tag == nil else { return .string(text) }
        return resolvePlain(text)
    }

    private static func resolvePlain(_ text: String) -> ScalarValue {
        switch text {
        case "", "~", "null", "Null", "NULL": return .null
        case "true", "True", "TRUE": return .bool(true)
        case "false", "False", "FALSE": return .bool(false)
        case ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF": return .float(.infinity)
        case "-.inf", "-.Inf", "-.INF": return .float(-.infinity)
        case ".nan", ".NaN", ".NAN": return .float(.nan)
        default: break
        }
        if let number = integer(text) { return .int(number) }
        if isFloatText(text), let number = Double(text) { return .float(number) }
        if looksLikeTimestamp(text) { return .timestamp(text) }
        return .string(text)
    }

    private static func integer(_ text: String) -> Int? {
        var body = Substring(text)
        var negative = false
        if let sign = body.first, sign == "+" || sign == "-" {
            negative = sign == "-"
            body = body.dropFirst()
        }
        var radix = 10
        if body.hasPrefix("0x") { radix = 16; body = body.dropFirst(2) } else if body.hasPrefix("0o") {
            radix = 8; body = body.dropFirst(2)
        }
        guard !body.isEmpty, body.allSatisfy({ $0.isHexDigit }), let magnitude = Int(body, radix: radix) else {
            return nil
        }
        return negative ? -magnitude : magnitude
    }

    private static func isFloatText(_ text: String) -> Bool {
        text.contains(where: \.isNumber) && text.allSatisfy { $0.isASCII && ($0.isNumber || "+-.eE".contains($0)) }
    }

    /// `YYYY-M-D…` as in the YAML 1.1 timestamp type.
    private static func looksLikeTimestamp(_ text: String) -> Bool {
        let parts = text.prefix(10).split(separator: "-", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[0].allSatisfy(\.isASCII), parts[0].allSatisfy(\.isNumber),
              (1...2).contains(parts[1].count), parts[1].allSatisfy(\.isNumber)
        else { return false }
        let day = parts[2].prefix { $0.isNumber && $0.isASCII }
        return (1...2).contains(day.count)
    }

    var kindName: String {
        switch self {
        case .null: "null"
        case .bool: "a boolean"
        case .int: "an integer"
        case .float: "a number"
        case .string: "a string"
        case .timestamp: "a timestamp"
        case .binary: "binary data (!!binary)"
        case .unsupportedTag(let tag): "a value tagged \(tag)"
        }
    }
}
