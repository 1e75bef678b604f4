import RillformModel

/// The JSON Schema property of a managed field, from its definition: `description` is its summary, `type`,
/// `pattern`, `minimum` and `enum` come from its value type. `Schemas/rillform.schema.json` (the source of truth
/// for `rillform schema`) is checked against these by `FieldDefinitionTests`, so a field's definition and its
/// schema cannot drift apart.
public enum ManagedFieldSchema {
    public static func property<Field: ManagedField>(_ field: Field) -> JSONValue {
        var members: [String: JSONValue] = ["description": .string(field.summary)]
        switch field.valueType {
        case .string(let pattern):
            members["type"] = .string("string")
            if let pattern { members["pattern"] = .string(pattern) }
        case .bool:
            members["type"] = .string("boolean")
        case .integer(let minimum, _):
            members["type"] = .string("integer")
            members["minimum"] = .number(Double(minimum))
        case .object:
            members["type"] = .string("object")
        case .enumeration(let values):
            members["type"] = .string("string")
            members["enum"] = .array(values.map(JSONValue.string))
        case .stringList(let pattern):
            members["type"] = .string("array")
            var items: [String: JSONValue] = ["type": .string("string")]
            if let pattern { items["pattern"] = .string(pattern) }
            members["items"] = .object(items)
            members["uniqueItems"] = .bool(true)
        }
        return .object(members)
    }
}
