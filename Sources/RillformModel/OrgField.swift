/// The managed settings of an org (its name is its identity, not a field).
public enum OrgField: String, ManagedField {
    case displayName = "display_name"
    case description
    case defaultProjectRole = "default_project_role"
    case billingEmail = "billing_email"

    public var wireName: String {
        switch self {
        case .displayName: "displayName"
        case .description: "description"
        case .defaultProjectRole: "defaultProjectRole"
        case .billingEmail: "billingEmail"
        }
    }

    public var valueType: FieldValueType {
        switch self {
        case .displayName, .description: .string(pattern: nil)
        // `""` is Rill's sentinel for "no default role".
        case .defaultProjectRole: .enumeration(ProjectRole.allCases.map(\.rawValue) + [""])
        case .billingEmail: .string(pattern: #"^[^@\s]+@[^@\s.]+(\.[^@\s.]+)+$"#)
        }
    }

    public var summary: String {
        switch self {
        case .displayName: "Human-readable name shown in the Rill UI."
        case .description: "Org description."
        case .defaultProjectRole: "Project role new org members get on every project; \"\" clears it."
        case .billingEmail: "Email address that receives billing notices."
        }
    }

    /// `CreateOrganization` takes only the name, display name and description; the rest follow in an update.
    public var acceptedByCreate: Bool {
        switch self {
        case .displayName, .description: true
        case .defaultProjectRole, .billingEmail: false
        }
    }

    public var unsetValue: FieldValue? {
        switch self {
        case .displayName, .description, .defaultProjectRole, .billingEmail: .string("")
        }
    }
}
