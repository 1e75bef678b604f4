import RillformAPI
import RillformModel
import RillformPlan

/// Orgs: CreateOrganization takes only the name and texts, so billing email and default project role follow in
/// one UpdateOrganization; deletes are DeleteOrganization (asynchronous in Rill).
struct OrgExecutor: ResourceExecutor {
    let context: ExecutionContext

    func create(_ change: ResourceChange) async throws -> CompletionNote {
        let org = change.address.org
        let values = change.desiredValues(of: OrgField.self)
        _ = try await context.writer.createOrganization(name: org, values: values)
        let followUp = OrganizationChanges(values: LiveValues(values.values.filter { !$0.key.acceptedByCreate }))
        if !followUp.isEmpty { _ = try await context.writer.updateOrganization(org, changes: followUp) }
        return .done
    }

    func update(_ change: ResourceChange) async throws -> CompletionNote {
        let changes = OrganizationChanges(values: change.desiredValues(of: OrgField.self))
        if !changes.isEmpty { _ = try await context.writer.updateOrganization(change.address.org, changes: changes) }
        return .done
    }

    func delete(_ change: ResourceChange) async throws -> CompletionNote {
        try await context.writer.deleteOrganization(change.address.org)
        return .done
    }
}
