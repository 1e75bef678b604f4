import RillformModel

extension OrgPlanner {
    /// Org members: declared people are created or updated; live people the list leaves out are deleted only with
    /// prune (otherwise listed as unmanaged). Rill cannot set attributes on a pending invite, so none are planned
    /// for one (RF310 says so).
    func planMembers(_ members: [DesiredMember], into draft: inout PlanDraft) {
        var liveMembers = live?.members ?? [:]
        // Rill makes the user who creates the org its admin.
        if live == nil, let creator = options.runningUserEmail {
            liveMembers[creator] = LiveMember(email: creator, orgRole: .admin)
        }
        var declared: Set<String> = []
        for member in members.sorted(by: { $0.email.value < $1.email.value }) {
            let email = member.email.value.lowercased()
            declared.insert(email)
            let address = ResourceAddress.member(org, email: email)
            guard let liveMember = liveMembers[email] else {
                var diff = FieldDiff(liveExists: false)
                diff.compareAll(member.managed, live: nil)
                var notes: [String] = []
                if let attributes = member.managed[.attributes]?.value.objectValue, !attributes.isEmpty {
                    notes.append("attributes are set by an update right after the add (skipped if the person has "
                        + "no Rill account yet and is invited)")
                }
                draft.record(ResourceChange(address: address, actions: [.create], fieldChanges: diff.sortedChanges,
                                            location: member.email.location, notes: notes))
                continue
            }
            var managed = member.managed
            if liveMember.isPendingInvite, let attributes = managed[.attributes],
               MemberField.attributes.normalized(attributes.value) != liveMember.managed.value(.attributes) {
                managed[.attributes] = nil
                draft.diagnostics.append(Diagnostic(.note, code: PlanDiagnosticCode.pendingInvite,
                    message: "\(address) is a pending invite (no Rill account yet): its attributes cannot be set "
                        + "until they sign up, so none are planned", at: attributes.location))
            }
            var diff = FieldDiff(liveExists: true)
            diff.compareAll(managed, live: liveMember.managed)
            let operation: ChangeOperation = diff.changes.isEmpty ? .noOp : .update
            draft.record(ResourceChange(
                address: address, actions: operation.actions, fieldChanges: diff.sortedChanges,
                unchangedFieldCount: diff.unchangedCount, location: member.email.location,
                live: LiveReference(name: liveMember.email),
                notes: liveMember.isPendingInvite ? ["pending invite: the role applies when they sign up"] : []))
        }

        for email in liveMembers.keys.sorted() where !declared.contains(email) {
            guard let liveMember = liveMembers[email] else { continue }
            let address = ResourceAddress.member(org, email: email)
            // Rill adds the users of a declared allowed domain itself (at the domain's create and at sign-up):
            // they are the domain's doing, not drift, and removing them would not settle.
            let domainRoles = (desired.allowedDomains ?? []).compactMap { domain in
                domain.orgRole.map { (domain.domain.value, $0.value.rawValue) }
            }
            if Self.joinedThroughDomain(email: email, role: liveMember.orgRole?.rawValue, domains: domainRoles) {
                draft.unchanged += 1
                continue
            }
            if prune {
                draft.record(ResourceChange(
                    address: address, actions: [.delete], fieldChanges: Self.snapshot(of: liveMember),
                    live: LiveReference(name: liveMember.email),
                    notes: [liveMember.isPendingInvite ? "the pending invite is cancelled"
                        : "their project roles and usergroup memberships go with them"]))
            } else {
                draft.unmanaged.append(UnmanagedResource(
                    address: address, live: LiveReference(name: liveMember.email), detail: Self.detail(of: liveMember)))
            }
        }
    }

    /// True when `email` is at one of `domains` (domain, role) and has exactly that domain's role: Rill put
    /// them there through the allowed domain.
    static func joinedThroughDomain(email: String, role: String?, domains: [(String, String)]) -> Bool {
        guard let role, let at = email.lastIndex(of: "@") else { return false }
        let emailDomain = email[email.index(after: at)...].lowercased()
        return domains.contains { $0.0.lowercased() == emailDomain && $0.1 == role }
    }

    /// The live values shown for a removed member: the org role, and attributes when there are any.
    static func snapshot(of member: LiveMember) -> [FieldChange] {
        MemberField.allCases.compactMap { field -> FieldChange? in
            guard let value = member.managed.value(field), value != field.unsetValue else { return nil }
            return FieldChange(field: field.manifestKey, before: value.json, after: nil)
        }.sorted { $0.field < $1.field }
    }
}
