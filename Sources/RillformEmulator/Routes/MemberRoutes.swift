import Foundation
import GRDB

/// Org user memberships: ports of the member handlers in admin/server/organizations.go (v0.78.1: `req.Org`,
/// `totalCount`; the newest stored version checks in the same order). Unknown emails become invites
/// (`pendingSignup: true`) that `RunningEmulator.signUpUser` turns into memberships; no emails are sent.
/// Rill's superusers (and `superuserForceAccess`) are not emulated: nobody is a superuser here.
enum MemberRoutes {
    static let routes: [Route] = [
        Route("GET", "/v1/orgs/{org}/members", listOrgMembers),
        Route("POST", "/v1/orgs/{org}/members", addOrgMember),
        Route("PUT", "/v1/orgs/{org}/members/{email}", setOrgMemberRole),
        Route("DELETE", "/v1/orgs/{org}/members/{email}", removeOrgMember),
        Route("PUT", "/v1/orgs/{org}/members/{email}/attributes", updateOrgMemberAttributes),
        Route("GET", "/v1/orgs/{org}/invites", listOrgInvites),
    ]

    /// Port of ListOrganizationMemberUsers (admin/server/organizations.go): org (404), readOrgMembers (403), page
    /// token, role filter (404 "org role not found"), then `FindOrganizationMemberUsers`: by lower(email), optional
    /// `searchPattern` (ILIKE on email or display name), counts only with `includeCounts` (projects directly or
    /// through groups; usergroups including the managed ones), attributes always.
    static func listOrgMembers(_ call: Call) throws -> JSON {
        let org = try OrgRecord.require(call.db, name: call.param("org"))
        try call.requireOrg(org, .readOrgMembers, "not authorized to read org members")
        let page = try Pagination(call: call)
        let role = try call.roleFilter(OrgRoleName.named, noun: "org role")
        let pattern = call.queryValue("searchPattern") ?? ""
        let filter = """
            m.org_id = ? AND (? = '' OR m.role = ?)
            AND (? = '' OR lower(u.email) LIKE lower(?) OR lower(u.display_name) LIKE lower(?))
            """
        let filterArguments: StatementArguments = [org.id, role, role, pattern, pattern, pattern]
        let rows = try Row.fetchAll(
            call.db,
            cached: """
                SELECT u.id, u.email, u.display_name, m.role, m.attributes, m.created_on, m.updated_on,
                    (SELECT COUNT(*) FROM projects p WHERE p.org_id = m.org_id AND p.id IN (
                        SELECT project_id FROM project_members WHERE user_id = u.id
                        UNION SELECT r.project_id FROM usergroup_project_roles r
                        JOIN usergroup_users gu ON gu.usergroup_id = r.usergroup_id WHERE gu.user_id = u.id)
                    ) AS projects_count,
                    (SELECT COUNT(*) FROM usergroup_users gu JOIN usergroups g ON g.id = gu.usergroup_id
                     WHERE g.org_id = m.org_id AND gu.user_id = u.id) AS usergroups_count
                FROM org_members m JOIN users u ON u.id = m.user_id
                WHERE \(filter) AND lower(u.email) > lower(?)
                ORDER BY lower(u.email) LIMIT ?
                """, arguments: filterArguments + [page.after ?? "", page.pageSize])
        let total = try Int.fetchOne(
            call.db, cached: "SELECT COUNT(*) FROM org_members m JOIN users u ON u.id = m.user_id WHERE \(filter)",
            arguments: filterArguments) ?? 0
        let withCounts = call.queryBool("includeCounts")
        let members: [JSON] = rows.map { row in
            .object([
                "userId": .string(row["id"]), "userEmail": .string(row["email"]), "userName": .string(row["display_name"]),
                "userPhotoUrl": .string(""), "roleName": .string(row["role"]),
                "projectsCount": .int(withCounts ? row["projects_count"] : 0),
                "usergroupsCount": .int(withCounts ? row["usergroups_count"] : 0),
                "attributes": .object(decodeAttributes(row["attributes"])),
                "createdOn": .string(row["created_on"]), "updatedOn": .string(row["updated_on"]),
            ])
        }
        let lastEmail: String? = rows.last.map { $0["email"] }
        return .object([
            "members": .array(members), "totalCount": .int(total),
            "nextPageToken": .string(page.nextToken(count: rows.count, lastKey: lastEmail)),
        ])
    }

    /// Port of ListOrganizationInvites (admin/server/organizations.go): org wrapped as 400, readOrgMembers (403),
    /// then `FindOrganizationInvites` by lower(email) with the role and the inviter's email; `totalCount` is
    /// CountInvitesForOrganization (org invites only).
    static func listOrgInvites(_ call: Call) throws -> JSON {
        let org = try OrgRecord.requireForWrite(call.db, name: call.param("org"))
        try call.requireOrg(org, .readOrgMembers, "not authorized to read org members")
        let page = try Pagination(call: call)
        let rows = try Row.fetchAll(
            call.db,
            cached: """
                SELECT i.email, i.role, COALESCE(u.email, '') AS invited_by FROM org_invites i
                LEFT JOIN users u ON u.id = i.invited_by_user_id
                WHERE i.org_id = ? AND lower(i.email) > lower(?) ORDER BY lower(i.email) LIMIT ?
                """, arguments: [org.id, page.after ?? "", page.pageSize])
        let total = try Int.fetchOne(call.db, cached: "SELECT COUNT(*) FROM org_invites WHERE org_id = ?", arguments: [org.id]) ?? 0
        let invites: [JSON] = rows.map { row in
            .object(["email": .string(row["email"]), "roleName": .string(row["role"]), "invitedBy": .string(row["invited_by"])])
        }
        let lastEmail: String? = rows.last.map { $0["email"] }
        return .object([
            "invites": .array(invites), "totalCount": .int(total),
            "nextPageToken": .string(page.nextToken(count: rows.count, lastKey: lastEmail)),
        ])
    }

    /// Port of AddOrganizationMemberUser (admin/server/organizations.go): org (400), manageOrgMembers (403), invite
    /// quota (400 FailedPrecondition), role (400 "org role not found"), admin role needs manageOrgAdmins (403),
    /// then an unknown email gets an invite (an existing invite takes the new role; the email is re-sent) and a
    /// known user becomes a member (409 when already one). The user joins the managed usergroups with the row.
    static func addOrgMember(_ call: Call) throws -> JSON {
        let org = try OrgRecord.requireForWrite(call.db, name: call.param("org"))
        try call.requireOrg(org, .manageOrgMembers, "not allowed to add org members")
        try requireInviteQuota(call.db, org: org, message: "quota exceeded: org can at most have %d outstanding invitations")
        guard let role = OrgRoleName.named(try call.body.string("role") ?? "") else {
            throw RPCError(.invalidArgument, "org role not found")
        }
        if role == .admin { try call.requireOrg(org, .manageOrgAdmins, MemberMessages.assignAdmin) }
        let email = try call.body.string("email") ?? ""
        guard let user = try UserRecord.find(call.db, email: email) else {
            // Emulator-only guard: Rill's proto validation rejects a malformed email before the handler runs.
            guard email.contains("@") else { throw RPCError(.invalidArgument, "invalid email") }
            try call.db.execute(
                cached: """
                    INSERT INTO org_invites (org_id, email, role, invited_by_user_id, created_on) VALUES (?, ?, ?, ?, ?)
                    ON CONFLICT (org_id, email) DO UPDATE SET role = excluded.role
                    """, arguments: [org.id, email, role.rawValue, call.principal.userID, call.now])
            return .object(["pendingSignup": .bool(true)])
        }
        do {
            try OrgMembership.insertOrgMember(
                call.db, orgID: org.id, userID: user.id, role: role.rawValue, ifNotExists: false, now: call.now)
        } catch let error as RPCError where error.code == .alreadyExists {
            throw RPCError(.alreadyExists, "user is already a member of the organization")
        }
        return .object(["pendingSignup": .bool(false)])
    }

    /// Port of SetOrganizationMemberUserRole (admin/server/organizations.go): org (400), manageOrgMembers (403),
    /// role (400), admin role needs manageOrgAdmins (403), then an unknown email updates its invite (404 "org
    /// invite not found"); a user: admin status (404 for a non-member), demoting an admin needs manageOrgAdmins,
    /// the last admin cannot change role (400). The managed groups follow the new role.
    static func setOrgMemberRole(_ call: Call) throws -> JSON {
        let org = try OrgRecord.requireForWrite(call.db, name: call.param("org"))
        try call.requireOrg(org, .manageOrgMembers, "not allowed to set org members role")
        guard let role = OrgRoleName.named(try call.body.string("role") ?? "") else {
            throw RPCError(.invalidArgument, "org role not found")
        }
        if role == .admin { try call.requireOrg(org, .manageOrgAdmins, MemberMessages.assignAdmin) }
        let email = call.param("email")
        guard let user = try UserRecord.find(call.db, email: email) else {
            try call.db.execute(
                cached: "UPDATE org_invites SET role = ? WHERE org_id = ? AND email = ?",
                arguments: [role.rawValue, org.id, email])
            if call.db.changesCount == 0 { throw RPCError.notFound("org invite") }
            return .emptyObject
        }
        let (isAdmin, isLastAdmin) = try adminStatus(call.db, orgID: org.id, userID: user.id)
        if isAdmin { try call.requireOrg(org, .manageOrgAdmins, MemberMessages.removeAdminMember) }
        if isLastAdmin { throw RPCError(.invalidArgument, "cannot remove the last admin member") }
        try call.db.execute(
            cached: "UPDATE org_members SET role = ?, updated_on = ? WHERE org_id = ? AND user_id = ?",
            arguments: [role.rawValue, call.now, org.id, user.id])
        return .emptyObject
    }

    /// Port of RemoveOrganizationMemberUser (admin/server/organizations.go): org (400); an unknown email needs
    /// manageOrgMembers and deletes the invite (404 "org invite not found"); a user may be removed by a manager or
    /// by themself, never while they are the org's billing email (400), an admin only by someone with
    /// manageOrgAdmins (403), never the last admin (400). DeleteOrganizationMemberUser also drops the user's
    /// usergroup memberships and project roles in the org.
    static func removeOrgMember(_ call: Call) throws -> JSON {
        let org = try OrgRecord.requireForWrite(call.db, name: call.param("org"))
        let email = call.param("email")
        guard let user = try UserRecord.find(call.db, email: email) else {
            try call.requireOrg(org, .manageOrgMembers, "not allowed to remove org members")
            try call.db.execute(cached: "DELETE FROM org_invites WHERE org_id = ? AND email = ?", arguments: [org.id, email])
            if call.db.changesCount == 0 { throw RPCError.notFound("org invite") }
            return .emptyObject
        }
        let isManager = try call.access.orgPermissions(org).contains(.manageOrgMembers)
        guard isManager || call.principal.userID == user.id else {
            throw RPCError(.permissionDenied, "not allowed to remove org members")
        }
        if org.billingEmail == user.email {
            throw RPCError(
                .invalidArgument,
                "this user is the billing email for the organization, please update the billing email before removing")
        }
        let (isAdmin, isLastAdmin) = try adminStatus(call.db, orgID: org.id, userID: user.id)
        if isAdmin { try call.requireOrg(org, .manageOrgAdmins, MemberMessages.removeAdminMember) }
        if isLastAdmin { throw RPCError(.invalidArgument, "cannot remove the last admin member") }
        try OrgMembership.deleteOrgMember(call.db, orgID: org.id, userID: user.id)
        return .emptyObject
    }

    /// Port of UpdateOrganizationMemberUserAttributes (admin/server/organizations.go, newest stored version; not
    /// in the oldest): org (400), manageOrgMembers (403), user by email (400 "user not found"), then the member's
    /// attributes are **replaced** by the request's (`SET attributes = $1`; absent → empty). A user who is not a
    /// member updates no row and still gets 200.
    static func updateOrgMemberAttributes(_ call: Call) throws -> JSON {
        let org = try OrgRecord.requireForWrite(call.db, name: call.param("org"))
        try call.requireOrg(org, .manageOrgMembers, "not allowed to update org member attributes")
        guard let user = try UserRecord.find(call.db, email: call.param("email")) else {
            throw RPCError(.invalidArgument, "user not found")
        }
        let attributes = try call.body.object("attributes") ?? [:]
        try call.db.execute(
            cached: "UPDATE org_members SET attributes = ? WHERE org_id = ? AND user_id = ?",
            arguments: [JSON.object(attributes).serialized(), org.id, user.id])
        return .emptyObject
    }

    // MARK: Helpers

    static func decodeAttributes(_ text: String) -> [String: JSON] {
        if case .object(let members)? = try? JSON.parse(Data(text.utf8)) { return members }
        return [:]
    }

    /// `CountInvitesForOrganization` against `QuotaOutstandingInvites` (negative means unlimited).
    static func requireInviteQuota(_ db: Database, org: OrgRecord, message: String) throws {
        let count = try Int.fetchOne(db, cached: "SELECT COUNT(*) FROM org_invites WHERE org_id = ?", arguments: [org.id]) ?? 0
        if org.quotaOutstandingInvites >= 0 && count >= org.quotaOutstandingInvites {
            throw RPCError(.failedPrecondition, message.replacingOccurrences(of: "%d", with: "\(org.quotaOutstandingInvites)"))
        }
    }

    /// `FindOrganizationMemberUserAdminStatus`: whether the user is an admin, and whether no *other* admin
    /// exists; 404 "org member admin status not found" for a non-member. Only direct admins count (the query
    /// reads `users_orgs_roles`), so a group with the admin role does not save the last admin.
    private static func adminStatus(_ db: Database, orgID: String, userID: String) throws -> (Bool, Bool) {
        guard let role = try OrgMembership.orgRole(db, orgID: orgID, userID: userID) else {
            throw RPCError.notFound("org member admin status")
        }
        let otherAdmins = try Int.fetchOne(
            db, cached: "SELECT COUNT(*) FROM org_members WHERE org_id = ? AND role = 'admin' AND user_id != ?",
            arguments: [orgID, userID]) ?? 0
        return (role == OrgRoleName.admin.rawValue, otherAdmins == 0)
    }
}
