import RillformModel

/// The settings of an organization to change: the typed map of ``OrgField`` values (absent: left as it is) and a
/// rename. Mapped onto the request body by one exhaustive switch (`ModelMapping.swift`).
public struct OrganizationChanges: Sendable, Hashable {
    public var newName: String?
    public var values: LiveValues<OrgField>

    public init(newName: String? = nil, values: LiveValues<OrgField> = [:]) {
        self.newName = newName
        self.values = values
    }

    public var isEmpty: Bool { newName == nil && values.isEmpty }
}
