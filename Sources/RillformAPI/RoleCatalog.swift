/// The roles a Rill server defines (`GET /v1/roles`), with the permissions each grants.
public struct RoleCatalog: Sendable, Hashable, Codable {
    public struct OrgRoleDefinition: Sendable, Hashable, Codable {
        public var id: String
        public var name: String
        public var permissions: OrgPermissions

        public init(id: String, name: String, permissions: OrgPermissions) {
            self.id = id
            self.name = name
            self.permissions = permissions
        }
    }

    public struct ProjectRoleDefinition: Sendable, Hashable, Codable {
        public var id: String
        public var name: String
        public var permissions: ProjectPermissions

        public init(id: String, name: String, permissions: ProjectPermissions) {
            self.id = id
            self.name = name
            self.permissions = permissions
        }
    }

    /// Sorted by name.
    public var orgRoles: [OrgRoleDefinition]
    /// Sorted by name.
    public var projectRoles: [ProjectRoleDefinition]

    public init(orgRoles: [OrgRoleDefinition], projectRoles: [ProjectRoleDefinition]) {
        self.orgRoles = orgRoles.sorted { $0.name < $1.name }
        self.projectRoles = projectRoles.sorted { $0.name < $1.name }
    }

    /// The name of the project role with this id (organizations report their default project role by id).
    public func projectRoleName(id: String) -> String? {
        projectRoles.first { $0.id == id }?.name
    }
}

/// Fetches the role catalog at most once per client (it only changes with a server release).
actor RoleCatalogCache {
    private var loading: Task<RoleCatalog, any Error>?

    func catalog(load: @escaping @Sendable () async throws -> RoleCatalog) async throws -> RoleCatalog {
        if let loading { return try await loading.value }
        let task = Task { try await load() }
        loading = task
        do {
            return try await task.value
        } catch {
            loading = nil  // a failed load is retried by the next caller
            throw error
        }
    }
}
