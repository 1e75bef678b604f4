import Foundation
import GRDB

/// Port of `admin.CreateOrUpdateUser` (admin/users.go), what Rill runs on a user's first login: a new user
/// accepts every pending org invite (with its role and the usergroups recorded on it), joins every org whose
/// whitelisted domains include their email's domain (an explicit invite wins), then every project invite and
/// project whitelisted domain the same way. Invites are deleted once used. An existing user is left as is.
enum SignUp {
    /// Returns the user; `created` is false when the email already had an account.
    static func createOrUpdateUser(_ db: Database, email: String, now: String) throws -> (user: UserRecord, created: Bool) {
        guard let at = email.lastIndex(of: "@"), at != email.startIndex, email.index(after: at) != email.endIndex else {
            throw RPCError(.invalidArgument, "invalid user email address \"\(email)\"")
        }
        if let existing = try UserRecord.find(db, email: email) { return (existing, false) }
        let user = try UserRecord.insert(db, email: email, now: now)
        let domain = String(email[email.index(after: at)...])

        var addedToOrgs = Set<String>()
        let orgInvites = try Row.fetchAll(
            db, cached: "SELECT org_id, role, usergroup_ids FROM org_invites WHERE email = ? ORDER BY created_on",
            arguments: [email])
        for invite in orgInvites {
            let orgID: String = invite["org_id"]
            try OrgMembership.insertOrgMember(db, orgID: orgID, userID: user.id, role: invite["role"], ifNotExists: false, now: now)
            for groupID in decodeIDs(invite["usergroup_ids"]) {
                // A group deleted after the invite was made is skipped (CheckUsergroupExists).
                try db.execute(
                    cached: """
                        INSERT OR IGNORE INTO usergroup_members (usergroup_id, user_id, created_on)
                        SELECT id, ?, ? FROM usergroups WHERE id = ?
                        """, arguments: [user.id, now, groupID])
            }
            try db.execute(cached: "DELETE FROM org_invites WHERE org_id = ? AND email = ?", arguments: [orgID, email])
            addedToOrgs.insert(orgID)
        }
        let orgDomains = try Row.fetchAll(
            db, cached: "SELECT org_id, role FROM org_whitelisted_domains WHERE domain = ? ORDER BY created_on",
            arguments: [domain])
        for whitelist in orgDomains where !addedToOrgs.contains(whitelist["org_id"]) {
            let orgID: String = whitelist["org_id"]
            try OrgMembership.insertOrgMember(db, orgID: orgID, userID: user.id, role: whitelist["role"], ifNotExists: false, now: now)
            addedToOrgs.insert(orgID)
        }

        var addedToProjects = Set<String>()
        let projectInvites = try Row.fetchAll(
            db,
            cached: """
                SELECT i.project_id, i.role, i.restrict_resources, i.resources, p.org_id FROM project_invites i
                JOIN projects p ON p.id = i.project_id WHERE i.email = ? ORDER BY i.created_on
                """, arguments: [email])
        for invite in projectInvites {
            let projectID: String = invite["project_id"]
            try OrgMembership.insertProjectMember(
                db, orgID: invite["org_id"], projectID: projectID, userID: user.id, role: invite["role"],
                restriction: ResourceRestriction(restrict: invite["restrict_resources"], resourcesText: invite["resources"]),
                now: now)
            try db.execute(cached: "DELETE FROM project_invites WHERE project_id = ? AND email = ?", arguments: [projectID, email])
            addedToProjects.insert(projectID)
        }
        let projectDomains = try Row.fetchAll(
            db,
            cached: """
                SELECT d.project_id, d.role, p.org_id FROM project_whitelisted_domains d
                JOIN projects p ON p.id = d.project_id WHERE d.domain = ? ORDER BY d.created_on
                """, arguments: [domain])
        for whitelist in projectDomains where !addedToProjects.contains(whitelist["project_id"]) {
            try OrgMembership.insertProjectMember(
                db, orgID: whitelist["org_id"], projectID: whitelist["project_id"], userID: user.id,
                role: whitelist["role"], now: now)
            addedToProjects.insert(whitelist["project_id"])
        }
        return (user, true)
    }

    /// `org_invites.usergroup_ids`: a JSON array of group ids.
    static func decodeIDs(_ text: String) -> [String] {
        guard case .array(let items)? = try? JSON.parse(Data(text.utf8)) else { return [] }
        return items.compactMap { if case .string(let id) = $0 { id } else { nil } }
    }

    static func encodeIDs(_ ids: [String]) -> String { JSON.array(ids.map(JSON.string)).serialized() }
}
