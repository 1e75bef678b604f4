import RillformAPI
import RillformModel
import RillformPlan

/// A person's membership of a usergroup: AddUsergroupMemberUser, RemoveUsergroupMemberUser. A membership has no
/// settings, so there is nothing to update.
struct UsergroupMemberExecutor: ResourceExecutor {
    let context: ExecutionContext

    func create(_ change: ResourceChange) async throws -> CompletionNote {
        let address = change.address
        try await context.writer.addUsergroupMember(
            org: address.org, usergroup: try address.required(\.usergroup, "usergroup"),
            email: try address.required(\.email, "email"))
        return .done
    }

    func update(_ change: ResourceChange) async throws -> CompletionNote { .done }

    func delete(_ change: ResourceChange) async throws -> CompletionNote {
        let address = change.address
        try await context.writer.removeUsergroupMember(
            org: address.org, usergroup: try address.required(\.usergroup, "usergroup"),
            email: try address.required(\.email, "email"))
        return .done
    }
}
