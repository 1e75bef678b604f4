import GRDB

/// The membership writes of Rill's admin service (admin/users.go in v0.78-era servers, admin/members.go later),
/// which handlers and signup share. Managed-group membership needs no writes here: the `usergroup_users` view
/// derives it from `org_members`, as InsertManagedUsergroupsMemberUser / DeleteManagedUsergroupsMemberUser keep
/// it in Rill.
enum OrgMembership {
    /// `admin.InsertOrganizationMemberUser`: returns whether a row was added. With `ifNotExists` an existing
    /// member is a no-op; without it the unique violation surfaces (the handlers map it to AlreadyExists).
    @discardableResult
    static func insertOrgMember(
        _ db: Database, orgID: String, userID: String, role: String, ifNotExists: Bool, now: String
    ) throws -> Bool {
        let verb = ifNotExists ? "INSERT OR IGNORE" : "INSERT"
        do {
            try db.execute(
                cached: "\(verb) INTO org_members (org_id, user_id, role, created_on, updated_on) VALUES (?, ?, ?, ?, ?)",
                arguments: [orgID, userID, role, now, now])
        } catch let error as DatabaseError where error.resultCode == .SQLITE_CONSTRAINT {
            throw RPCError(.alreadyExists, "user is already a member of the org")
        }
        return db.changesCount > 0
    }

    /// `admin.DeleteOrganizationMemberUser`: the member row (404 "org member not found" if absent), then the
    /// user's memberships of every usergroup of the org and their roles on every project of the org.
    static func deleteOrgMember(_ db: Database, orgID: String, userID: String) throws {
        try db.execute(cached: "DELETE FROM org_members WHERE org_id = ? AND user_id = ?", arguments: [orgID, userID])
        if db.changesCount == 0 { throw RPCError.notFound("org member") }
        try db.execute(
            cached: "DELETE FROM usergroup_members WHERE user_id = ? AND usergroup_id IN (SELECT id FROM usergroups WHERE org_id = ?)",
            arguments: [userID, orgID])
        try db.execute(
            cached: "DELETE FROM project_members WHERE user_id = ? AND project_id IN (SELECT id FROM projects WHERE org_id = ?)",
            arguments: [userID, orgID])
    }

    /// `admin.InsertProjectMemberUser`: the project role (a duplicate is reported as `false`, Rill's ErrNotUnique,
    /// which the handlers tolerate), then the user joins the org as a guest unless already a member.
    @discardableResult
    static func insertProjectMember(
        _ db: Database, orgID: String, projectID: String, userID: String, role: String,
        restriction: ResourceRestriction = .none, now: String
    ) throws -> Bool {
        try db.execute(
            cached: """
                INSERT OR IGNORE INTO project_members
                    (project_id, user_id, role, restrict_resources, resources, created_on, updated_on)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [projectID, userID, role, restriction.restrict, restriction.resourcesText, now, now])
        let inserted = db.changesCount > 0
        try insertOrgMember(db, orgID: orgID, userID: userID, role: OrgRoleName.guest.rawValue, ifNotExists: true, now: now)
        return inserted
    }

    static func orgRole(_ db: Database, orgID: String, userID: String) throws -> String? {
        try String.fetchOne(
            db, cached: "SELECT role FROM org_members WHERE org_id = ? AND user_id = ?", arguments: [orgID, userID])
    }

    static func projectRole(_ db: Database, projectID: String, userID: String) throws -> String? {
        try String.fetchOne(
            db, cached: "SELECT role FROM project_members WHERE project_id = ? AND user_id = ?", arguments: [projectID, userID])
    }
}
