import RillformModel

/// Rill creates a service only together with a role. A service created without an org role is created with
/// this project role (the first of its `project_roles` by project name).
public struct InitialProjectRole: Sendable, Hashable {
    /// The project name (as declared).
    public var project: String
    /// The project role the service is created with.
    public var role: ProjectRole

    /// Creates the initial project role.
    public init(project: String, role: ProjectRole) {
        self.project = project
        self.role = role
    }
}

extension InitialProjectRole: Codable {}
