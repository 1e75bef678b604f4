/// The managed setting of an org's auto-join email domain (``ResourceKind/allowedDomain``).
/// Rill has no call that changes a domain's role: a new role replaces the domain (remove, then create).
public enum AllowedDomainField: String, ManagedField {
    case orgRole = "org_role"

    public var wireName: String {
        switch self {
        case .orgRole: "role"
        }
    }

    public var valueType: FieldValueType {
        switch self {
        case .orgRole: .enumeration(OrgRole.allCases.map(\.rawValue))
        }
    }

    public var summary: String {
        switch self {
        case .orgRole: "Org role that users of the domain join with (admin, editor, viewer, guest)."
        }
    }

    public var forcesReplacement: Bool { true }

    public var unsetValue: FieldValue? { nil }
}

/// The managed setting of a project's auto-join email domain (``ResourceKind/projectAllowedDomain``); users join
/// the org as guests with this project role. As for org domains, a new role replaces the domain.
public enum ProjectAllowedDomainField: String, ManagedField {
    case role

    public var wireName: String {
        switch self {
        case .role: "role"
        }
    }

    public var valueType: FieldValueType {
        switch self {
        case .role: .enumeration(ProjectRole.allCases.map(\.rawValue))
        }
    }

    public var summary: String {
        switch self {
        case .role: "Project role that users of the domain get (admin, editor, viewer)."
        }
    }

    public var forcesReplacement: Bool { true }

    public var unsetValue: FieldValue? { nil }
}
