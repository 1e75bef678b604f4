import RillformAPI
import RillformModel
import RillformPlan

/// An org's auto-join email domain: CreateWhitelistedDomain, RemoveWhitelistedDomain. Rill cannot change a
/// domain's role, so a new role arrives as a replace (remove, then create) and there is nothing to update.
struct AllowedDomainExecutor: ResourceExecutor {
    let context: ExecutionContext

    func create(_ change: ResourceChange) async throws -> CompletionNote {
        let address = change.address
        guard let role = change.desiredValues(of: AllowedDomainField.self)[.orgRole]?.stringValue
            .flatMap(OrgRole.init(rawValue:))
        else { throw PlanExecutionError(address: address, reason: "the plan names no org role for the domain") }
        try await context.writer.createAllowedDomain(
            org: address.org, domain: try address.required(\.domain, "domain"), role: role)
        return .done
    }

    func update(_ change: ResourceChange) async throws -> CompletionNote { .done }

    func delete(_ change: ResourceChange) async throws -> CompletionNote {
        let address = change.address
        try await context.writer.removeAllowedDomain(org: address.org, domain: try address.required(\.domain, "domain"))
        return .done
    }
}
