import Foundation
import RillformModel

/// The read-only half of the admin API: every method is a GET. `plan` and `drift` only ever get one of these,
/// so they cannot change anything by construction.
///
/// Every method throws `RillAPIError` (or `CancellationError`). Lookups of one resource return `nil` when it is
/// absent (404, or 400 "not found"). Lists follow every page.
public struct RillAdminReader: Sendable {
    let connection: AdminConnection

    init(connection: AdminConnection) {
        self.connection = connection
    }

    var client: Client { connection.client }

    // MARK: Server and caller

    /// `GET /v1/ping`: reachability and server version (no authentication needed).
    public func ping() async throws -> ServerInfo {
        try await connection.perform("ping", nil) {
            let body = try await client.AdminService_Ping().ok.body.json
            return ServerInfo(version: body.version ?? "")
        }
    }

    /// `GET /v1/users/current`: a user token's user, or `.service` for a token that is not a user's.
    ///
    /// Rill refuses service tokens on this call (`GetCurrentUser`, admin/server/users.go: 401 "not authenticated
    /// as a user"; servers before that answered with an untyped error, HTTP 500), so a `rill_svc_` token is
    /// recognised by its prefix and never sent here. A token of unknown shape that gets the 401 is not a user's:
    /// it is treated as a service token, and a token that is simply invalid fails on the next call instead.
    public func currentIdentity() async throws -> CallerIdentity {
        guard let token = connection.token else { return .anonymous }
        if token.kind == .service { return .service }
        do {
            return try await connection.perform("currentIdentity", nil) {
                let body = try await client.AdminService_GetCurrentUser().ok.body.json
                if let user = body.user, let email = user.email, !email.isEmpty {
                    return .user(id: user.id ?? "", email: email)
                }
                return .service
            }
        } catch let error as RillAPIError where error.kind == .unauthenticated && token.kind == .unknown {
            return .service
        }
    }

    /// `GET /v1/roles`: every org and project role with its permissions.
    public func listRoles() async throws -> RoleCatalog {
        try await connection.perform("listRoles", nil) {
            RoleCatalog(try await client.AdminService_ListRoles().ok.body.json)
        }
    }

    /// The role catalog, fetched once per client.
    func cachedRoles() async throws -> RoleCatalog {
        try await connection.roleCatalog.catalog { [self] in try await listRoles() }
    }

    // MARK: Organizations

    /// `GET /v1/orgs` (all pages): the caller's organizations, sorted by name. User tokens only.
    /// Their `projects` and `services` are empty; `defaultProjectRole` is resolved to a role name.
    public func listOrganizations() async throws -> [LiveOrg] {
        let wire = try await connection.allPages("listOrganizations", nil) { pageToken in
            let body = try await client.AdminService_ListOrganizations(
                query: .init(pageSize: connection.pageSizeParameter, pageToken: pageToken)
            ).ok.body.json
            return (body.organizations ?? [], body.nextPageToken)
        }
        var orgs: [LiveOrg] = []
        for org in wire {
            orgs.append(LiveOrg(org, defaultProjectRole: try await defaultRoleName(org)))
        }
        return orgs.sorted { $0.name < $1.name }
    }

    /// `GET /v1/orgs/{org}`: the organization and the caller's permissions on it; `nil` when it does not exist.
    public func getOrganization(_ name: String) async throws -> (org: LiveOrg, permissions: OrgPermissions)? {
        let resource = ResourceAddress.org(name).description
        let body: Components.Schemas.v1GetOrganizationResponse? = try await absentIfNotFound {
            try await connection.perform("getOrganization", resource) {
                try await client.AdminService_GetOrganization(path: .init(org: name)).ok.body.json
            }
        }
        guard let body, let wire = body.organization else { return nil }
        let org = LiveOrg(wire, defaultProjectRole: try await defaultRoleName(wire))
        return (org, OrgPermissions(body.permissions))
    }

    /// Organizations name their default project role by id; the planner compares names.
    func defaultRoleName(_ wire: Components.Schemas.v1Organization) async throws -> String {
        guard let id = wire.defaultProjectRoleId, !id.isEmpty else { return "" }
        let roles = try await cachedRoles()
        return roles.projectRoleName(id: id) ?? id
    }

    // MARK: Projects

    /// `GET /v1/orgs/{org}/projects` (all pages), sorted by name. Deployments are not included.
    public func listProjects(org: String) async throws -> [LiveProject] {
        let wire = try await connection.allPages("listProjects", ResourceAddress.org(org).description) { pageToken in
            let body = try await client.AdminService_ListProjectsForOrganization(
                path: .init(org: org), query: .init(pageSize: connection.pageSizeParameter, pageToken: pageToken)
            ).ok.body.json
            return (body.projects ?? [], body.nextPageToken)
        }
        return try await connection.perform("listProjects", ResourceAddress.org(org).description) {
            try wire.map(LiveProject.init).sorted { $0.name < $1.name }
        }
    }

    /// `GET /v1/orgs/{org}/projects/{project}`: the project and the caller's permissions on it; `nil` when absent.
    /// Deployments are not included (see `listDeployments`).
    public func getProject(org: String, project: String) async throws
        -> (project: LiveProject, permissions: ProjectPermissions)?
    {
        let resource = ResourceAddress.project(org, project).description
        let result: (LiveProject, ProjectPermissions)?? = try await absentIfNotFound {
            try await connection.perform("getProject", resource) {
                let body = try await client.AdminService_GetProject(path: .init(org: org, project: project)).ok.body.json
                guard let wire = body.project else { return nil }
                return (try LiveProject(wire), ProjectPermissions(body.projectPermissions))
            }
        }
        guard let found = result ?? nil else { return nil }
        return (found.0, found.1)
    }

    // MARK: Deployments

    /// `GET /v1/orgs/{org}/projects/{project}/deployments`, optionally filtered; sorted by environment, branch, id.
    public func listDeployments(org: String, project: String, environment: String? = nil, branch: String? = nil)
        async throws -> [LiveDeployment]
    {
        try await connection.perform("listDeployments", ResourceAddress.project(org, project).description) {
            let body = try await client.AdminService_ListDeployments(
                path: .init(org: org, project: project), query: .init(environment: environment, branch: branch)
            ).ok.body.json
            return (body.deployments ?? []).map(LiveDeployment.init).sorted {
                ($0.environment, $0.branch, $0.id) < ($1.environment, $1.branch, $1.id)
            }
        }
    }

    // MARK: Services

    /// `GET /v1/orgs/{org}/services`: every service with its org role and attributes, sorted by name.
    /// Project roles are not part of this listing (see `listProjectServices` or `getService`).
    public func listServices(org: String) async throws -> [LiveService] {
        try await connection.perform("listServices", ResourceAddress.org(org).description) {
            let body = try await client.AdminService_ListServices(path: .init(org: org)).ok.body.json
            return try (body.services ?? []).map(LiveService.init).sorted { $0.name < $1.name }
        }
    }

    /// `GET /v1/orgs/{org}/services/{name}`: one service with its org role and project roles; `nil` when absent.
    /// Tokens are not included (see `listServiceTokens`).
    public func getService(org: String, name: String) async throws -> LiveService? {
        let resource = ResourceAddress.service(org, name).description
        let result: LiveService?? = try await absentIfNotFound {
            try await connection.perform("getService", resource) {
                let body = try await client.AdminService_GetService(path: .init(org: org, name: name)).ok.body.json
                guard let wire = body.service else { return nil }
                var service = try LiveService(wire)
                for membership in body.projectMemberships ?? [] {
                    guard let project = membership.projectName, !project.isEmpty,
                          let role = ProjectRole(rawValue: membership.projectRoleName ?? "") else { continue }
                    service.projectRoles[project] = role
                }
                return service
            }
        }
        return result ?? nil
    }

    /// `GET /v1/orgs/{org}/projects/{project}/services`: each service's role on the project, sorted by name.
    public func listProjectServices(org: String, project: String) async throws -> [ProjectServiceMembership] {
        try await connection.perform("listProjectServices", ResourceAddress.project(org, project).description) {
            let body = try await client.AdminService_ListProjectMemberServices(path: .init(org: org, project: project))
                .ok.body.json
            return (body.services ?? []).map { ProjectServiceMembership($0, project: project) }
                .sorted { $0.serviceName < $1.serviceName }
        }
    }

    /// `GET /v1/orgs/{org}/services/{serviceName}/tokens`: token metadata (never secrets), oldest first.
    public func listServiceTokens(org: String, service: String) async throws -> [LiveToken] {
        try await connection.perform("listServiceTokens", ResourceAddress.serviceToken(org, service).description) {
            let body = try await client.AdminService_ListServiceAuthTokens(
                path: .init(org: org, serviceName: service)
            ).ok.body.json
            return (body.tokens ?? []).map(LiveToken.init).sorted {
                ($0.createdOn ?? .distantPast, $0.id) < ($1.createdOn ?? .distantPast, $1.id)
            }
        }
    }

    // MARK: GitHub

    /// `GET /v1/github/repositories?remote=`: whether the caller (a user token) can deploy from `remote` through
    /// Rill's GitHub app, and where to grant access if not. Never call it with a service token.
    public func githubRepoStatus(remote: String) async throws -> (hasAccess: Bool, grantAccessURL: String) {
        try await connection.perform("githubRepoStatus", remote) {
            let body = try await client.AdminService_GetGithubRepoStatus(query: .init(remote: remote)).ok.body.json
            return (body.hasAccess ?? false, body.grantAccessUrl ?? "")
        }
    }

    // MARK: Helpers

    /// Absence is an answer for a lookup, not an error.
    func absentIfNotFound<Value>(_ body: () async throws -> Value) async throws -> Value? {
        do {
            return try await body()
        } catch let error as RillAPIError where error.kind == .notFound {
            return nil
        }
    }
}
