import RillformModel

/// Refusals Rill would answer with a 400 half-way through an apply, found up front (exit status 3):
///
/// - RF324: the plan leaves an org without a direct admin user. Rill counts only direct org roles of users
///   (`FindOrganizationMemberUserAdminStatus`): not pending invites, not roles through a usergroup.
/// - RF325: the plan removes the member whose email is the org's billing email (the live one, or the new
///   `billing_email` when the plan changes it).
///
/// Checked on the changes that will run (after `--target`/`--exclude`), against the live people that were read;
/// an org whose people were not read has nothing to check.
enum PeopleGuards {
    static func check(_ changes: [ResourceChange], desired: DesiredState, live: LiveState) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        let memberChanges = Dictionary(grouping: changes.filter { $0.kind == .member }, by: \.address.org)
        for org in desired.orgs {
            let name = org.name.value
            guard let liveOrg = live.orgs[name], let members = liveOrg.members else { continue }
            let changesInOrg = memberChanges[name] ?? []
            diagnostics += lastAdmin(changesInOrg, members: members, org: org)
            let orgChange = changes.first { $0.address == .org(name) }
            let billing = (orgChange?.fieldChange(OrgField.billingEmail.manifestKey)?.after?.stringValue
                ?? liveOrg.billingEmail).lowercased()
            if !billing.isEmpty, let removal = changesInOrg.first(where: {
                $0.operation == .delete && $0.address.email == billing
            }) {
                diagnostics.append(.error(PlanDiagnosticCode.billingEmailUserRemoval,
                    "\(removal.address) would remove \(billing) from org \(name), but \(billing) is the org's billing "
                        + "email; Rill refuses to remove that person. Change the org's billing_email first",
                    at: removal.location ?? org.name.location))
            }
        }
        return diagnostics
    }

    /// RF324 when the org has direct admin users now and none after these member changes.
    private static func lastAdmin(_ changes: [ResourceChange], members: [String: LiveMember], org: DesiredOrg)
        -> [Diagnostic]
    {
        let before = Set(members.values.filter { !$0.isPendingInvite && $0.orgRole == .admin }.map(\.email))
        var after = before
        var removed: [(text: String, location: SourceLocation?)] = []
        let admin = JSONValue.string(OrgRole.admin.rawValue)
        for change in changes {
            guard let email = change.address.email else { continue }
            if change.operation == .delete {
                if after.remove(email) != nil { removed.append(("removes \(email)", change.location)) }
                continue
            }
            guard let role = change.fieldChange(MemberField.orgRole.manifestKey) else { continue }
            if role.after == admin {
                // A new member counts (added before any demotion: the dependency linker orders it so); an invite
                // does not until they sign up.
                if members[email]?.isPendingInvite != true { after.insert(email) }
            } else if after.remove(email) != nil {
                removed.append(("demotes \(email) to \(role.after?.stringValue ?? "no role")", role.location))
            }
        }
        guard !before.isEmpty, after.isEmpty, !removed.isEmpty else { return [] }
        let locations = removed.compactMap(\.location)
        return [.error(PlanDiagnosticCode.lastAdminRemoval,
            "org.\(org.name.value) would be left without an admin user: this plan "
                + removed.map(\.text).joined(separator: " and ") + ", and no other member is a direct admin; "
                + "Rill refuses to remove the last admin",
            at: locations.first ?? org.name.location, related: Array(locations.dropFirst()))]
    }
}
