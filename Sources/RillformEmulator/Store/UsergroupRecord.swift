import Foundation
import GRDB

/// A row of `usergroups`.
struct UsergroupRecord: Sendable {
    let id: String
    let orgID: String
    let name: String
    let description: String
    let managed: Bool
    let createdOn: String
    let updatedOn: String

    init(row: Row) {
        id = row["id"]
        orgID = row["org_id"]
        name = row["name"]
        description = row["description"]
        managed = row["managed"]
        createdOn = row["created_on"]
        updatedOn = row["updated_on"]
    }

    /// `database.UsergroupNameAutogroup*`: everyone in the org, non-guests, guests.
    static let autogroupUsers = "autogroup:users"
    static let autogroupMembers = "autogroup:members"
    static let autogroupGuests = "autogroup:guests"
    static let managedNames = [autogroupUsers, autogroupMembers, autogroupGuests]

    /// `parseErr` for `usergroups_name_idx`.
    static let duplicateName = RPCError(.alreadyExists, "a usergroup with that name already exists in the org")

    /// `FindUsergroupByName`: org and group names both compared with lower(); any miss is 404 "usergroup not found".
    static func find(_ db: Database, orgName: String, name: String) throws -> UsergroupRecord? {
        try Row.fetchOne(
            db,
            cached: """
                SELECT g.* FROM usergroups g JOIN orgs o ON o.id = g.org_id
                WHERE lower(g.name) = lower(?) AND lower(o.name) = lower(?) 
                    AND (o.delete_after IS NULL OR o.delete_after > \(EmulatorClock.sqlFunctionName)())
                """, arguments: [name, orgName]
        ).map(UsergroupRecord.init)
    }

    static func require(_ db: Database, orgName: String, name: String) throws -> UsergroupRecord {
        guard let group = try find(db, orgName: orgName, name: name) else { throw RPCError.notFound("usergroup") }
        return group
    }

    static func find(_ db: Database, orgID: String, name: String) throws -> UsergroupRecord? {
        try Row.fetchOne(
            db, cached: "SELECT * FROM usergroups WHERE org_id = ? AND lower(name) = lower(?)", arguments: [orgID, name]
        ).map(UsergroupRecord.init)
    }

    /// `InsertUsergroup`: validates `min=1,max=40,slug` (an untyped error, 500), then inserts (409 on a taken name).
    static func insert(_ db: Database, orgID: String, name: String, managed: Bool, now: String) throws -> UsergroupRecord {
        if !managed { try ServiceNameRule.validate(name, options: "InsertUsergroupOptions") }
        let id = TokenFactory.newID()
        do {
            try db.execute(
                cached: """
                    INSERT INTO usergroups (id, org_id, name, managed, created_on, updated_on) VALUES (?, ?, ?, ?, ?, ?)
                    """, arguments: [id, orgID, name, managed, now, now])
        } catch let error as DatabaseError where error.resultCode == .SQLITE_CONSTRAINT {
            throw duplicateName
        }
        guard let row = try Row.fetchOne(db, cached: "SELECT * FROM usergroups WHERE id = ?", arguments: [id]) else {
            throw RPCError(.internal, "usergroup vanished")
        }
        return UsergroupRecord(row: row)
    }

    /// `InsertManagedUsergroups`: the three autogroups every org has from its creation.
    static func insertManaged(_ db: Database, orgID: String, now: String) throws {
        for name in managedNames { _ = try insert(db, orgID: orgID, name: name, managed: true, now: now) }
    }

    /// `FindOrganizationMemberUsergroupRole`: nil when the group has no org role.
    func orgRole(_ db: Database) throws -> OrgRoleName? {
        try String.fetchOne(db, cached: "SELECT role FROM usergroup_org_roles WHERE usergroup_id = ?", arguments: [id])
            .flatMap(OrgRoleName.init(rawValue:))
    }

    /// `FindProjectMemberUsergroupRole`.
    func projectRole(_ db: Database, projectID: String) throws -> ProjectRoleName? {
        try String.fetchOne(
            db, cached: "SELECT role FROM usergroup_project_roles WHERE usergroup_id = ? AND project_id = ?",
            arguments: [id, projectID]
        ).flatMap(ProjectRoleName.init(rawValue:))
    }

    /// `usergroupToPB`.
    var json: JSON {
        .object([
            "groupId": .string(id), "groupName": .string(name), "groupDescription": .string(description),
            "managed": .bool(managed), "createdOn": .string(createdOn), "updatedOn": .string(updatedOn),
        ])
    }
}
