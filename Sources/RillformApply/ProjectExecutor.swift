import RillformAPI
import RillformModel
import RillformPlan

/// Projects: CreateProject (with `skip_deploy` when the plan says so), UpdateProject (which also renames),
/// DeleteProject.
struct ProjectExecutor: ResourceExecutor {
    let context: ExecutionContext

    func create(_ change: ResourceChange) async throws -> CompletionNote {
        let address = change.address
        let values = change.desiredValues(of: ProjectField.self)
        _ = try await context.writer.createProject(
            org: address.org, NewProject(name: address.name, values: values, skipDeploy: change.skipDeploy))
        // Fields Rill's CreateProject has no field for (the TTL: the server picks one) are set right after.
        let followUp = LiveValues(values.values.filter { !$0.key.acceptedByCreate })
        if !followUp.isEmpty {
            _ = try await context.writer.updateProject(
                org: address.org, project: address.name, changes: ProjectChanges(values: followUp))
        }
        return .done
    }

    func update(_ change: ResourceChange) async throws -> CompletionNote {
        let address = change.address
        var changes = ProjectChanges(values: change.desiredValues(of: ProjectField.self))
        if change.rename != nil { changes.newName = address.name }
        if !changes.isEmpty {
            _ = try await context.writer.updateProject(
                org: address.org, project: change.rename?.from ?? address.name, changes: changes)
        }
        return .done
    }

    func delete(_ change: ResourceChange) async throws -> CompletionNote {
        try await context.writer.deleteProject(org: change.address.org, project: change.live?.name ?? change.address.name)
        return .done
    }
}
