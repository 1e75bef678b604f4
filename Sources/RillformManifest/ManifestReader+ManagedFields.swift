import RillformModel

extension ManifestReader {
    /// How an enumeration field reports a value it does not allow; `nil` reads the field as a plain string and
    /// leaves the check to the caller (e.g. `default_project_role`, where `""` clears and the message says so).
    typealias EnumerationDiagnostic = (code: ManifestDiagnosticCode, noun: String)

    /// Reads every managed field of a kind present in `fields`, each by the type its definition gives, with the
    /// same diagnostics as any other key of that type. Checks beyond the type (an email, a GitHub remote) stay
    /// with the kind's reader.
    func managedValues<Field: ManagedField>(
        _ fields: Fields, as kind: Field.Type,
        enumerations: (Field) -> EnumerationDiagnostic? = { _ in nil }
    ) -> DesiredValues<Field> {
        var values = DesiredValues<Field>()
        for field in Field.allCases {
            guard let entry = fields[field.manifestKey] else { continue }
            values[field] = managedValue(entry, type: field.valueType, enumeration: enumerations(field))
        }
        return values
    }

    private func managedValue(_ entry: Entry, type: FieldValueType, enumeration: EnumerationDiagnostic?)
        -> Located<FieldValue>?
    {
        switch type {
        case .string:
            return string(entry).map { Located(.string($0.value), at: $0.location) }
        case .bool:
            return bool(entry).map { Located(.bool($0.value), at: $0.location) }
        case .integer(let minimum, let rule):
            guard let number = int(entry) else { return nil }
            if number.value < minimum {
                report(.outOfRange, "'\(entry.key)' must be \(rule), got \(number.value)", at: number.location)
            }
            return Located(.integer(number.value), at: number.location)
        case .object:
            return object(entry).map { Located(.object($0.value), at: $0.location) }
        case .stringList:
            guard let items = stringList(entry) else { return nil }
            return Located(.list(items.map(\.value)), at: location(entry.value.mark))
        case .enumeration(let choices):
            guard let enumeration else { return string(entry).map { Located(.string($0.value), at: $0.location) } }
            return enumerationValue(entry, choices: choices, code: enumeration.code, noun: enumeration.noun)
                .map { Located(.string($0.value), at: $0.location) }
        }
    }

    /// A string that must be one of `choices`; reports any other.
    func enumerationValue(_ entry: Entry, choices: [String], code: ManifestDiagnosticCode, noun: String)
        -> Located<String>?
    {
        guard let text = string(entry) else { return nil }
        guard choices.contains(text.value) else {
            report(code,
                   "unknown \(noun) \(shown(text.value, at: text.location)) for '\(entry.key)' "
                       + "(one of: \(choices.joined(separator: ", ")))"
                       + Suggestion.hint(for: text.value, in: choices),
                   at: entry.value.mark)
            return nil
        }
        return text
    }

    /// A JSON object (`attributes:`): Rill stores it as a `google.protobuf.Struct`.
    func object(_ entry: Entry) -> Located<[String: JSONValue]>? {
        guard case .mapping = entry.value.dereferenced else {
            report(.wrongType, "'\(entry.key)' must be a mapping, got \(entry.value.kindName)", at: entry.value.mark)
            return nil
        }
        guard case .object(let members) = json(entry.value, path: entry.key) else { return nil }
        return Located(members, at: location(entry.value.mark))
    }
}
