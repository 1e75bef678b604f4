import Foundation

/// A JSON value converted from YAML the way YAML editors do it (for checking instances against the schema).
indirect enum JSONInstance {
    case null
    case bool(Bool)
    case number(Double, isInteger: Bool)
    case string(String)
    case array([JSONInstance])
    case object([(key: String, value: JSONInstance)])

    var typeName: String {
        switch self {
        case .null: "null"
        case .bool: "boolean"
        case .number(_, let isInteger): isInteger ? "integer" : "number"
        case .string: "string"
        case .array: "array"
        case .object: "object"
        }
    }
}

/// A small JSON Schema validator covering exactly the keywords `Schemas/rillform.schema.json` uses. Any other
/// keyword makes validation fail loudly, so the schema cannot grow a keyword this test silently ignores.
struct JSONSchemaSubset {
    static let annotations: Set<String> = ["description", "title", "$schema", "$id", "$defs"]
    static let supported: Set<String> = [
        "type", "enum", "pattern", "properties", "required", "additionalProperties", "items", "minimum", "maximum",
        "exclusiveMinimum", "minProperties", "propertyNames", "$ref", "oneOf", "anyOf", "uniqueItems",
    ]

    let root: [String: Any]

    init(json: String) throws {
        guard let root = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any] else {
            throw CocoaError(.coderReadCorrupt)
        }
        self.root = root
    }

    /// Problems with `instance`; empty when valid.
    func validate(_ instance: JSONInstance) -> [String] {
        validate(instance, against: root, path: "$")
    }

    private func resolve(_ reference: String) -> [String: Any]? {
        guard reference.hasPrefix("#/") else { return nil }
        var current: Any = root
        for part in reference.dropFirst(2).split(separator: "/") {
            guard let object = current as? [String: Any], let next = object[String(part)] else { return nil }
            current = next
        }
        return current as? [String: Any]
    }

    private func validate(_ instance: JSONInstance, against schema: [String: Any], path: String) -> [String] {
        var errors: [String] = []
        for key in schema.keys where !Self.supported.contains(key) && !Self.annotations.contains(key) {
            errors.append("\(path): unsupported schema keyword '\(key)'")
        }
        if let reference = schema["$ref"] as? String {
            guard let target = resolve(reference) else { return ["\(path): unresolved $ref \(reference)"] }
            errors += validate(instance, against: target, path: path)
        }
        if let type = schema["type"] {
            let allowed = (type as? [String]) ?? [(type as? String) ?? ""]
            let actual = instance.typeName
            let matches = allowed.contains(actual) || (actual == "integer" && allowed.contains("number"))
            if !matches { return errors + ["\(path): expected \(allowed.joined(separator: "|")), got \(actual)"] }
        }
        if let options = schema["enum"] as? [Any] {
            let found = options.contains { option in
                switch (option, instance) {
                case (let text as String, .string(let value)): return text == value
                case (let flag as Bool, .bool(let value)): return flag == value
                default: return false
                }
            }
            if !found { errors.append("\(path): not one of the enum values") }
        }
        if let pattern = schema["pattern"] as? String, case .string(let text) = instance {
            let regex = try? NSRegularExpression(pattern: pattern)
            let range = NSRange(text.startIndex..., in: text)
            if regex?.firstMatch(in: text, range: range) == nil { errors.append("\(path): does not match \(pattern)") }
        }
        if case .number(let value, _) = instance {
            if let minimum = schema["minimum"] as? Double, value < minimum { errors.append("\(path): < \(minimum)") }
            if let maximum = schema["maximum"] as? Double, value > maximum { errors.append("\(path): > \(maximum)") }
            if let bound = schema["exclusiveMinimum"] as? Double, value <= bound {
                errors.append("\(path): <= \(bound)")
            }
        }
        if case .array(let items) = instance, let itemSchema = schema["items"] as? [String: Any] {
            for (index, item) in items.enumerated() {
                errors += validate(item, against: itemSchema, path: "\(path)[\(index)]")
            }
        }
        if case .array(let items) = instance, schema["uniqueItems"] as? Bool == true {
            // Enough for the schema's lists of strings; other items are compared by their description.
            let texts = items.map { item in if case .string(let text) = item { text } else { "\(item)" } }
            if Set(texts).count != texts.count { errors.append("\(path): items are not unique") }
        }
        if case .object(let members) = instance {
            let properties = schema["properties"] as? [String: Any] ?? [:]
            let requiredKeys = schema["required"] as? [String] ?? []
            for required in requiredKeys where !members.contains(where: { $0.key == required }) {
                errors.append("\(path): missing required '\(required)'")
            }
            if let minimum = schema["minProperties"] as? Int, members.count < minimum {
                errors.append("\(path): fewer than \(minimum) properties")
            }
            for member in members {
                let memberPath = "\(path).\(member.key)"
                if let names = schema["propertyNames"] as? [String: Any] {
                    errors += validate(.string(member.key), against: names, path: memberPath + "(name)")
                }
                if let propertySchema = properties[member.key] as? [String: Any] {
                    errors += validate(member.value, against: propertySchema, path: memberPath)
                } else if let additional = schema["additionalProperties"] {
                    if let allowed = additional as? Bool {
                        if !allowed { errors.append("\(memberPath): additional property not allowed") }
                    } else if let additionalSchema = additional as? [String: Any] {
                        errors += validate(member.value, against: additionalSchema, path: memberPath)
                    }
                }
            }
        }
        if let options = schema["oneOf"] as? [[String: Any]] {
            let passing = options.filter { validate(instance, against: $0, path: path).isEmpty }.count
            if passing != 1 { errors.append("\(path): matches \(passing) of the oneOf schemas, not exactly 1") }
        }
        if let options = schema["anyOf"] as? [[String: Any]],
           !options.contains(where: { validate(instance, against: $0, path: path).isEmpty })
        {
            errors.append("\(path): matches none of the anyOf schemas")
        }
        return errors
    }
}
