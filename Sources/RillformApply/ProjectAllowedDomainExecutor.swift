import RillformAPI
import RillformModel
import RillformPlan

/// A project's auto-join email domain: CreateProjectWhitelistedDomain, RemoveProjectWhitelistedDomain; a new role
/// is a replace, as for org domains.
struct ProjectAllowedDomainExecutor: ResourceExecutor {
    let context: ExecutionContext

    func create(_ change: ResourceChange) async throws -> CompletionNote {
        let address = change.address
        guard let role = change.desiredValues(of: ProjectAllowedDomainField.self)[.role]?.stringValue
            .flatMap(ProjectRole.init(rawValue:))
        else { throw PlanExecutionError(address: address, reason: "the plan names no project role for the domain") }
        try await context.writer.createProjectAllowedDomain(
            org: address.org, project: try address.required(\.project, "project"),
            domain: try address.required(\.domain, "domain"), role: role)
        return .done
    }

    func update(_ change: ResourceChange) async throws -> CompletionNote { .done }

    func delete(_ change: ResourceChange) async throws -> CompletionNote {
        let address = change.address
        try await context.writer.removeProjectAllowedDomain(
            org: address.org, project: try address.required(\.project, "project"),
            domain: try address.required(\.domain, "domain"))
        return .done
    }
}
