import RillformModel

extension OrgPlanner {
    static let orgRoleReplaceReason =
        "Rill cannot add an org_role to a service that has none (set-org-role returns 404)"

    func planService(_ service: DesiredService, into draft: inout PlanDraft) {
        let name = service.name.value
        let match = services.matches[name]
        let liveService = match?.live
        let address = ResourceAddress.service(org, name)
        let replaced = liveService != nil && liveService?.orgRole == nil && service.orgRole != nil

        var diff = FieldDiff(liveExists: liveService != nil)
        for field in ServiceField.allCases {
            // Adding an org role to a role-less service is the one change that replaces it.
            diff.compare(field, desired: service.managed[field], live: liveService.flatMap { $0.managed.value(field) },
                         forcesReplacement: field == .orgRole && replaced)
        }

        if let liveService, replaced {
            planServiceReplace(service, live: liveService, rename: match?.rename, diff: diff, into: &draft)
        } else if let liveService {
            if let rename = match?.rename {
                diff.append(FieldChange(field: "name", before: .string(rename.from), after: .string(name),
                                        location: rename.location))
            }
            let operation: ChangeOperation = diff.changes.isEmpty ? .noOp : .update
            draft.record(ResourceChange(
                address: address, actions: operation.actions, rename: match?.rename, fieldChanges: diff.sortedChanges,
                unchangedFieldCount: diff.unchangedCount, location: service.name.location,
                live: LiveReference(id: liveService.id, name: liveService.name, updatedOn: liveService.updatedOn)))
        } else {
            var initialRole: InitialProjectRole?
            if service.orgRole == nil {
                if let first = (service.projectRoles ?? [:]).min(by: { $0.key < $1.key }) {
                    initialRole = InitialProjectRole(project: first.key, role: first.value.value)
                } else {
                    draft.diagnostics.append(.error(PlanDiagnosticCode.serviceWithoutRole,
                        "\(address) cannot be created: Rill creates a service only with an org_role or a project role",
                        at: service.name.location))
                }
            }
            draft.record(ResourceChange(
                address: address, actions: [.create], fieldChanges: diff.sortedChanges, location: service.name.location,
                initialProjectRole: initialRole))
        }
        planProjectRoles(of: service, live: liveService, replaced: replaced, into: &draft)
        planTokens(of: service, live: liveService, replaced: replaced, into: &draft)
    }

    /// Replace: delete the live service and create it again with the desired values; fields the manifest does not
    /// manage keep their live values (attributes carried over), so only what was asked for changes.
    private func planServiceReplace(_ service: DesiredService, live: LiveService, rename: RenameInfo?, diff: FieldDiff,
                                    into draft: inout PlanDraft) {
        var fields = diff.sortedChanges
        if service.attributes == nil, !live.attributes.isEmpty {
            fields.append(FieldChange(field: ServiceField.attributes.manifestKey, before: .object(live.attributes), after: .object(live.attributes)))
            fields.sort { $0.field < $1.field }
        }
        var notes: [String] = []
        if let rename { notes.append("replaces the live service named \"\(rename.from)\"") }
        if !live.tokens.isEmpty { notes.append("its \(live.tokens.count) live token(s) stop working with the old service") }
        if !live.projectRoles.isEmpty {
            notes.append("its live project roles go with the old service; the ones to keep are granted again")
        }
        draft.record(ResourceChange(
            address: .service(org, service.name.value), actions: [.delete, .create], fieldChanges: fields,
            unchangedFieldCount: diff.unchangedCount, location: service.name.location,
            live: LiveReference(id: live.id, name: live.name, updatedOn: live.updatedOn),
            replaceReason: Self.orgRoleReplaceReason, notes: notes))
    }

    /// One `service_project_role` per (service, project). A replaced service loses its roles with the old object,
    /// so every role (desired, or live when `project_roles` is not managed) is granted again.
    func planProjectRoles(of service: DesiredService, live liveService: LiveService?, replaced: Bool,
                          into draft: inout PlanDraft) {
        let serviceName = service.name.value
        // Live roles keyed by the project's declared name (a renamed project is known by its new name).
        var liveRoles: [String: ProjectRole] = [:]
        for (project, role) in liveService?.projectRoles ?? [:] {
            liveRoles[projects.declaredNames[project] ?? project] = role
        }
        var wanted: [String: (role: ProjectRole, location: SourceLocation?)] = [:]
        if let roles = service.projectRoles {
            for (project, role) in roles { wanted[project] = (role.value, role.location) }
        } else if replaced {
            // Carried over from the old service, except roles on projects that are gone or going.
            for (project, role) in liveRoles where projects.matches[project] != nil
                || (live?.projects[project] != nil && !prune) {
                wanted[project] = (role, nil)
            }
        }

        for project in wanted.keys.sorted() {
            guard let (role, location) = wanted[project] else { continue }
            let address = ResourceAddress.serviceProjectRole(org, service: serviceName, project: project)
            if let problem = projectRoleProblem(project, address: address, at: location) {
                draft.diagnostics.append(problem)
                continue
            }
            let field = "project_roles.\(project)"
            let liveRole = liveRoles[project]
            let after = JSONValue.string(role.rawValue)
            if liveService == nil || replaced || liveRole == nil {
                // `before` keeps the role the old object had, so the access view of a replace shows no false grant.
                draft.record(ResourceChange(
                    address: address, actions: [.create],
                    fieldChanges: [FieldChange(field: field, before: replaced ? liveRole.map { .string($0.rawValue) } : nil,
                                               after: after, location: location)],
                    location: location))
            } else if liveRole != role {
                draft.record(ResourceChange(
                    address: address, actions: [.update],
                    fieldChanges: [FieldChange(field: field, before: liveRole.map { .string($0.rawValue) }, after: after,
                                               location: location)],
                    location: location))
            } else {
                draft.unchanged += 1
            }
        }

        // Live roles the managed map does not declare.
        guard let liveService, !replaced, service.projectRoles != nil else {
            warnIfRoleless(service, live: liveService, remainingProjectRoles: wanted.count, into: &draft)
            return
        }
        // A declared `project_roles` map is authoritative (like a Terraform map attribute): a live role it does not
        // list is revoked, prune or not. `project_roles: {}` revokes them all; leaving the key out manages none.
        let extras = liveRoles.keys.filter { wanted[$0] == nil }.sorted()
        for project in extras {
            guard let role = liveRoles[project] else { continue }
            let address = ResourceAddress.serviceProjectRole(org, service: serviceName, project: project)
            draft.record(ResourceChange(
                address: address, actions: [.delete],
                fieldChanges: [FieldChange(field: "project_roles.\(project)", before: .string(role.rawValue), after: nil,
                                           location: service.name.location)],
                location: service.name.location,
                notes: ["not in the managed project_roles map of service.\(org)/\(serviceName)"]))
        }
        warnIfRoleless(service, live: liveService, remainingProjectRoles: wanted.count,
                       into: &draft)
    }

    private func warnIfRoleless(_ service: DesiredService, live: LiveService?, remainingProjectRoles: Int,
                                into draft: inout PlanDraft) {
        guard let live, service.orgRole == nil, live.orgRole == nil, remainingProjectRoles == 0,
              !live.projectRoles.isEmpty
        else { return }
        draft.diagnostics.append(.warning(PlanDiagnosticCode.serviceLeftWithoutRoles,
            "service.\(org)/\(service.name.value) would be left without any role; Rill cannot give it an org role later "
                + "(only project roles)", at: service.name.location))
    }
}
