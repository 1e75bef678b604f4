/// Rill's organization roles (seeded by Rill's migrations; `GET /v1/roles` lists them).
public enum OrgRole: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    case admin, editor, viewer, guest

    /// Higher is more powerful; used for "demote" checks in the access report and lockout guard.
    public var rank: Int {
        switch self {
        case .guest: 0
        case .viewer: 1
        case .editor: 2
        case .admin: 3
        }
    }
    public static func < (lhs: OrgRole, rhs: OrgRole) -> Bool { lhs.rank < rhs.rank }
}

/// Rill's project roles.
public enum ProjectRole: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    case admin, editor, viewer

    public var rank: Int {
        switch self {
        case .viewer: 0
        case .editor: 1
        case .admin: 2
        }
    }
    public static func < (lhs: ProjectRole, rhs: ProjectRole) -> Bool { lhs.rank < rhs.rank }
}
