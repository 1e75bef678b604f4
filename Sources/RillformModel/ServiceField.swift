/// The managed settings of a service. Its project roles are resources of their own (``ServiceProjectRoleField``).
public enum ServiceField: String, ManagedField {
    case orgRole = "org_role"
    /// `{}` clears them (Rill replaces the whole map on PATCH).
    case attributes

    public var wireName: String {
        switch self {
        case .orgRole: "roleName"
        case .attributes: "attributes"
        }
    }

    public var valueType: FieldValueType {
        switch self {
        case .orgRole: .enumeration(OrgRole.allCases.map(\.rawValue))
        case .attributes: .object
        }
    }

    public var summary: String {
        switch self {
        case .orgRole: "Role of the service in the org."
        case .attributes:
            "Free-form JSON attributes (available to security policies as user attributes). {} clears them. "
                + "Quote dates: values must be JSON-compatible."
        }
    }

    /// Adding an org role to a service that has none replaces it (set-org-role returns 404); the planner decides
    /// that from the live value, so the field itself does not always force replacement.
    public var forcesReplacement: Bool {
        switch self {
        case .orgRole, .attributes: false
        }
    }

    public var unsetValue: FieldValue? {
        switch self {
        case .orgRole: nil  // a project-only service has no org role at all
        case .attributes: .object([:])
        }
    }
}

/// A service's role on one project (`project_roles.PROJECT` in plans): one resource per (service, project).
public enum ServiceProjectRoleField: String, ManagedField {
    case projectRoles = "project_roles"

    public var wireName: String {
        switch self {
        case .projectRoles: "projectRoleName"
        }
    }

    public var valueType: FieldValueType {
        switch self {
        case .projectRoles: .enumeration(ProjectRole.allCases.map(\.rawValue))
        }
    }

    public var summary: String {
        switch self {
        case .projectRoles: "Project name -> project role. Absent: not managed; {}: remove every project role."
        }
    }

    public var unsetValue: FieldValue? {
        switch self {
        case .projectRoles: nil
        }
    }
}
