import RillformAPI
import RillformModel
import RillformPlan

/// A person's direct role on a project: AddProjectMemberUser (an email without a Rill account becomes an org
/// guest invite plus a project invite), SetProjectMemberUserRole with the fields that changed (Rill keeps the
/// others), RemoveProjectMemberUser.
struct ProjectMemberExecutor: ResourceExecutor {
    let context: ExecutionContext

    func create(_ change: ResourceChange) async throws -> CompletionNote {
        let address = change.address
        let invited = try await context.writer.addProjectMember(
            org: address.org, project: try address.required(\.project, "project"),
            email: try address.required(\.email, "email"), values: change.desiredValues(of: ProjectMemberField.self))
        return invited ? MemberExecutor.invitedNote : .done
    }

    func update(_ change: ResourceChange) async throws -> CompletionNote {
        let address = change.address
        var values = change.desiredValues(of: ProjectMemberField.self)
        // A field removed from the manifest goes back to its unset value (no restriction, no resources).
        for field in ProjectMemberField.allCases where values[field] == nil {
            if let removed = change.fieldChange(field.manifestKey), removed.after == nil {
                values[field] = field.unsetValue
            }
        }
        // Rill reads the restriction as a pair (resources without the flag: restricted iff the list is non-empty;
        // neither: unchanged), so a change of the list alone also states the flag it implies.
        if values[.restrictResources] == nil, case .list(let resources)? = values[.resources] {
            values[.restrictResources] = .bool(!resources.isEmpty)
        }
        try await context.writer.setProjectMember(
            org: address.org, project: try address.required(\.project, "project"),
            email: try address.required(\.email, "email"), values: values)
        return .done
    }

    func delete(_ change: ResourceChange) async throws -> CompletionNote {
        let address = change.address
        try await context.writer.removeProjectMember(
            org: address.org, project: try address.required(\.project, "project"),
            email: try address.required(\.email, "email"))
        return .done
    }
}
