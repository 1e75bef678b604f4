import RillformModel

/// Who runs rillform, as far as the admin API tells (the CLI builds it from the preflight).
public struct RunningIdentity: Sendable, Hashable {
    /// True for a user token; false for a service token.
    public var isUser: Bool
    /// For humans: `user ops@acme.com`, `a service account`.
    public var description: String
    /// Service tokens: the service the token belongs to, by org (found by matching token prefixes).
    public var serviceNames: [String: String]
    /// Orgs where the caller is an org admin.
    public var adminOrgs: Set<String>
    /// User tokens: the user's email, lowercase (`GET /v1/users/current`); nil for service tokens.
    public var email: String?

    /// Creates an identity.
    public init(isUser: Bool, description: String, serviceNames: [String: String] = [:], adminOrgs: Set<String> = [],
                email: String? = nil) {
        self.isUser = isUser
        self.description = description
        self.serviceNames = serviceNames
        self.adminOrgs = adminOrgs
        self.email = email
    }
}

/// Refuses plans that would lock the runner (or everyone) out: deleting, replacing or demoting the service
/// account whose token runs rillform, and leaving an org without an admin that rillform can see.
///
/// Limits, stated honestly: org *users* cannot be listed through the API subset rillform uses, so the admin
/// count covers admin services plus the caller when it is an admin user; rillform never changes user
/// memberships, so it cannot remove a user admin. A token's own id is not reported, so revoking the running
/// token through `revoke_unknown` is not detected (the sink keeps the ids rillform issued).
public enum LockoutGuard {
    /// Error diagnostics (code RF322), sorted; empty when the plan keeps the runner and an admin in every org.
    public static func check(_ plan: Plan, live: LiveState, identity: RunningIdentity) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        for org in plan.scope {
            let serviceChanges = plan.changes.filter { $0.address.org == org && $0.kind == .service }
            let running = identity.isUser ? nil : identity.serviceNames[org]
            for change in serviceChanges {
                let liveName = change.live?.name ?? change.address.name
                let removesAdmin = removesOrgAdmin(change, live: live.orgs[org]?.services[liveName])
                if let running, liveName == running, change.destroysLiveObject || removesAdmin {
                    let what = change.destroysLiveObject
                        ? (change.operation == .replace ? "replace" : "delete") : "demote (remove org admin from)"
                    diagnostics.append(.error(PlanDiagnosticCode.lockout,
                        "\(change.address) would \(what) the service account running rillform (\(identity.description), "
                            + "service \(running)); its token would stop working mid-apply",
                        at: change.location))
                } else if !identity.isUser, running == nil, removesAdmin {
                    diagnostics.append(.error(PlanDiagnosticCode.lockout,
                        "\(change.address) would remove an org admin, and the service account running rillform "
                            + "could not be recognised in org \(org), so it might be this one",
                        at: change.location))
                }
            }
            guard let liveOrg = live.orgs[org] else { continue }
            let before = Set(liveOrg.services.values.filter { $0.orgRole == .admin }.map(\.name))
            let after = adminServices(after: serviceChanges, before: before)
            let callerIsAdminUser = identity.isUser && identity.adminOrgs.contains(org)
            if !before.isEmpty, after.isEmpty, !callerIsAdminUser {
                diagnostics.append(.error(PlanDiagnosticCode.lockout,
                    "org.\(org) would be left without any admin rillform can see: admin services now "
                        + "\(before.sorted().joined(separator: ", ")), none after this plan"))
            }
        }
        return diagnostics.sorted()
    }

    /// True when the change takes org admin away from a service that has it (delete, replace without admin,
    /// or an `org_role` update away from admin).
    static func removesOrgAdmin(_ change: ResourceChange, live: LiveService?) -> Bool {
        guard live?.orgRole == .admin else { return false }
        if change.operation == .delete { return true }
        guard let role = change.fieldChange(ServiceField.orgRole.manifestKey) else { return change.operation == .replace }
        return role.after != .string(OrgRole.admin.rawValue)
    }

    /// Admin service names after the plan's service changes.
    static func adminServices(after changes: [ResourceChange], before: Set<String>) -> Set<String> {
        var admins = before
        for change in changes {
            let newName = change.address.name
            let liveName = change.live?.name ?? newName
            let wasAdmin = admins.remove(liveName) != nil
            if change.operation == .delete { continue }
            let role = change.fieldChange(ServiceField.orgRole.manifestKey)
            let isAdmin = role.map { $0.after == .string(OrgRole.admin.rawValue) }
                ?? (change.operation == .create || change.operation == .replace ? false : wasAdmin)
            if isAdmin { admins.insert(newName) }
        }
        return admins
    }
}
