import RillformModel

/// Refusals Rill would answer with a 400 half-way through an apply, found up front (exit status 3):
///
/// - RF324: a role change or removal Rill refuses as "the last admin". Rill's `FindOrganizationMemberUserAdminStatus`
///   refuses SetOrganizationMemberUserRole and RemoveOrganizationMemberUser of a user when no *other* member is a
///   direct admin user (pending invites and usergroup roles do not count), whatever that user's own role. So in an
///   org without a direct admin user every such call is refused; otherwise the plan must keep one.
/// - RF325: the plan removes the member whose email is the org's billing email (the live one, or the new
///   `billing_email` when the plan changes it).
///
/// Checked on the changes that will run (after `--target`/`--exclude`), against the live people that were read;
/// an org whose people were not read has nothing to check. An org the plan creates is checked against the org
/// Rill makes (``LiveOrg/created(_:by:)``): the planner's only non-create member change there is the creator's,
/// which it plans against the creator synthesised as a live admin, so that change names the creator.
enum PeopleGuards {
    /// `runningUserEmail`: the user whose token runs this; an org the plan creates is judged as Rill leaves it
    /// after the create (that user its only, admin member: ``LiveOrg/created(_:by:)``), as the planner counts it.
    static func check(_ changes: [ResourceChange], desired: DesiredState, live: LiveState,
                      runningUserEmail: String?) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        let memberChanges = Dictionary(grouping: changes.filter { $0.kind == .member }, by: \.address.org)
        for org in desired.orgs {
            let name = org.name.value
            let changesInOrg = memberChanges[name] ?? []
            let created = changes.contains { $0.address == .org(name) && $0.operation == .create }
            guard let liveOrg = live.orgs[name] ?? (created ? runningUserEmail.map { .created(name, by: $0) } : nil),
                  let members = liveOrg.members
            else { continue }
            diagnostics += lastAdmin(changesInOrg, members: members, org: org)
            let orgChange = changes.first { $0.address == .org(name) }
            // Rill compares `org.BillingEmail == user.Email` exactly; we compare lowercased because member emails
            // are stored lowercase here and Rill finds members by email case-insensitively, so a billing email
            // written `Bo@acme.com` names the member `bo@acme.com` (an exact compare would miss the refusal).
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

    /// One SetOrganizationMemberUserRole or RemoveOrganizationMemberUser call on a user (not an invite).
    private struct RoleCall {
        var email: String
        /// Nil for a removal.
        var newRole: String?
        var location: SourceLocation?
        /// A direct admin user now.
        var wasAdmin: Bool

        var text: String {
            guard let newRole else { return "removes \(email)" }
            return wasAdmin ? "demotes \(email) to \(newRole)" : "changes \(email)'s role to \(newRole)"
        }
    }

    /// RF324, following Rill: with no direct admin user now, every role change or removal of a user is refused;
    /// otherwise the direct admins after the plan (live ones kept, plus live users it promotes: demotions wait for
    /// promotions) must not be none. People the plan adds as admin do not count: without a Rill account they become
    /// pending invites, and Rill counts no invite.
    private static func lastAdmin(_ changes: [ResourceChange], members: [String: LiveMember], org: DesiredOrg)
        -> [Diagnostic]
    {
        let admin = OrgRole.admin.rawValue
        let liveAdmins = Set(members.values.filter { !$0.isPendingInvite && $0.orgRole == .admin }.map(\.email))
        var calls: [RoleCall] = []
        var newAdmins: [String] = []
        for change in changes.sorted(by: { $0.address < $1.address }) {
            guard let email = change.address.email else { continue }
            let role = change.fieldChange(MemberField.orgRole.manifestKey)
            guard let liveMember = members[email], change.operation != .create else {
                if role?.after?.stringValue == admin { newAdmins.append(email) }
                continue
            }
            // Rill changes or cancels an invite without looking at admins.
            if liveMember.isPendingInvite { continue }
            if change.operation == .delete {
                calls.append(RoleCall(email: email, newRole: nil, location: change.location,
                                      wasAdmin: liveAdmins.contains(email)))
            } else if let role, let after = role.after?.stringValue {
                calls.append(RoleCall(email: email, newRole: after, location: role.location ?? change.location,
                                      wasAdmin: liveAdmins.contains(email)))
            }
        }
        guard !calls.isEmpty else { return [] }
        let stillAddedHint = newAdmins.isEmpty ? "" : " (\(newAdmins.joined(separator: ", ")), added as admin by "
            + "this plan, cannot stand in: without a Rill account a new member is a pending invite, and Rill counts no "
            + "invite; add the new admin in an earlier apply)"

        if liveAdmins.isEmpty {
            let locations = calls.compactMap(\.location)
            return [.error(PlanDiagnosticCode.lastAdminRemoval,
                "org.\(org.name.value) has no direct admin user, and Rill then refuses every member role change and "
                    + "removal (it finds no other admin): this plan "
                    + calls.map(\.text).joined(separator: " and ")
                    + (newAdmins.isEmpty ? "; add a direct admin member (a person with a Rill account) in an earlier apply"
                        : stillAddedHint),
                at: locations.first ?? org.name.location, related: Array(locations.dropFirst()))]
        }
        var adminsAfter = liveAdmins
        var lost: [RoleCall] = []
        for call in calls {
            if call.newRole == admin {
                adminsAfter.insert(call.email)
            } else if call.wasAdmin {
                adminsAfter.remove(call.email)
                lost.append(call)
            }
        }
        guard adminsAfter.isEmpty, !lost.isEmpty else { return [] }
        let locations = lost.compactMap(\.location)
        return [.error(PlanDiagnosticCode.lastAdminRemoval,
            "org.\(org.name.value) would be left without an admin user: this plan "
                + lost.map(\.text).joined(separator: " and ") + ", and no other member is a direct admin"
                + stillAddedHint + "; Rill refuses to remove the last admin",
            at: locations.first ?? org.name.location, related: Array(locations.dropFirst()))]
    }
}
