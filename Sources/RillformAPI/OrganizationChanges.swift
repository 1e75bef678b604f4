/// The fields of an organization to change. `nil` leaves a field as it is (only present fields are sent).
public struct OrganizationChanges: Sendable, Hashable {
    public var newName: String?
    public var displayName: String?
    public var description: String?
    public var billingEmail: String?
    /// A project role name; `""` clears the default.
    public var defaultProjectRole: String?

    public init(newName: String? = nil, displayName: String? = nil, description: String? = nil,
                billingEmail: String? = nil, defaultProjectRole: String? = nil) {
        self.newName = newName
        self.displayName = displayName
        self.description = description
        self.billingEmail = billingEmail
        self.defaultProjectRole = defaultProjectRole
    }

    public var isEmpty: Bool { self == OrganizationChanges() }
}
