import RillformAPI
import RillformModel
import RillformPlan

/// Usergroups: CreateUsergroup (name only), then EditUsergroup for a description and
/// AddOrganizationMemberUsergroup for an org role; RenameUsergroup for `previously:` renames; the org role is
/// added when the live group had none and changed otherwise; DeleteUsergroup. Members and project roles are
/// changes of their own (``UsergroupMemberExecutor``, ``UsergroupProjectRoleExecutor``).
struct UsergroupExecutor: ResourceExecutor {
    let context: ExecutionContext

    func create(_ change: ResourceChange) async throws -> CompletionNote {
        let address = change.address
        let name = try address.required(\.usergroup, "usergroup")
        let values = change.desiredValues(of: UsergroupField.self)
        _ = try await context.writer.createUsergroup(org: address.org, name: name)
        if let description = values[.description]?.stringValue, !description.isEmpty {
            try await context.writer.editUsergroup(org: address.org, usergroup: name, description: description)
        }
        if let role = values[.orgRole]?.stringValue.flatMap(OrgRole.init(rawValue:)) {
            try await context.writer.addUsergroupOrgRole(org: address.org, usergroup: name, role: role)
        }
        return .done
    }

    func update(_ change: ResourceChange) async throws -> CompletionNote {
        let address = change.address
        let name = try address.required(\.usergroup, "usergroup")
        if let rename = change.rename {
            try await context.writer.renameUsergroup(org: address.org, usergroup: rename.from, newName: name)
        }
        if let descriptionChange = change.fieldChange(UsergroupField.description.manifestKey) {
            try await context.writer.editUsergroup(
                org: address.org, usergroup: name, description: descriptionChange.after?.stringValue ?? "")
        }
        if let roleChange = change.fieldChange(UsergroupField.orgRole.manifestKey) {
            // An absent `org_role` is unmanaged, so a plan never removes one: it always names the role to set.
            guard let role = roleChange.after?.stringValue.flatMap(OrgRole.init(rawValue:)) else {
                throw PlanExecutionError(address: address, reason: "the plan names no org role to set")
            }
            if roleChange.before?.stringValue == nil {
                try await context.writer.addUsergroupOrgRole(org: address.org, usergroup: name, role: role)
            } else {
                try await context.writer.setUsergroupOrgRole(org: address.org, usergroup: name, role: role)
            }
        }
        return .done
    }

    func delete(_ change: ResourceChange) async throws -> CompletionNote {
        let address = change.address
        try await context.writer.deleteUsergroup(
            org: address.org, usergroup: change.live?.name ?? (try address.required(\.usergroup, "usergroup")))
        return .done
    }
}
