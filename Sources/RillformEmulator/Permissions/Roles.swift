/// Rill's organization role names (seeded by Rill's migrations).
enum OrgRoleName: String, Sendable, CaseIterable, Hashable {
    case admin, editor, viewer, guest

    /// Stable role ids, as `GET /v1/roles` reports them and `defaultProjectRoleId` refers to them.
    var id: String {
        switch self {
        case .admin: "00000000-0000-4000-8000-0000000000a1"
        case .editor: "00000000-0000-4000-8000-0000000000a2"
        case .viewer: "00000000-0000-4000-8000-0000000000a3"
        case .guest: "00000000-0000-4000-8000-0000000000a4"
        }
    }

    /// `FindOrganizationRole`: `WHERE lower(name)=lower($1)`, so role names match case-insensitively.
    static func named(_ name: String) -> OrgRoleName? { OrgRoleName(rawValue: name.lowercased()) }

    /// Parses a request's role name; Rill rejects unknown names with 400.
    static func parse(_ name: String) throws -> OrgRoleName {
        guard let role = named(name) else { throw RPCError(.invalidArgument, "invalid organization role \"\(name)\"") }
        return role
    }
}

/// Rill's project role names.
enum ProjectRoleName: String, Sendable, CaseIterable, Hashable {
    case admin, editor, viewer

    var id: String {
        switch self {
        case .admin: "00000000-0000-4000-8000-0000000000b1"
        case .editor: "00000000-0000-4000-8000-0000000000b2"
        case .viewer: "00000000-0000-4000-8000-0000000000b3"
        }
    }

    /// `FindProjectRole`: case-insensitive, like `OrgRoleName.named`.
    static func named(_ name: String) -> ProjectRoleName? { ProjectRoleName(rawValue: name.lowercased()) }

    static func parse(_ name: String) throws -> ProjectRoleName {
        guard let role = named(name) else { throw RPCError(.invalidArgument, "invalid project role \"\(name)\"") }
        return role
    }

    static func from(id: String) -> ProjectRoleName? { allCases.first { $0.id == id } }
}
