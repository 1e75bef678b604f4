/// The permission checks handlers write inline in Rill (`if !claims.…Permissions(…).Flag { PermissionDenied }`),
/// with the handler's own message.
extension Call {
    func requireOrg(_ org: OrgRecord, _ flag: OrgPermission, _ message: String) throws {
        guard try access.orgPermissions(org).contains(flag) else { throw RPCError(.permissionDenied, message) }
    }

    func requireOrg(id orgID: String, _ flag: OrgPermission, _ message: String) throws {
        guard let org = try OrgRecord.find(db, id: orgID) else { throw RPCError.notFound("org") }
        try requireOrg(org, flag, message)
    }

    func requireProject(_ project: ProjectRecord, _ flag: ProjectPermission, _ message: String) throws {
        guard try access.projectPermissions(project).contains(flag) else { throw RPCError(.permissionDenied, message) }
    }

    /// `claims.OwnerType() == auth.OwnerTypeUser`, else 401.
    func requireUser() throws -> UserRecord {
        guard case .user(let user) = principal else { throw RPCError(.unauthenticated, "not authenticated as a user") }
        return user
    }
}

/// Messages several member handlers share.
enum MemberMessages {
    static let assignAdmin = "as a non-admin you are not allowed to assign an admin role"
    static let removeAdminMember = "as a non-admin you are not allowed to remove an admin member"
    static let removeAdminRole = "as a non-admin you are not allowed to remove an admin role"
    static let removeProjectAdmin = "as a non-admin you are not allowed to remove an admin"
}
