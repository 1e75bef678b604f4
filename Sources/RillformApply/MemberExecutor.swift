import RillformAPI
import RillformModel
import RillformPlan

/// People in an org: AddOrganizationMemberUser (which invites an email without a Rill account), then the
/// attributes in their own call (not for an invite: Rill has no user to attach them to);
/// SetOrganizationMemberUserRole and UpdateOrganizationMemberUserAttributes for updates;
/// RemoveOrganizationMemberUser for deletes (members and pending invites alike).
struct MemberExecutor: ResourceExecutor {
    let context: ExecutionContext

    /// The completion note of a create that became an invite.
    static let invitedNote = CompletionNote(detail: "invited (no Rill account yet)")

    func create(_ change: ResourceChange) async throws -> CompletionNote {
        let address = change.address
        let email = try address.required(\.email, "email")
        let values = change.desiredValues(of: MemberField.self)
        guard let role = values[.orgRole]?.stringValue.flatMap(OrgRole.init(rawValue:)) else {
            throw PlanExecutionError(address: address, reason: "the plan names no org role to add the person with")
        }
        let invited: Bool
        do {
            invited = try await context.writer.addOrgMember(org: address.org, email: email, role: role)
        } catch let error as RillAPIError where error.kind == .alreadyExists {
            // Already a member, e.g. the running user made admin by an org create in this same apply: the
            // declared role is what matters, so set it (one call more than the budget's).
            try await context.writer.setOrgMemberRole(org: address.org, email: email, role: role)
            invited = false
        }
        if invited { return Self.invitedNote }
        if let attributes = values[.attributes]?.objectValue, !attributes.isEmpty {
            try await context.writer.setOrgMemberAttributes(org: address.org, email: email, attributes: attributes)
        }
        return .done
    }

    func update(_ change: ResourceChange) async throws -> CompletionNote {
        let address = change.address
        let email = try address.required(\.email, "email")
        if let roleChange = change.fieldChange(MemberField.orgRole.manifestKey) {
            guard let role = roleChange.after?.stringValue.flatMap(OrgRole.init(rawValue:)) else {
                throw PlanExecutionError(address: address, reason: "the plan names no org role to set")
            }
            try await context.writer.setOrgMemberRole(org: address.org, email: email, role: role)
        }
        if let attributesChange = change.fieldChange(MemberField.attributes.manifestKey) {
            // Removing the key from the manifest clears them, like `{}`.
            try await context.writer.setOrgMemberAttributes(
                org: address.org, email: email, attributes: attributesChange.after?.objectValue ?? [:])
        }
        return .done
    }

    func delete(_ change: ResourceChange) async throws -> CompletionNote {
        let address = change.address
        try await context.writer.removeOrgMember(org: address.org, email: try address.required(\.email, "email"))
        return .done
    }
}
