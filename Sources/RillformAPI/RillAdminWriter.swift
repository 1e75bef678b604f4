import Foundation
import Logging
import RillformModel

/// The mutating half of the admin API, for `apply`. Lookups go through `reader`.
///
/// Every method throws `RillAPIError` (or `CancellationError`).
///
/// Creates are not idempotent, so they are never retried blindly: when one fails with an unknown outcome
/// (`.ambiguous`: a 500/502/503/504 or a dropped connection after sending), the resource is looked up by its
/// natural key first and returned if it is there; only if it is absent is the create sent again.
/// Deletes report `.alreadyAbsent` instead of failing when the resource is gone: with retries (ours, or the
/// HTTP stack's own resend of a request whose connection dropped) "not found" usually means an earlier attempt
/// did the work, and either way the resource is absent, which is what a delete wants.
public struct RillAdminWriter: Sendable {
    let connection: AdminConnection
    /// Read-only lookups (shares this writer's connection, rate limit and caches).
    public let reader: RillAdminReader

    init(connection: AdminConnection) {
        self.connection = connection
        self.reader = RillAdminReader(connection: connection)
    }

    var client: Client { connection.client }

    // MARK: Organizations

    /// `POST /v1/orgs`. User tokens only; the caller becomes the org's admin.
    public func createOrganization(name: String, displayName: String? = nil, description: String? = nil)
        async throws -> LiveOrg
    {
        var values = LiveValues<OrgField>()
        values[.displayName] = displayName.map(FieldValue.string)
        values[.description] = description.map(FieldValue.string)
        return try await createOrganization(name: name, values: values)
    }

    /// `POST /v1/orgs` with the fields of `values` the create accepts (``ManagedField/acceptedByCreate``); the
    /// others are left for an update (see ``OrganizationChanges``).
    public func createOrganization(name: String, values: LiveValues<OrgField>) async throws -> LiveOrg {
        let resource = ResourceAddress.org(name).description
        var body = Components.Schemas.v1CreateOrganizationRequest(name: name)
        for field in values.fields {
            if let value = values[field] { _ = field.set(value, in: &body) }
        }
        let payload = body
        return try await createResolvingAmbiguity("createOrganization", resource) {
            try await connection.perform("createOrganization", resource) {
                let body = try await client.AdminService_CreateOrganization(body: .json(payload)).ok.body.json
                guard let wire = body.organization else { throw missing("organization", "createOrganization", resource) }
                return LiveOrg(wire, defaultProjectRole: try await reader.defaultRoleName(wire))
            }
        } lookup: {
            try await reader.getOrganization(name)?.org
        }
    }

    /// `PATCH /v1/orgs/{org}` with only the fields in `changes`.
    public func updateOrganization(_ name: String, changes: OrganizationChanges) async throws -> LiveOrg {
        let resource = ResourceAddress.org(name).description
        var body = Operations.AdminService_UpdateOrganization.Input.Body.jsonPayload(newName: changes.newName)
        for field in changes.values.fields {
            if let value = changes.values[field] { field.set(value, in: &body) }
        }
        let payload = body
        return try await renameTolerant(newName: changes.newName, lookup: { try await reader.getOrganization($0)?.org }) {
            try await connection.perform("updateOrganization", resource) {
                let body = try await client.AdminService_UpdateOrganization(
                    path: .init(org: name), body: .json(payload)
                ).ok.body.json
                guard let wire = body.organization else { throw missing("organization", "updateOrganization", resource) }
                return LiveOrg(wire, defaultProjectRole: try await reader.defaultRoleName(wire))
            }
        }
    }

    /// `DELETE /v1/orgs/{org}`. Asynchronous on the server: the org disappears a little later.
    @discardableResult
    public func deleteOrganization(_ name: String) async throws -> DeletionOutcome {
        try await deleteTolerant {
            try await connection.perform("deleteOrganization", ResourceAddress.org(name).description) {
                _ = try await client.AdminService_DeleteOrganization(path: .init(org: name)).ok
            }
        }
    }

    // MARK: Projects

    /// `POST /v1/orgs/{org}/projects`.
    public func createProject(org: String, _ spec: NewProject) async throws -> LiveProject {
        let resource = ResourceAddress.project(org, spec.name).description
        var body = Operations.AdminService_CreateProject.Input.Body.jsonPayload(
            project: spec.name, directoryName: spec.directoryName, archiveAssetId: spec.archiveAssetId,
            skipDeploy: spec.skipDeploy ? true : nil)
        for field in spec.values.fields {
            if let value = spec.values[field] { _ = field.set(value, in: &body) }
        }
        let payload = body
        return try await createResolvingAmbiguity("createProject", resource) {
            try await connection.perform("createProject", resource) {
                let body = try await client.AdminService_CreateProject(
                    path: .init(org: org), body: .json(payload)
                ).ok.body.json
                guard let wire = body.project else { throw missing("project", "createProject", resource) }
                return try LiveProject(wire)
            }
        } lookup: {
            try await reader.getProject(org: org, project: spec.name)?.project
        }
    }

    /// `PATCH /v1/orgs/{org}/projects/{project}` with only the fields in `changes` (a rename via `newName`).
    public func updateProject(org: String, project: String, changes: ProjectChanges) async throws -> LiveProject {
        let resource = ResourceAddress.project(org, project).description
        var body = Operations.AdminService_UpdateProject.Input.Body.jsonPayload(
            newName: changes.newName, archiveAssetId: changes.archiveAssetId)
        for field in changes.values.fields {
            if let value = changes.values[field] { field.set(value, in: &body) }
        }
        let payload = body
        return try await renameTolerant(newName: changes.newName,
                                        lookup: { try await reader.getProject(org: org, project: $0)?.project }) {
            try await connection.perform("updateProject", resource) {
                let body = try await client.AdminService_UpdateProject(
                    path: .init(org: org, project: project), body: .json(payload)
                ).ok.body.json
                guard let wire = body.project else { throw missing("project", "updateProject", resource) }
                return try LiveProject(wire)
            }
        }
    }

    /// `DELETE /v1/orgs/{org}/projects/{project}`. Synchronous; can take minutes on the server.
    @discardableResult
    public func deleteProject(org: String, project: String) async throws -> DeletionOutcome {
        try await deleteTolerant {
            try await connection.perform("deleteProject", ResourceAddress.project(org, project).description) {
                _ = try await client.AdminService_DeleteProject(path: .init(org: org, project: project)).ok
            }
        }
    }

    /// `POST /v1/orgs/{org}/projects/{project}/credentials`: a short-lived runtime token.
    public func projectCredentials(org: String, project: String, branch: String? = nil, ttlSeconds: Int? = nil,
                                   for subject: CredentialSubject? = nil) async throws -> DeploymentCredentials
    {
        let resource = ResourceAddress.project(org, project).description
        return try await connection.perform("projectCredentials", resource) {
            var payload = Operations.AdminService_GetDeploymentCredentials.Input.Body.jsonPayload(
                branch: branch, ttlSeconds: ttlSeconds.map(Int64.init))
            switch subject {
            case .userId(let id)?: payload.userId = id
            case .userEmail(let email)?: payload.userEmail = email
            case .attributes(let attributes)?: payload.attributes = try WireAttributes.encode(attributes)
            case nil: break
            }
            let body = try await client.AdminService_GetDeploymentCredentials(
                path: .init(org: org, project: project), body: .json(payload)
            ).ok.body.json
            return DeploymentCredentials(
                runtimeHost: body.runtimeHost ?? "", instanceId: body.instanceId ?? "",
                accessToken: body.accessToken.flatMap { try? APIToken($0) }, ttlSeconds: Int(body.ttlSeconds ?? 0))
        }
    }

    // MARK: Deployments

    /// `POST /v1/orgs/{org}/projects/{project}/deployments`. `branch` must be `nil` for prod.
    /// An ambiguous failure is resolved by listing the project's deployments for the same environment and
    /// branch; a dev deployment without a branch cannot be identified, so its ambiguity is reported.
    public func createDeployment(org: String, project: String, environment: DeploymentEnvironment,
                                 branch: String? = nil, editable: Bool? = nil) async throws -> LiveDeployment
    {
        let resource = ResourceAddress.deployment(org, project, environment: environment.rawValue, branch: branch)
            .description
        let canIdentify = environment == .prod || !(branch ?? "").isEmpty
        return try await createResolvingAmbiguity("createDeployment", resource) {
            try await connection.perform("createDeployment", resource) {
                let body = try await client.AdminService_CreateDeployment(
                    path: .init(org: org, project: project),
                    body: .json(.init(environment: environment.rawValue, branch: branch, editable: editable))
                ).ok.body.json
                guard let wire = body.deployment else { throw missing("deployment", "createDeployment", resource) }
                return LiveDeployment(wire)
            }
        } lookup: {
            guard canIdentify else { return nil }
            let matches = try await reader.listDeployments(
                org: org, project: project, environment: environment.rawValue, branch: branch)
                .filter { $0.environment == environment.rawValue && (environment == .prod || $0.branch == branch) }
            return matches.count == 1 ? matches.first : nil
        }
    }

    /// `POST /v1/deployments/{id}/start`.
    public func startDeployment(id: String) async throws -> LiveDeployment? {
        try await connection.perform("startDeployment", "deployment \(id)") {
            let body = try await client.AdminService_StartDeployment(
                path: .init(deploymentId: id), body: .json(.init())
            ).ok.body.json
            return body.deployment.map(LiveDeployment.init)
        }
    }

    /// `POST /v1/deployments/{id}/stop`.
    public func stopDeployment(id: String) async throws {
        try await connection.perform("stopDeployment", "deployment \(id)") {
            _ = try await client.AdminService_StopDeployment(path: .init(deploymentId: id), body: .json(.init())).ok
        }
    }

    /// `DELETE /v1/deployments/{id}`.
    @discardableResult
    public func deleteDeployment(id: String) async throws -> DeletionOutcome {
        try await deleteTolerant {
            try await connection.perform("deleteDeployment", "deployment \(id)") {
                _ = try await client.AdminService_DeleteDeployment(path: .init(deploymentId: id)).ok
            }
        }
    }

    // MARK: Services

    /// `POST /v1/orgs/{org}/services`. Rill requires an org role, a project role, or both. No token is issued.
    /// The returned service carries the roles given here (the create response has none).
    public func createService(org: String, name: String, orgRole: OrgRole? = nil,
                              projectRole: (project: String, role: ProjectRole)? = nil,
                              attributes: [String: JSONValue]? = nil) async throws -> LiveService
    {
        let resource = ResourceAddress.service(org, name).description
        return try await createResolvingAmbiguity("createService", resource) {
            try await connection.perform("createService", resource) {
                let body = try await client.AdminService_CreateService(
                    path: .init(org: org),
                    body: .json(.init(
                        name: name, orgRoleName: orgRole?.rawValue, project: projectRole?.project,
                        projectRoleName: projectRole?.role.rawValue,
                        attributes: try attributes.map(WireAttributes.encode)))
                ).ok.body.json
                guard let wire = body.service else { throw missing("service", "createService", resource) }
                var service = try LiveService(wire)
                service.orgRole = orgRole
                if let projectRole { service.projectRoles[projectRole.project] = projectRole.role }
                return service
            }
        } lookup: {
            try await reader.getService(org: org, name: name)
        }
    }

    /// `PATCH /v1/orgs/{org}/services/{name}`: rename and/or replace the attributes (the whole object;
    /// `[:]` clears them). The result carries no roles.
    public func updateService(org: String, name: String, newName: String? = nil,
                              attributes: [String: JSONValue]? = nil) async throws -> LiveService
    {
        let resource = ResourceAddress.service(org, name).description
        return try await renameTolerant(newName: newName, lookup: { try await reader.getService(org: org, name: $0) }) {
            try await connection.perform("updateService", resource) {
                let body = try await client.AdminService_UpdateService(
                    path: .init(org: org, name: name),
                    body: .json(.init(newName: newName, attributes: try attributes.map(WireAttributes.encode)))
                ).ok.body.json
                guard let wire = body.service else { throw missing("service", "updateService", resource) }
                return try LiveService(wire)
            }
        }
    }

    /// `DELETE /v1/orgs/{org}/services/{name}`.
    @discardableResult
    public func deleteService(org: String, name: String) async throws -> DeletionOutcome {
        try await deleteTolerant {
            try await connection.perform("deleteService", ResourceAddress.service(org, name).description) {
                _ = try await client.AdminService_DeleteService(path: .init(org: org, name: name)).ok
            }
        }
    }

    /// `PUT /v1/orgs/{org}/services/{name}/role`. Changes an existing org role only: a service that has no
    /// org role gets `notFound` (Rill has no call to add one after creation).
    public func setServiceOrgRole(org: String, service: String, role: OrgRole) async throws {
        try await connection.perform("setServiceOrgRole", ResourceAddress.service(org, service).description) {
            _ = try await client.AdminService_SetOrganizationMemberServiceRole(
                path: .init(org: org, name: service), body: .json(.init(role: role.rawValue))
            ).ok
        }
    }

    /// `DELETE /v1/orgs/{org}/services/{name}/role`.
    public func removeServiceOrgRole(org: String, service: String) async throws {
        try await connection.perform("removeServiceOrgRole", ResourceAddress.service(org, service).description) {
            _ = try await client.AdminService_RemoveOrganizationMemberService(path: .init(org: org, name: service)).ok
        }
    }

    /// `PUT /v1/orgs/{org}/projects/{project}/services/{name}/role` (an upsert).
    public func setServiceProjectRole(org: String, service: String, project: String, role: ProjectRole) async throws {
        let resource = ResourceAddress.serviceProjectRole(org, service: service, project: project).description
        try await connection.perform("setServiceProjectRole", resource) {
            _ = try await client.AdminService_SetProjectMemberServiceRole(
                path: .init(org: org, project: project, name: service), body: .json(.init(role: role.rawValue))
            ).ok
        }
    }

    /// `DELETE /v1/orgs/{org}/projects/{project}/services/{name}`.
    @discardableResult
    public func removeServiceProjectRole(org: String, service: String, project: String) async throws -> DeletionOutcome {
        let resource = ResourceAddress.serviceProjectRole(org, service: service, project: project).description
        return try await deleteTolerant {
            try await connection.perform("removeServiceProjectRole", resource) {
                _ = try await client.AdminService_RemoveProjectMemberService(
                    path: .init(org: org, project: project, name: service)
                ).ok
            }
        }
    }

    // MARK: Service tokens

    /// `POST /v1/orgs/{org}/services/{serviceName}/tokens`: a new secret, returned only here.
    ///
    /// Never retried after an unknown outcome: a token may have been minted whose secret is lost. The error is
    /// `.ambiguous`; such a token shows up in `listServiceTokens` and can be revoked.
    public func issueServiceToken(org: String, service: String) async throws -> APIToken {
        let resource = ResourceAddress.serviceToken(org, service).description
        return try await connection.perform("issueServiceToken", resource) {
            let body = try await client.AdminService_IssueServiceAuthToken(
                path: .init(org: org, serviceName: service), body: .json(.init())
            ).ok.body.json
            guard let secret = body.token, let token = try? APIToken(secret) else {
                throw missing("token", "issueServiceToken", resource)
            }
            return token
        }
    }

    /// `DELETE /v1/services/tokens/{tokenId}`.
    @discardableResult
    public func revokeServiceToken(id: String) async throws -> DeletionOutcome {
        try await deleteTolerant {
            try await connection.perform("revokeServiceToken", "service token \(id)") {
                _ = try await client.AdminService_RevokeServiceAuthToken(path: .init(tokenId: id)).ok
            }
        }
    }

    // MARK: Ambiguity and retries

    /// Runs a create; after an ambiguous failure, looks the resource up and returns it if it exists, otherwise
    /// waits (backoff) and creates again, up to the retry policy's attempts.
    ///
    /// A re-sent create may be refused as a duplicate because the first attempt did create it. Rill answers a
    /// duplicate name with 409 AlreadyExists in newer handlers, but v0.76–v0.78 handlers wrap every create error
    /// (the database's unique-constraint error included) as 400 InvalidArgument. Either is taken as "created by
    /// the first attempt" only if the lookup then finds the resource; otherwise the refusal is thrown as is.
    func createResolvingAmbiguity<Value: Sendable>(
        _ operation: String, _ resource: String,
        create: () async throws -> Value, lookup: () async throws -> Value?
    ) async throws -> Value {
        var attempt = 0
        var sawAmbiguity = false
        while true {
            attempt += 1
            do {
                return try await create()
            } catch let error as RillAPIError where error.kind == .ambiguous
                || (sawAmbiguity && RillAdminWriter.mayBeDuplicateRefusal(error))
            {
                sawAmbiguity = true
                connection.logger.debug("\(operation) \(resource): outcome unknown, looking it up")
                if let existing = try await lookup() {
                    connection.logger.info("\(operation) \(resource): found after an ambiguous failure; not creating again")
                    return existing
                }
                guard attempt < connection.retryPolicy.maxAttempts, error.kind == .ambiguous else { throw error }
                try await connection.clock.sleep(for: connection.retryPolicy.delay(
                    afterAttempt: attempt, retryAfter: nil, unitRandom: connection.jitter.next()))
            }
        }
    }

    /// A refusal that a duplicate name could explain: 409 AlreadyExists, or 400 InvalidArgument (v0.76–v0.78).
    /// A 400 that says "not found" is a missing parent instead (kind `.notFound`), so it is not one of these.
    static func mayBeDuplicateRefusal(_ error: RillAPIError) -> Bool {
        error.kind == .alreadyExists || (error.kind == .invalidArgument && error.httpStatus == 400)
    }

    /// A rename that was resent after the server already applied it (by our retry or the HTTP stack's resend on a
    /// dropped connection) finds the old name gone: read the resource back under its new name instead of failing.
    func renameTolerant<Value: Sendable>(
        newName: String?, lookup: (String) async throws -> Value?, update: () async throws -> Value
    ) async throws -> Value {
        do {
            return try await update()
        } catch let error as RillAPIError where error.kind == .notFound {
            guard let newName, let renamed = try await lookup(newName) else { throw error }
            return renamed
        }
    }

    /// "Not found" on a delete means the resource is absent, which is the goal (often our own earlier attempt).
    func deleteTolerant(_ delete: () async throws -> Void) async throws -> DeletionOutcome {
        do {
            try await delete()
            return .deleted
        } catch let error as RillAPIError where error.kind == .notFound {
            connection.logger.debug("\(error.operation) \(error.resource ?? ""): already absent")
            return .alreadyAbsent
        }
    }

    func missing(_ field: String, _ operation: String, _ resource: String) -> RillAPIError {
        RillAPIError(kind: .invalidResponse, operation: operation, resource: resource,
                     message: "the response has no \(field)")
    }
}
