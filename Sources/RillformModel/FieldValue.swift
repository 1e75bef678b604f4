/// A managed field's value, typed: what the manifest reader produces, the planner compares and the writer sends.
/// One conversion to and from ``JSONValue`` (``json`` / ``init(json:as:)``) replaces the ad-hoc re-typing between
/// modules; integers become JSON numbers, so plan JSON is unchanged and saved plans still decode.
public enum FieldValue: Sendable, Hashable {
    case string(String)
    case bool(Bool)
    case integer(Int)
    case object([String: JSONValue])
    /// A list of strings (a usergroup's emails, a project member's resources). Compared as written; fields whose
    /// order does not matter sort it in `normalized(_:)`.
    case list([String])

    /// The value as plan JSON holds it.
    public var json: JSONValue {
        switch self {
        case .string(let text): .string(text)
        case .bool(let flag): .bool(flag)
        case .integer(let number): .number(Double(number))
        case .object(let members): .object(members)
        case .list(let items): .array(items.map(JSONValue.string))
        }
    }

    /// Reads `json` as a value of `type`; nil when it does not fit (e.g. a fraction for an integer field).
    public init?(json: JSONValue, as type: FieldValueType) {
        switch (type, json) {
        case (.string, .string(let text)), (.enumeration, .string(let text)): self = .string(text)
        case (.bool, .bool(let flag)): self = .bool(flag)
        case (.integer, _):
            guard let number = json.intValue else { return nil }
            self = .integer(number)
        case (.object, .object(let members)): self = .object(members)
        case (.stringList, .array(let items)):
            var strings: [String] = []
            for item in items {
                guard case .string(let text) = item else { return nil }
                strings.append(text)
            }
            self = .list(strings)
        default: return nil
        }
    }

    public var stringValue: String? {
        if case .string(let text) = self { return text }
        return nil
    }

    public var boolValue: Bool? {
        if case .bool(let flag) = self { return flag }
        return nil
    }

    public var integerValue: Int? {
        if case .integer(let number) = self { return number }
        return nil
    }

    public var objectValue: [String: JSONValue]? {
        if case .object(let members) = self { return members }
        return nil
    }

    public var listValue: [String]? {
        if case .list(let items) = self { return items }
        return nil
    }
}

extension FieldValue: Codable {
    /// Encoded as its JSON; decoded by shape (a whole number is an integer).
    public init(from decoder: any Decoder) throws {
        switch try JSONValue(from: decoder) {
        case .string(let text): self = .string(text)
        case .bool(let flag): self = .bool(flag)
        case .object(let members): self = .object(members)
        case .array(let items):
            var strings: [String] = []
            for item in items {
                guard case .string(let text) = item else {
                    throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath,
                                                            debugDescription: "a list value holds only strings"))
                }
                strings.append(text)
            }
            self = .list(strings)
        case let other:
            guard let number = other.intValue else {
                throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath,
                                                        debugDescription: "not a managed field value: \(other)"))
            }
            self = .integer(number)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        try json.encode(to: encoder)
    }
}

/// The type of a managed field: how the reader parses it and what the JSON Schema says about it.
public enum FieldValueType: Sendable, Hashable {
    /// Any string; `pattern` (a JSON Schema regex) when the schema constrains it.
    case string(pattern: String?)
    case bool
    /// A whole number of at least `minimum`; `rule` says so in words for diagnostics ("a positive integer").
    case integer(minimum: Int, rule: String)
    /// A free JSON object (Rill's `google.protobuf.Struct`).
    case object
    /// One of `values` (strings).
    case enumeration([String])
    /// A list of strings, each matching `pattern` (a JSON Schema regex) when given.
    case stringList(pattern: String?)
}
