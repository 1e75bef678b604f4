import RillformAPI
import RillformModel
import RillformPlan

/// A usergroup's role on one project: AddProjectMemberUsergroup when it has none, SetProjectMemberUsergroupRole
/// to change it, RemoveProjectMemberUsergroup (Rill's add refuses a group that has a role, unlike services').
struct UsergroupProjectRoleExecutor: ResourceExecutor {
    let context: ExecutionContext

    func create(_ change: ResourceChange) async throws -> CompletionNote {
        let (group, project, role) = try target(change)
        try await context.writer.addUsergroupProjectRole(
            org: change.address.org, usergroup: group, project: project, role: role)
        return .done
    }

    func update(_ change: ResourceChange) async throws -> CompletionNote {
        let (group, project, role) = try target(change)
        try await context.writer.setUsergroupProjectRole(
            org: change.address.org, usergroup: group, project: project, role: role)
        return .done
    }

    func delete(_ change: ResourceChange) async throws -> CompletionNote {
        let address = change.address
        try await context.writer.removeUsergroupProjectRole(
            org: address.org, usergroup: try address.required(\.usergroup, "usergroup"),
            project: try address.required(\.project, "project"))
        return .done
    }

    private func target(_ change: ResourceChange) throws -> (group: String, project: String, role: ProjectRole) {
        let address = change.address
        let project = try address.required(\.project, "project")
        let field = change.fieldChange("\(UsergroupProjectRoleField.projectRoles.manifestKey).\(project)")
            ?? change.fieldChanges.first
        guard let role = field?.after?.stringValue.flatMap(ProjectRole.init(rawValue:)) else {
            throw PlanExecutionError(address: address, reason: "the plan names no project role to set")
        }
        return (try address.required(\.usergroup, "usergroup"), project, role)
    }
}
