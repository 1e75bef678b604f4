import RillformModel

extension ResourceChange {
    /// The desired values this change sets for the managed fields of `Field`, typed by their definitions: what
    /// the executor sends. Fields the change does not set, or removes, are absent.
    public func desiredValues<Field: ManagedField>(of kind: Field.Type) -> LiveValues<Field> {
        var values = LiveValues<Field>()
        for field in Field.allCases {
            guard let after = fieldChange(field.manifestKey)?.after else { continue }
            values[field] = FieldValue(json: after, as: field.valueType)
        }
        return values
    }
}
