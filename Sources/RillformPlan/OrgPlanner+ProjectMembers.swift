import RillformModel

extension OrgPlanner {
    /// A project's declared `members` (direct roles), authoritative for the project: declared people are added or
    /// updated (`role`, `restrict_resources`, `resources`), live ones it leaves out are removed, prune or not.
    /// Pending project invites are planned like members (Rill changes an invite's role the same way).
    func planProjectMembers(_ members: [DesiredProjectMember], of project: String, live liveProject: LiveProject?,
                            into draft: inout PlanDraft) {
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
            let operation: ChangeOperation = liveMember == nil ? .create : (diff.changes.isEmpty ? .noOp : .update)
            draft.record(ResourceChange(
                address: address, actions: operation.actions, fieldChanges: diff.sortedChanges,
                unchangedFieldCount: diff.unchangedCount, location: member.email.location,
                live: liveMember.map { LiveReference(name: $0.email) },
                notes: liveMember?.isPendingInvite == true ? ["pending invite: the role applies when they sign up"] : []))
        }
        for email in liveMembers.keys.sorted() where !declared.contains(email) {
            guard let liveMember = liveMembers[email] else { continue }
            let fields = ProjectMemberField.allCases.compactMap { field -> FieldChange? in
                guard let value = liveMember.managed.value(field), value != field.unsetValue else { return nil }
                return FieldChange(field: field.manifestKey, before: value.json, after: nil)
            }
            draft.record(ResourceChange(
                address: .projectMember(org, project: project, email: email), actions: [.delete],
                fieldChanges: fields.sorted { $0.field < $1.field }, live: LiveReference(name: liveMember.email),
                notes: ["not in the managed members list of project.\(org)/\(project)"
                    + (liveMember.isPendingInvite ? " (a pending invite, cancelled)" : "")]))
        }
    }
}
