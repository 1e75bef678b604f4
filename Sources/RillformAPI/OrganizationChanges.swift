import RillformModel

/// The settings of an organization to change: the typed map of ``OrgField`` values (absent: left as it is) and a
/// rename. Mapped onto the request body by one exhaustive switch (`ModelMapping.swift`).
public struct OrganizationChanges: Sendable, Hashable {
    public var newName: String?
    public var values: LiveValues<OrgField>

    public init(newName: String? = nil, values: LiveValues<OrgField>) {
        self.newName = newName
        self.values = values
    }

    /// Typed parameters for callers that build changes by hand (tests). `defaultProjectRole`: a project role
    /// name; `""` clears the default.
    public init(newName: String? = nil, displayName: String? = nil, description: String? = nil,
                billingEmail: String? = nil, defaultProjectRole: String? = nil) {
        var values = LiveValues<OrgField>()
        values[.displayName] = displayName.map(FieldValue.string)
        values[.description] = description.map(FieldValue.string)
        values[.billingEmail] = billingEmail.map(FieldValue.string)
        values[.defaultProjectRole] = defaultProjectRole.map(FieldValue.string)
        self.init(newName: newName, values: values)
    }

    public var isEmpty: Bool { newName == nil && values.isEmpty }
}
