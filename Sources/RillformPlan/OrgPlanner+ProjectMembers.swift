import RillformModel

extension OrgPlanner {
    /// A project's declared `members` (direct roles), authoritative for the project: declared people are added or
    /// updated (`role`, `restrict_resources`, `resources`), live ones it leaves out are removed, prune or not.
    /// Pending project invites are planned like members (Rill changes an invite's role the same way).
    /// `owner`: where the project is declared (the position a removal is reported at).
    func planProjectMembers(_ members: [DesiredProjectMember], of project: String, owner: SourceLocation,
                            domains: [DesiredProjectAllowedDomain]?, live liveProject: LiveProject?,
                            into draft: inout PlanDraft) {
        let domainRoles = (domains ?? []).compactMap { domain in domain.role.map { (domain.domain.value, $0.value.rawValue) } }
        var liveMembers = liveProject?.members ?? [:]
        // Rill makes the user who creates a project its direct admin (the delete or update waits for the create).
        if liveProject == nil, let creator = options.runningUserEmail {
            liveMembers[creator] = LiveProjectMember(email: creator, role: .admin)
        }
        var declared: Set<String> = []
        for member in members.sorted(by: { $0.email.value < $1.email.value }) {
            let email = member.email.value.lowercased()
            guard declared.insert(email).inserted else { continue }
            let address = ResourceAddress.projectMember(org, project: project, email: email)
            let liveMember = liveMembers[email]
            var diff = FieldDiff(liveExists: liveMember != nil)
            diff.compareAll(member.managed, live: liveMember?.managed)
            // Rill reads `restrict_resources` and `resources` as a pair: when one changes, the update states both.
            let changed = Set(diff.changes.map(\.field))
            let pair: [ProjectMemberField] = [.restrictResources, .resources]
            if liveMember != nil, pair.contains(where: { changed.contains($0.manifestKey) }) {
                for field in pair where !changed.contains(field.manifestKey) {
                    guard let desired = member.managed[field] else { continue }
                    diff.append(FieldChange(field: field.manifestKey, before: liveMember?.managed.value(field)?.json,
                                            after: desired.value.json, location: desired.location))
                }
            }
            let operation: ChangeOperation = liveMember == nil ? .create : (diff.changes.isEmpty ? .noOp : .update)
            draft.record(ResourceChange(
                address: address, actions: operation.actions, fieldChanges: diff.sortedChanges,
                unchangedFieldCount: diff.unchangedCount, location: member.email.location,
                live: liveMember.map { LiveReference(name: $0.email) },
                notes: liveMember?.isPendingInvite == true ? ["pending invite: the role applies when they sign up"] : []))
        }
        for email in liveMembers.keys.sorted() where !declared.contains(email) {
            guard let liveMember = liveMembers[email] else { continue }
            // Users Rill added through one of the project's declared allowed domains stay (see planMembers).
            if Self.joinedThroughDomain(email: email, role: liveMember.role?.rawValue, domains: domainRoles) {
                draft.unchanged += 1
                continue
            }
            let fields = ProjectMemberField.allCases.compactMap { field -> FieldChange? in
                guard let value = liveMember.managed.value(field), value != field.unsetValue else { return nil }
                return FieldChange(field: field.manifestKey, before: value.json, after: nil)
            }
            draft.record(ResourceChange(
                address: .projectMember(org, project: project, email: email), actions: [.delete],
                fieldChanges: fields.sorted { $0.field < $1.field }, location: owner,
                live: LiveReference(name: liveMember.email),
                notes: ["not in the managed members list of project.\(org)/\(project)"
                    + (liveMember.isPendingInvite ? " (a pending invite, cancelled)" : "")]))
        }
    }
}
