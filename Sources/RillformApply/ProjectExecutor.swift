import RillformAPI
import RillformModel
import RillformPlan

/// Projects: CreateProject (with `skip_deploy` when the plan says so), UpdateProject (which also renames),
/// DeleteProject.
struct ProjectExecutor: ResourceExecutor {
    let context: ExecutionContext

    func create(_ change: ResourceChange) async throws -> CompletionNote {
        let address = change.address
        let fields = change.projectChanges()
        var spec = NewProject(name: address.name)
        spec.description = fields.description
        spec.isPublic = fields.isPublic
        spec.gitRemote = fields.gitRemote
        spec.primaryBranch = fields.primaryBranch
        spec.subpath = fields.subpath
        spec.prodSlots = fields.prodSlots
        spec.prodVersion = fields.prodVersion
        spec.provisioner = fields.provisioner
        spec.skipDeploy = change.skipDeploy
        _ = try await context.writer.createProject(org: address.org, spec)
        // Rill's CreateProject has no TTL field; the server picks one, so set the desired one right after.
        if let ttl = fields.prodTtlSeconds {
            _ = try await context.writer.updateProject(
                org: address.org, project: address.name, changes: ProjectChanges(prodTtlSeconds: ttl))
        }
        return .done
    }

    func update(_ change: ResourceChange) async throws -> CompletionNote {
        let address = change.address
        var changes = change.projectChanges()
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
