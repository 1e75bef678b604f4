import Crypto
import Foundation
import GRDB

/// Ephemeral runtime credentials: `GetDeploymentCredentials` (deprecated but still served) and `GetDeployment`,
/// ported from the newest admin/server/deployment.go that could be read. Older servers (e.g. the pre-branch
/// one) had no `externalUserId`, always used the caller as JWT subject and gave services no attributes.
enum CredentialRoutes {
    static let routes: [Route] = [
        Route("POST", "/v1/orgs/{org}/projects/{project}/credentials", projectCredentials),
        // Back-compat alias kept by Rill's server.go.
        Route("POST", "/v1/organizations/{org}/projects/{project}/credentials", projectCredentials),
        Route("POST", "/v1/deployments/{deploymentId}/credentials", deploymentCredentials),
    ]

    /// `runtimeAccessTokenEmbedTTL` (admin/server/projects.go): 24 hours.
    static let defaultTTLSeconds = 24 * 3600

    /// Port of GetDeploymentCredentials (admin/server/deployment.go): project lookup, its primary (prod)
    /// deployment only (another `branch` is a 400), then `manageProd`, needed even for one's own credentials.
    static func projectCredentials(_ call: Call) throws -> JSON {
        let project = try DeploymentRoutes.projectByName(call)
        if project.primaryDeploymentID.isEmpty {
            throw RPCError(.invalidArgument, "project does not have a deployment")
        }
        guard let prod = try DeploymentRecord.find(call.db, id: project.primaryDeploymentID) else {
            throw RPCError(.invalidArgument, "deployment not found")
        }
        let branch = try call.body.string("branch") ?? ""
        if !branch.isEmpty && branch != prod.branch {
            throw RPCError(.invalidArgument, "project does not have a deployment for given branch")
        }
        let permissions = try call.access.projectPermissions(project)
        guard permissions.contains(.manageProd) else {
            throw RPCError(.permissionDenied, "does not have permission to manage deployment")
        }
        let request = try ForRequest(call.body, message: "GetDeploymentCredentialsRequest")
        var subject = ""
        var attributes: JSON = .null
        if request.target == nil && request.externalUserID.isEmpty {
            // Only users get attributes; a service's subject is left empty on purpose ("out of caution").
            if case .user(let user) = call.principal {
                subject = user.id
                attributes = try userAttributes(call.db, user: user, project: project, permissions: permissions)
            }
        } else if let target = request.target {
            (subject, attributes) = try forAttributes(call, target: target, externalUserID: request.externalUserID, project: project)
        }
        if !request.externalUserID.isEmpty { subject = externalSubject(request.externalUserID, projectID: project.id) }
        let ttl = try call.body.int32("ttlSeconds") ?? 0
        return try issue(deployment: prod, subject: subject, attributes: attributes, ttl: ttl)
    }

    /// Port of GetDeployment (admin/server/deployment.go): deployment and project lookups (InvalidArgument),
    /// readDev/readProd, and manageDev/manageProd when minting for someone else (`userId`/`userEmail`/`attributes`
    /// or `externalUserId`). A service without a target gets `{"admin": true}`.
    static func deploymentCredentials(_ call: Call) throws -> JSON {
        guard let deployment = try DeploymentRecord.find(call.db, id: call.param("deploymentId")) else {
            throw RPCError(.invalidArgument, "deployment not found")
        }
        guard let project = try ProjectRecord.find(call.db, id: deployment.projectID) else {
            throw RPCError(.invalidArgument, "project not found")
        }
        let permissions = try call.access.projectPermissions(project)
        let isDev = deployment.environment == "dev"
        guard permissions.contains(isDev ? .readDev : .readProd) else {
            throw RPCError(.permissionDenied, "does not have permission to read \(isDev ? "dev" : "prod") deployment")
        }
        let request = try ForRequest(call.body, message: "GetDeploymentRequest")
        if request.target != nil || !request.externalUserID.isEmpty {
            guard permissions.contains(isDev ? .manageDev : .manageProd) else {
                throw RPCError(
                    .permissionDenied, "does not have permission to manage \(isDev ? "dev" : "prod") deployment")
            }
        }
        var subject = ""
        var attributes: JSON = .null
        if request.target == nil && request.externalUserID.isEmpty {
            switch call.principal {
            case .user(let user):
                subject = user.id
                attributes = try userAttributes(call.db, user: user, project: project, permissions: permissions)
            case .service:
                attributes = .object(["admin": .bool(true)])
            case .anonymous:
                break
            }
        } else if let target = request.target {
            (subject, attributes) = try forAttributes(call, target: target, externalUserID: request.externalUserID, project: project)
        }
        if !request.externalUserID.isEmpty { subject = externalSubject(request.externalUserID, projectID: project.id) }
        let ttl = try call.body.int32("accessTokenTtlSeconds") ?? 0
        return try issue(deployment: deployment, subject: subject, attributes: attributes, ttl: ttl)
    }

    /// The request's `for` oneof and `external_user_id`.
    private struct ForRequest {
        enum Target {
            case userID(String)
            case userEmail(String)
            case attributes([String: JSON])
        }

        var target: Target?
        var externalUserID: String

        init(_ body: RequestBody, message: String) throws {
            let set = ["userId", "userEmail", "attributes"].filter { body.has($0) }
            if set.count > 1 {
                // protojson refuses a second member of a oneof before the handler runs.
                throw RPCError(
                    .invalidArgument,
                    "proto: error parsing \"\(set[1])\", oneof rill.admin.v1.\(message).for is already set")
            }
            if let value = try body.string("userId") {
                target = .userID(value)
            } else if let value = try body.string("userEmail") {
                target = .userEmail(value)
            } else if let value = try body.object("attributes") {
                target = .attributes(value)
            }
            externalUserID = try body.string("externalUserId") ?? ""
        }
    }

    /// The `req.For` branch: `getAttributesAndResourceRestrictionsForUser` or raw attributes.
    private static func forAttributes(
        _ call: Call, target: ForRequest.Target, externalUserID: String, project: ProjectRecord
    ) throws -> (String, JSON) {
        switch target {
        case .userID(let userID):
            if !externalUserID.isEmpty {
                throw RPCError(.invalidArgument, "external_user_id cannot be specified together with user_id")
            }
            guard let user = try UserRecord.find(call.db, id: userID) else {
                throw RPCError(.notFound, "user not found")
            }
            let permissions = try Access(db: call.db, principal: .user(user)).projectPermissions(project)
            return (userID, try userAttributes(call.db, user: user, project: project, permissions: permissions))
        case .userEmail(let email):
            guard let user = try UserRecord.find(call.db, email: email) else {
                // Not a Rill user (e.g. an embedding site's viewer): presented as a non-admin email.
                return ("", .object(["email": .string(email), "domain": .string(domain(of: email)), "admin": .bool(false)]))
            }
            let permissions = try Access(db: call.db, principal: .user(user)).projectPermissions(project)
            return ("", try userAttributes(call.db, user: user, project: project, permissions: permissions))
        case .attributes(let attributes):
            return ("", .object(attributes))
        }
    }

    /// `jwtAttributesForUser` (admin/server/server.go); the emulator has no user groups or user attributes.
    private static func userAttributes(
        _ db: Database, user: UserRecord, project: ProjectRecord, permissions: Set<ProjectPermission>
    ) throws -> JSON {
        .object([
            "name": .string(user.displayName), "email": .string(user.email), "domain": .string(domain(of: user.email)),
            "groups": .array([]), "admin": .bool(permissions.contains(.manageProject)),
        ])
    }

    private static func domain(of email: String) -> String {
        guard let at = email.lastIndex(of: "@") else { return email }
        return String(email[email.index(after: at)...])
    }

    /// `subjectForExternalUser`: "ext_" + hex(sha256(externalUserID + projectID)).
    static func externalSubject(_ externalUserID: String, projectID: String) -> String {
        "ext_" + SHA256.hash(data: Data((externalUserID + projectID).utf8)).map { String(format: "%02x", $0) }.joined()
    }

    private static func issue(deployment: DeploymentRecord, subject: String, attributes: JSON, ttl: Int) throws -> JSON {
        // uint32 on the wire: protojson rejects a negative number before the handler.
        if ttl < 0 || ttl > Int(UInt32.max) { throw RPCError(.invalidArgument, "invalid value for uint32 field ttlSeconds") }
        let seconds = ttl > 0 ? ttl : defaultTTLSeconds
        var claims: [String: JSON] = ["ins": .string(deployment.runtimeInstanceID)]
        if !subject.isEmpty { claims["sub"] = .string(subject) }
        if attributes != .null { claims["attr"] = attributes }
        return .object([
            "runtimeHost": .string(deployment.runtimeHost), "instanceId": .string(deployment.runtimeInstanceID),
            "accessToken": .string(TokenFactory.runtimeJWT(claims: .object(claims))), "ttlSeconds": .int(seconds),
        ])
    }
}
