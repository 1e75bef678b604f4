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
/// org, or taking away every source of their org admin (demoting them, removing them from an admin usergroup,
/// deleting it, or changing its org role) — one direct role or admin group kept is enough; and leaving an org
/// without an admin that rillform can see. An org the plan creates is judged as Rill makes it: the running user is
/// its admin member (``LiveOrg/created(_:by:)``).
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
            // An org this plan creates has the running user as its admin (Rill makes the creator one, and the
            // planner counts them as live): check the plan against that org.
            let createdByRunner = identity.isUser
                && plan.changes.contains { $0.address == .org(org) && $0.operation == .create }
            guard let liveOrg = live.orgs[org]
                ?? (createdByRunner ? identity.email.map { LiveOrg.created(org, by: $0) } : nil)
            else { continue }
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

    /// The running user's own access: their `member` removed, or every source of their org admin taken away —
    /// their direct admin role (demoted) and each admin usergroup they are in (left, deleted, or its org role
    /// changed). Only a source they hold now and keep through the plan, or a direct promotion in it, counts: an
    /// admin group the plan creates or promotes may come too late.
    static func runningUserLockout(_ changes: [ResourceChange], email: String, org: LiveOrg,
                                   identity: RunningIdentity) -> [Diagnostic] {
        guard let members = org.members else { return [] }
        let who = "the user running rillform (\(identity.description))"
        let memberAddress = ResourceAddress.member(org.name, email: email)
        let memberChange = changes.first { $0.address == memberAddress }
        if let memberChange, memberChange.operation == .delete {
            // Removing the member also drops their usergroup memberships: no source is left.
            return [.error(PlanDiagnosticCode.lockout,
                "\(memberAddress) would remove \(who) from org \(org.name); its token would stop working mid-apply",
                at: memberChange.location)]
        }
        let admin = JSONValue.string(OrgRole.admin.rawValue)
        let directAdminNow = members[email].map { !$0.isPendingInvite && $0.orgRole == .admin } ?? false
        let roleChange = memberChange?.fieldChange(MemberField.orgRole.manifestKey)
        let directAdminAfter = roleChange.map { $0.after == admin } ?? directAdminNow
        if directAdminAfter { return [] }

        var lostSources: [Diagnostic] = []
        if directAdminNow, let roleChange {
            lostSources.append(.error(PlanDiagnosticCode.lockout,
                "\(memberAddress) would demote \(who) from admin of org \(org.name) to "
                    + "\(roleChange.after?.stringValue ?? "no role"); rillform needs org admin to finish",
                at: roleChange.location ?? memberChange?.location))
        }
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
                return []  // This group keeps them admin through the plan.
            }
            lostSources.append(.error(PlanDiagnosticCode.lockout,
                "usergroup.\(org.name)/\(newName): the plan would \(what), which makes \(who) an org admin, and "
                    + "nothing else keeps them admin (no direct admin role, no other admin usergroup); rillform needs "
                    + "org admin to finish",
                at: location))
        }
        return lostSources
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
