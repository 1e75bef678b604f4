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
/// account whose token runs rillform; with a user token (``RunningIdentity/email``), removing that user from the
/// org, demoting them from admin, or taking away a usergroup that makes them admin (removing them from it,
/// deleting it, or changing its org role) unless they stay admin directly; and leaving an org without an admin
/// that rillform can see.
///
/// Limits, stated honestly: the "no admin left" count covers admin services plus the caller when it is an admin
/// user; the last direct admin *user* is RF324 (``PeopleGuards``). A token's own id is not reported, so revoking
/// the running token through `revoke_unknown` is not detected (the sink keeps the ids rillform issued).
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
            if identity.isUser, let email = identity.email {
                diagnostics += runningUserLockout(plan.changes.filter { $0.address.org == org }, email: email,
                                                  org: liveOrg, identity: identity)
            }
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

    /// The running user's own access: their `member` removed or demoted, or an admin usergroup of theirs taken
    /// away while they are not an admin directly after the plan.
    static func runningUserLockout(_ changes: [ResourceChange], email: String, org: LiveOrg,
                                   identity: RunningIdentity) -> [Diagnostic] {
        guard let members = org.members else { return [] }
        let who = "the user running rillform (\(identity.description))"
        var diagnostics: [Diagnostic] = []
        let memberAddress = ResourceAddress.member(org.name, email: email)
        let memberChange = changes.first { $0.address == memberAddress }
        let admin = JSONValue.string(OrgRole.admin.rawValue)
        var directAdminAfter = members[email].map { !$0.isPendingInvite && $0.orgRole == .admin } ?? false
        if let memberChange {
            if memberChange.operation == .delete {
                directAdminAfter = false
                diagnostics.append(.error(PlanDiagnosticCode.lockout,
                    "\(memberAddress) would remove \(who) from org \(org.name); its token would stop working mid-apply",
                    at: memberChange.location))
            } else if let role = memberChange.fieldChange(MemberField.orgRole.manifestKey) {
                directAdminAfter = role.after == admin
                if role.before == admin, role.after != admin {
                    diagnostics.append(.error(PlanDiagnosticCode.lockout,
                        "\(memberAddress) would demote \(who) from admin of org \(org.name) to "
                            + "\(role.after?.stringValue ?? "no role"); rillform needs org admin to finish",
                        at: role.location ?? memberChange.location))
                }
            }
        }
        guard !directAdminAfter, memberChange?.operation != .delete else { return diagnostics }
        // Groups that make the running user admin now, by live name.
        let adminGroups = (org.usergroups ?? [:]).values.filter {
            $0.orgRole == .admin && ($0.members ?? []).contains(email)
        }
        for group in adminGroups.sorted(by: { $0.name < $1.name }) {
            let groupChange = changes.first { $0.kind == .usergroup && ($0.live?.name ?? $0.address.name) == group.name }
            let newName = groupChange?.address.name ?? group.name
            let membershipChange = changes.first {
                $0.address == .usergroupMember(org.name, usergroup: newName, email: email) && $0.operation == .delete
            }
            let what: String
            let location: SourceLocation?
            if let groupChange, groupChange.operation == .delete {
                (what, location) = ("delete usergroup \(group.name)", groupChange.location)
            } else if let groupChange, let role = groupChange.fieldChange(UsergroupField.orgRole.manifestKey),
                      role.after != admin {
                (what, location) = ("change usergroup \(group.name)'s org role to \(role.after?.stringValue ?? "none")",
                                    role.location ?? groupChange.location)
            } else if let membershipChange {
                (what, location) = ("remove them from usergroup \(group.name)", membershipChange.location)
            } else {
                continue
            }
            diagnostics.append(.error(PlanDiagnosticCode.lockout,
                "usergroup.\(org.name)/\(newName): the plan would \(what), which makes \(who) an org admin, and they "
                    + "are not an admin directly; rillform needs org admin to finish",
                at: location))
        }
        return diagnostics
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
