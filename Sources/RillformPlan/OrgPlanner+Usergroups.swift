import RillformModel

extension OrgPlanner {
    /// One declared usergroup: the group itself (create, rename through `previously`, update), then its members
    /// and project roles when declared (each list authoritative for the group). Managed groups (`autogroup:…`)
    /// are Rill's: never created, renamed, edited or deleted; only their project roles are planned.
    func planUsergroup(_ group: DesiredUsergroup, into draft: inout PlanDraft) {
        let name = group.name.value
        let match = usergroups.matches[name]
        let liveGroup = match?.live
        let address = ResourceAddress.usergroup(org, name)

        if group.isManaged {
            // An org being created gets its managed groups from Rill with it: their roles follow the org's create.
            if liveGroup == nil, live != nil {
                draft.diagnostics.append(.error(PlanDiagnosticCode.managedUsergroupMissing,
                    "\(address) does not exist: Rill creates and manages the autogroup:… groups itself, "
                        + "rillform cannot create one", at: group.name.location))
                return
            }
            planUsergroupProjectRoles(of: group, live: liveGroup, into: &draft)
            return
        }

        var diff = FieldDiff(liveExists: liveGroup != nil)
        diff.compareAll(group.managed, live: liveGroup?.managed)
        if let liveGroup {
            if let rename = match?.rename {
                diff.append(FieldChange(field: "name", before: .string(rename.from), after: .string(name),
                                        location: rename.location))
            }
            let operation: ChangeOperation = diff.changes.isEmpty ? .noOp : .update
            draft.record(ResourceChange(
                address: address, actions: operation.actions, rename: match?.rename, fieldChanges: diff.sortedChanges,
                unchangedFieldCount: diff.unchangedCount, location: group.name.location,
                live: LiveReference(id: liveGroup.id, name: liveGroup.name)))
        } else {
            let notes = group.managed.fields.map { field in
                "\(field.manifestKey) is set by a call right after the create (the create call has no such field)"
            }
            draft.record(ResourceChange(address: address, actions: [.create], fieldChanges: diff.sortedChanges,
                                        location: group.name.location, notes: notes))
        }
        planUsergroupMembers(of: group, live: liveGroup, into: &draft)
        planUsergroupProjectRoles(of: group, live: liveGroup, into: &draft)
    }

    /// Declared `members` of a group: missing ones are added, live ones it leaves out removed (prune or not).
    private func planUsergroupMembers(of group: DesiredUsergroup, live liveGroup: LiveUsergroup?,
                                      into draft: inout PlanDraft) {
        guard let members = group.members else { return }
        let groupName = group.name.value
        let liveMembers = Set(liveGroup?.members ?? [])
        var wanted: Set<String> = []
        for member in members.sorted(by: { $0.value < $1.value }) {
            let email = member.value.lowercased()
            guard wanted.insert(email).inserted else { continue }
            if liveMembers.contains(email) {
                draft.unchanged += 1
                continue
            }
            // Rill records a group on a pending invite (applied at sign-up) but lists only real users as group
            // members, so an invite never shows here: planning it again would never settle.
            if live?.members?[email]?.isPendingInvite == true {
                draft.unchanged += 1
                draft.diagnostics.append(Diagnostic(.note, code: PlanDiagnosticCode.pendingInvite,
                    message: "member.\(org)/\(email) is a pending invite: Rill does not list the groups of an invite, "
                        + "so usergroup.\(org)/\(groupName) is not planned for them until they sign up",
                    at: member.location))
                continue
            }
            draft.record(ResourceChange(
                address: .usergroupMember(org, usergroup: groupName, email: email), actions: [.create],
                location: member.location))
        }
        for email in liveMembers.subtracting(wanted).sorted() {
            draft.record(ResourceChange(
                address: .usergroupMember(org, usergroup: groupName, email: email), actions: [.delete],
                location: group.name.location,
                notes: ["not in the managed members list of usergroup.\(org)/\(groupName)"]))
        }
    }

    /// Declared `project_roles` of a group: one `usergroup_project_role` per (group, project), authoritative like
    /// a service's map: a live role it does not list is removed, prune or not.
    private func planUsergroupProjectRoles(of group: DesiredUsergroup, live liveGroup: LiveUsergroup?,
                                           into draft: inout PlanDraft) {
        guard let roles = group.projectRoles else { return }
        let groupName = group.name.value
        // Live roles keyed by the project's declared name (a renamed project is known by its new name).
        var liveRoles: [String: ProjectRole] = [:]
        for (project, role) in liveGroup?.projectRoles ?? [:] {
            liveRoles[projects.declaredNames[project] ?? project] = role
        }
        // Rill's CreateProject gives autogroup:members the org's default project role on the new project: that is
        // the role to compare with (a create would be refused as a duplicate).
        if groupName == UsergroupField.managedPrefix + "members", let role = defaultRoleOnNewProjects {
            for project in declaredProjectNames where projects.matches[project] == nil && liveRoles[project] == nil {
                liveRoles[project] = role
            }
        }
        for project in roles.keys.sorted() {
            guard let role = roles[project] else { continue }
            let address = ResourceAddress.usergroupProjectRole(org, usergroup: groupName, project: project)
            if let problem = projectRoleProblem(project, address: address, at: role.location) {
                draft.diagnostics.append(problem)
                continue
            }
            let field = "project_roles.\(project)"
            let liveRole = liveRoles[project]
            let after = JSONValue.string(role.value.rawValue)
            if liveRole == role.value {
                draft.unchanged += 1
                continue
            }
            draft.record(ResourceChange(
                address: address, actions: liveRole == nil ? [.create] : [.update],
                fieldChanges: [FieldChange(field: field, before: liveRole.map { .string($0.rawValue) }, after: after,
                                           location: role.location)],
                location: role.location))
        }
        for project in liveRoles.keys.filter({ roles[$0] == nil }).sorted() {
            guard let role = liveRoles[project] else { continue }
            draft.record(ResourceChange(
                address: .usergroupProjectRole(org, usergroup: groupName, project: project), actions: [.delete],
                fieldChanges: [FieldChange(field: "project_roles.\(project)", before: .string(role.rawValue), after: nil,
                                           location: group.name.location)],
                location: group.name.location,
                notes: ["not in the managed project_roles map of usergroup.\(org)/\(groupName)"]))
        }
    }

    /// The role Rill gives `autogroup:members` on a project it creates: the org's default project role as this
    /// plan leaves it (the declared one: new projects wait for the org update that sets it; else the live one; a
    /// new org starts with viewer).
    var defaultRoleOnNewProjects: ProjectRole? {
        let name = desired.defaultProjectRole?.value ?? live.map(\.defaultProjectRole) ?? ProjectRole.viewer.rawValue
        return ProjectRole(rawValue: name)
    }

    /// Live groups the declared list leaves out: deleted with prune, else unmanaged. Managed groups are Rill's
    /// and never listed.
    func planUndeclaredUsergroups(into draft: inout PlanDraft) {
        guard let liveGroups = liveUsergroups else { return }
        for name in liveGroups.keys.sorted() where !usergroups.claimed.contains(name) && !UsergroupField.isManaged(name) {
            guard let group = liveGroups[name] else { continue }
            let address = ResourceAddress.usergroup(org, name)
            let reference = LiveReference(id: group.id, name: group.name)
            if prune {
                let members = group.members ?? []
                draft.record(ResourceChange(
                    address: address, actions: [.delete], fieldChanges: Self.snapshot(of: group), live: reference,
                    notes: members.isEmpty ? [] : [members.count == 1 ? "its member loses what the group gave them"
                        : "its \(members.count) members lose what the group gave them"]))
            } else {
                draft.unmanaged.append(UnmanagedResource(
                    address: address, live: reference,
                    detail: group.orgRole.map { "org role \"\($0.rawValue)\"" }))
            }
        }
    }

    /// The live values shown for a deleted group: settings, members and project roles (so the access view shows
    /// what its members lose).
    static func snapshot(of group: LiveUsergroup) -> [FieldChange] {
        var fields: [FieldChange] = UsergroupField.allCases.compactMap { field -> FieldChange? in
            guard let value = group.managed.value(field), value != field.unsetValue else { return nil }
            return FieldChange(field: field.manifestKey, before: value.json, after: nil)
        }
        if let members = group.members, !members.isEmpty {
            fields.append(FieldChange(field: "members", before: .array(members.sorted().map(JSONValue.string)), after: nil))
        }
        for (project, role) in group.projectRoles ?? [:] {
            fields.append(FieldChange(field: "project_roles.\(project)", before: .string(role.rawValue), after: nil))
        }
        return fields.sorted { $0.field < $1.field }
    }
}
