import GRDB

/// A row of `projects`.
struct ProjectRecord: Sendable {
    let id: String
    let orgID: String
    let name: String
    let description: String
    let isPublic: Bool
    let createdByUserID: String
    let directoryName: String
    let provisioner: String
    let gitRemote: String
    let subpath: String
    let primaryBranch: String
    let archiveAssetID: String
    let prodSlots: Int
    let devSlots: Int
    let prodTTLSeconds: Int
    let prodVersion: String
    let primaryDeploymentID: String
    let createdOn: String
    let updatedOn: String

    init(row: Row) {
        id = row["id"]
        orgID = row["org_id"]
        name = row["name"]
        description = row["description"]
        isPublic = row["public"]
        createdByUserID = row["created_by_user_id"]
        directoryName = row["directory_name"]
        provisioner = row["provisioner"]
        gitRemote = row["git_remote"]
        subpath = row["subpath"]
        primaryBranch = row["primary_branch"]
        archiveAssetID = row["archive_asset_id"]
        prodSlots = row["prod_slots"]
        devSlots = row["dev_slots"]
        prodTTLSeconds = row["prod_ttl_seconds"]
        prodVersion = row["prod_version"]
        primaryDeploymentID = row["primary_deployment_id"]
        createdOn = row["created_on"]
        updatedOn = row["updated_on"]
    }

    static func find(_ db: Database, orgID: String, name: String) throws -> ProjectRecord? {
        try Row.fetchOne(db, cached: "SELECT * FROM projects WHERE org_id = ? AND name = ?", arguments: [orgID, name])
            .map(ProjectRecord.init)
    }

    static func find(_ db: Database, id: String) throws -> ProjectRecord? {
        try Row.fetchOne(db, cached: "SELECT * FROM projects WHERE id = ?", arguments: [id]).map(ProjectRecord.init)
    }

    static func require(_ db: Database, org: OrgRecord, name: String) throws -> ProjectRecord {
        guard let project = try find(db, orgID: org.id, name: name) else { throw RPCError.notFound("project") }
        return project
    }

    func json(orgName: String) -> JSON {
        .object([
            "id": .string(id), "name": .string(name), "orgId": .string(orgID), "orgName": .string(orgName),
            "description": .string(description), "public": .bool(isPublic),
            "createdByUserId": .string(createdByUserID), "directoryName": .string(directoryName),
            "provisioner": .string(provisioner), "gitRemote": .string(gitRemote), "managedGitId": .string(""),
            "subpath": .string(subpath), "primaryBranch": .string(primaryBranch),
            "archiveAssetId": .string(archiveAssetID), "prodSlots": .int64(prodSlots),
            "primaryDeploymentId": .string(primaryDeploymentID), "devSlots": .int64(devSlots),
            "frontendUrl": .string("http://localhost:3000/\(orgName)/\(name)"),
            "prodTtlSeconds": .int64(prodTTLSeconds), "annotations": .object([:]),
            "prodVersion": .string(prodVersion), "createdOn": .string(createdOn), "updatedOn": .string(updatedOn),
        ])
    }
}
