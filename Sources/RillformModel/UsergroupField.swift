/// The managed settings of a usergroup (``ResourceKind/usergroup``). Its members and project roles are resources
/// of their own (``ResourceKind/usergroupMember``, ``UsergroupProjectRoleField``). Managed groups
/// (`autogroup:…`) have none of these: Rill refuses to edit them.
public enum UsergroupField: String, ManagedField {
    case description
    /// The group's org role; absent from the manifest: not managed. Rill has no "no role" value to set.
    case orgRole = "org_role"

    /// Rill's prefix for the groups it manages itself (`autogroup:users`, `autogroup:members`, `autogroup:guests`).
    public static let managedPrefix = "autogroup:"

    public static func isManaged(_ name: String) -> Bool { name.hasPrefix(managedPrefix) }

    public var wireName: String {
        switch self {
        case .description: "description"
        case .orgRole: "roleName"
        }
    }

    public var valueType: FieldValueType {
        switch self {
        case .description: .string(pattern: nil)
        case .orgRole: .enumeration(OrgRole.allCases.map(\.rawValue))
        }
    }

    public var summary: String {
        switch self {
        case .description: "Description of the usergroup."
        case .orgRole: "Org role every member of the group gets (admin, editor, viewer, guest)."
        }
    }

    /// Created by name only: the description and role follow in their own calls.
    public var acceptedByCreate: Bool { false }

    public var unsetValue: FieldValue? {
        switch self {
        case .description: .string("")
        case .orgRole: nil
        }
    }
}

/// A usergroup's role on one project (`project_roles.PROJECT` in plans): one resource per (group, project).
public enum UsergroupProjectRoleField: String, ManagedField {
    case projectRoles = "project_roles"

    public var wireName: String {
        switch self {
        case .projectRoles: "roleName"
        }
    }

    public var valueType: FieldValueType {
        switch self {
        case .projectRoles: .enumeration(ProjectRole.allCases.map(\.rawValue))
        }
    }

    public var summary: String {
        switch self {
        case .projectRoles:
            "Project name -> project role for every member of the group. Absent: not managed; {}: remove every "
                + "project role. Managed groups (autogroup:…) may have these."
        }
    }

    public var unsetValue: FieldValue? {
        switch self {
        case .projectRoles: nil
        }
    }
}
