import Foundation

/// A protojson request body. Field lookups accept the lowerCamelCase JSON name or the proto
/// snake_case name, unknown fields are ignored (Vanguard's `DiscardUnknown`), and an explicit
/// `null` counts as "not set", like protojson does for scalars.
struct RequestBody: Sendable {
    let fields: [String: JSON]

    static let empty = RequestBody(fields: [:])

    /// Parses a body; an empty body is `{}`. Non-object JSON or invalid JSON is a 400.
    static func parse(_ data: Data) throws(RPCError) -> RequestBody {
        let trimmed = data.filter { !($0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09) }
        if trimmed.isEmpty { return .empty }
        let value: JSON
        do {
            value = try JSON.parse(data)
        } catch {
            throw RPCError(.invalidArgument, "invalid request body: not valid JSON")
        }
        guard case .object(let fields) = value else {
            throw RPCError(.invalidArgument, "invalid request body: expected a JSON object")
        }
        return RequestBody(fields: fields)
    }

    /// The raw value for a camelCase field name, also accepting its snake_case spelling.
    func value(_ camelName: String) -> JSON? {
        if let value = fields[camelName], value != .null { return value }
        let snake = Self.snakeCase(camelName)
        if snake != camelName, let value = fields[snake], value != .null { return value }
        return nil
    }

    func has(_ camelName: String) -> Bool { value(camelName) != nil }

    func string(_ name: String) throws(RPCError) -> String? {
        guard let value = value(name) else { return nil }
        guard case .string(let text) = value else { throw Self.typeError(name, "string") }
        return text
    }

    func bool(_ name: String) throws(RPCError) -> Bool? {
        guard let value = value(name) else { return nil }
        guard case .bool(let flag) = value else { throw Self.typeError(name, "bool") }
        return flag
    }

    /// int64 fields: protojson accepts a JSON string or a JSON number.
    func int64(_ name: String) throws(RPCError) -> Int? {
        guard let value = value(name) else { return nil }
        switch value {
        case .string(let text):
            guard let number = Int(text) else { throw Self.typeError(name, "int64") }
            return number
        case .number(let number):
            guard number.rounded() == number, abs(number) < 9.0e18 else { throw Self.typeError(name, "int64") }
            return Int(number)
        default:
            throw Self.typeError(name, "int64")
        }
    }

    /// uint32/int32 fields: same wire forms as int64.
    func int32(_ name: String) throws(RPCError) -> Int? { try int64(name) }

    /// A `google.protobuf.Struct` field.
    func object(_ name: String) throws(RPCError) -> [String: JSON]? {
        guard let value = value(name) else { return nil }
        guard case .object(let members) = value else { throw Self.typeError(name, "object") }
        return members
    }

    /// A repeated field.
    func array(_ name: String) throws(RPCError) -> [JSON]? {
        guard let value = value(name) else { return nil }
        guard case .array(let items) = value else { throw Self.typeError(name, "list") }
        return items
    }

    private static func typeError(_ name: String, _ type: String) -> RPCError {
        RPCError(.invalidArgument, "invalid value for \(type) field \(name)")
    }

    static func snakeCase(_ camel: String) -> String {
        var out = ""
        for character in camel {
            if character.isUppercase {
                out += "_" + character.lowercased()
            } else {
                out.append(character)
            }
        }
        return out
    }
}
