import Foundation
import GRDB

/// A row of `orgs`.
struct OrgRecord: Sendable {
    let id: String
    let name: String
    let displayName: String
    let description: String
    let billingEmail: String
    let defaultProjectRoleID: String
    let quotaProjects: Int
    let quotaDeployments: Int
    let quotaSlotsTotal: Int
    let quotaSlotsPerDeployment: Int
    let quotaOutstandingInvites: Int
    let quotaStorageLimitBytesPerDeployment: Int
    let createdByUserID: String
    /// Unix seconds after which a deleted org is gone; nil unless DeleteOrganization was called.
    let deleteAfter: Double?
    let createdOn: String
    let updatedOn: String

    init(row: Row) {
        id = row["id"]
        name = row["name"]
        displayName = row["display_name"]
        description = row["description"]
        billingEmail = row["billing_email"]
        defaultProjectRoleID = row["default_project_role_id"]
        quotaProjects = row["quota_projects"]
        quotaDeployments = row["quota_deployments"]
        quotaSlotsTotal = row["quota_slots_total"]
        quotaSlotsPerDeployment = row["quota_slots_per_deployment"]
        quotaOutstandingInvites = row["quota_outstanding_invites"]
        quotaStorageLimitBytesPerDeployment = row["quota_storage_limit_bytes_per_deployment"]
        createdByUserID = row["created_by_user_id"]
        deleteAfter = row["delete_after"]
        createdOn = row["created_on"]
        updatedOn = row["updated_on"]
    }

    /// SQL condition (on alias-free `orgs` columns) that hides orgs whose asynchronous delete has completed.
    static let visible = "(delete_after IS NULL OR delete_after > \(EmulatorClock.sqlFunctionName)())"

    /// The emulator clock, read inside the transaction.
    static func nowSeconds(_ db: Database) throws -> Double {
        try Double.fetchOne(db, cached: "SELECT \(EmulatorClock.sqlFunctionName)()") ?? 0
    }

    static func find(_ db: Database, name: String) throws -> OrgRecord? {
        try Row.fetchOne(
            db, cached: "SELECT * FROM orgs WHERE name = ? AND \(visible)", arguments: [name]
        ).map(OrgRecord.init)
    }

    static func find(_ db: Database, id: String) throws -> OrgRecord? {
        try Row.fetchOne(
            db, cached: "SELECT * FROM orgs WHERE id = ? AND \(visible)", arguments: [id]
        ).map(OrgRecord.init)
    }

    /// Finishes the emulated DeleteOrg jobs whose delay has passed (rows cascade). Needs a write transaction;
    /// read paths just filter such orgs out (`visible`).
    static func purgeDeleted(_ db: Database) throws {
        try db.execute(
            cached: "DELETE FROM orgs WHERE delete_after IS NOT NULL AND delete_after <= \(EmulatorClock.sqlFunctionName)()")
    }

    /// GET-style lookup: 404 when absent.
    static func require(_ db: Database, name: String) throws -> OrgRecord {
        guard let org = try find(db, name: name) else { throw RPCError.notFound("org") }
        return org
    }

    /// Lookup as CreateService/CreateProject/UpdateOrganization do it: Rill wraps the miss as InvalidArgument (400).
    static func requireForWrite(_ db: Database, name: String) throws -> OrgRecord {
        guard let org = try find(db, name: name) else { throw RPCError(.invalidArgument, "org not found") }
        return org
    }

    /// `organizationToDTO(org, privileged)`: billing details only for callers who may manage the org.
    func json(privileged: Bool) -> JSON {
        guard case .object(var members) = json else { return json }
        if !privileged { members["billingEmail"] = .string("") }
        return .object(members)
    }

    var json: JSON {
        .object([
            "id": .string(id), "name": .string(name), "displayName": .string(displayName),
            "description": .string(description), "logoUrl": .string(""), "logoDarkUrl": .string(""),
            "faviconUrl": .string(""), "thumbnailUrl": .string(""), "customDomain": .string(""),
            "defaultProjectRoleId": .string(defaultProjectRoleID),
            "quotas": .object([
                "projects": .int(quotaProjects), "deployments": .int(quotaDeployments),
                "slotsTotal": .int(quotaSlotsTotal), "slotsPerDeployment": .int(quotaSlotsPerDeployment),
                "outstandingInvites": .int(quotaOutstandingInvites),
                "storageLimitBytesPerDeployment": .int64(quotaStorageLimitBytesPerDeployment),
            ]),
            "billingCustomerId": .string(""), "paymentCustomerId": .string(""),
            "billingEmail": .string(billingEmail),
            "createdOn": .string(createdOn), "updatedOn": .string(updatedOn),
        ])
    }
}
