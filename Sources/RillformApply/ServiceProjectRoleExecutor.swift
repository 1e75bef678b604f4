import RillformAPI
import RillformModel
import RillformPlan

/// A service's role on one project: SetProjectMemberServiceRole adds or changes it (one call either way),
/// RemoveProjectMemberService removes it.
struct ServiceProjectRoleExecutor: ResourceExecutor {
    let context: ExecutionContext

    func create(_ change: ResourceChange) async throws -> CompletionNote {
        try await setRole(change)
    }

    func update(_ change: ResourceChange) async throws -> CompletionNote {
        try await setRole(change)
    }

    func delete(_ change: ResourceChange) async throws -> CompletionNote {
        let address = change.address
        try await context.writer.removeServiceProjectRole(
            org: address.org, service: try address.required(\.service, "service"),
            project: try address.required(\.project, "project"))
        return .done
    }

    private func setRole(_ change: ResourceChange) async throws -> CompletionNote {
        let address = change.address
        let project = try address.required(\.project, "project")
        let field = change.fieldChange("project_roles.\(project)") ?? change.fieldChanges.first
        guard let role = field?.after?.stringValue.flatMap(ProjectRole.init(rawValue:)) else {
            throw PlanExecutionError(address: address, reason: "the plan names no project role to set")
        }
        try await context.writer.setServiceProjectRole(
            org: address.org, service: try address.required(\.service, "service"), project: project, role: role)
        return .done
    }
}
