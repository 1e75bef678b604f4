import RillformModel

/// Rill creates a service only together with a role. A service created without an org role is created with
/// this project role (the first of its `project_roles` by project name).
public struct InitialProjectRole: Sendable, Hashable {
    public var project: String
    public var role: ProjectRole

    public init(project: String, role: ProjectRole) {
        self.project = project
        self.role = role
    }
}

extension InitialProjectRole: Codable {}
