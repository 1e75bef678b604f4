import Foundation
import GRDB

/// A row of `services` (Rill's service accounts).
struct ServiceRecord: Sendable {
    let id: String
    let orgID: String
    let name: String
    let attributes: [String: JSON]
    let createdOn: String
    let updatedOn: String

    init(row: Row) {
        id = row["id"]
        orgID = row["org_id"]
        name = row["name"]
        let text: String = row["attributes"]
        if case .object(let members)? = try? JSON.parse(Data(text.utf8)) {
            attributes = members
        } else {
            attributes = [:]
        }
        createdOn = row["created_on"]
        updatedOn = row["updated_on"]
    }

    static func find(_ db: Database, id: String) throws -> ServiceRecord? {
        try Row.fetchOne(db, cached: "SELECT * FROM services WHERE id = ?", arguments: [id]).map(ServiceRecord.init)
    }

    /// Case-sensitive, like Rill's `FindServiceByName` (`name=$2`); uniqueness is case-insensitive
    /// (`service_name_idx` on `lower(name)`), see Schema+Services.swift.
    static func find(_ db: Database, orgID: String, name: String) throws -> ServiceRecord? {
        try Row.fetchOne(db, cached: "SELECT * FROM services WHERE org_id = ? AND name = ?", arguments: [orgID, name])
            .map(ServiceRecord.init)
    }

    static func require(_ db: Database, org: OrgRecord, name: String) throws -> ServiceRecord {
        guard let service = try find(db, orgID: org.id, name: name) else { throw RPCError.notFound("service") }
        return service
    }

    /// `parseErr` for a `service_name_idx` violation (admin/database/postgres/postgres.go): AlreadyExists.
    static let duplicateName = RPCError(.alreadyExists, "a service with that name already exists in the org")

    /// Port of `InsertService` (admin/database/postgres/postgres.go): validate, then insert. Returns the id.
    static func insert(_ db: Database, orgID: String, name: String, attributes: [String: JSON], now: String) throws
        -> String
    {
        try ServiceNameRule.validate(name, options: "InsertServiceOptions")
        let id = TokenFactory.newID()
        do {
            try db.execute(
                cached: "INSERT INTO services (id, org_id, name, attributes, created_on, updated_on) VALUES (?, ?, ?, ?, ?, ?)",
                arguments: [id, orgID, name, encodeAttributes(attributes), now, now])
        } catch let error as DatabaseError where error.resultCode == .SQLITE_CONSTRAINT {
            throw duplicateName
        }
        return id
    }

    func orgRole(_ db: Database) throws -> String? {
        try String.fetchOne(db, cached: "SELECT role FROM service_org_roles WHERE service_id = ?", arguments: [id])
    }

    /// `v1Service`.
    func json(orgName: String) -> JSON {
        .object([
            "id": .string(id), "name": .string(name), "orgId": .string(orgID), "orgName": .string(orgName),
            "attributes": .object(attributes), "createdOn": .string(createdOn), "updatedOn": .string(updatedOn),
        ])
    }

    /// `v1OrganizationMemberService`.
    func memberJSON(_ db: Database, orgName: String) throws -> JSON {
        let role = try orgRole(db) ?? ""
        let projectRoles = try Int.fetchOne(
            db, cached: "SELECT COUNT(*) FROM service_project_roles WHERE service_id = ?", arguments: [id]) ?? 0
        return .object([
            "id": .string(id), "name": .string(name), "orgId": .string(orgID), "orgName": .string(orgName),
            "roleName": .string(role), "hasProjectRoles": .bool(projectRoles > 0),
            "attributes": .object(attributes), "createdOn": .string(createdOn), "updatedOn": .string(updatedOn),
        ])
    }

    /// `v1ProjectMemberService` for one project role of this service.
    func projectMemberJSON(
        orgName: String, orgRoleName: String, projectID: String, projectName: String, projectRoleName: String
    ) -> JSON {
        .object([
            "id": .string(id), "name": .string(name), "orgId": .string(orgID), "orgName": .string(orgName),
            "orgRoleName": .string(orgRoleName), "projectId": .string(projectID), "projectName": .string(projectName),
            "projectRoleName": .string(projectRoleName), "attributes": .object(attributes),
            "createdOn": .string(createdOn), "updatedOn": .string(updatedOn),
        ])
    }

    static func encodeAttributes(_ attributes: [String: JSON]) -> String { JSON.object(attributes).serialized() }
}
