import RillformModel

/// Plans one org of the manifest: the org itself, its projects and deployments, its services, their project
/// roles and tokens, its people (members, usergroups, project members, allowed domains), and the live resources
/// in it that the manifest does not declare.
struct OrgPlanner {
    let desired: DesiredOrg
    let live: LiveOrg?
    /// `--prune` OR the org's effective `policy.prune`.
    let prune: Bool
    let options: PlanOptions

    let projects: NameMatcher<LiveProject>
    let services: NameMatcher<LiveService>
    /// Declared usergroups against live ones (managed `autogroup:…` groups match by name only).
    let usergroups: NameMatcher<LiveUsergroup>
    /// The live usergroups keyed as the manifest spells them: Rill matches group names case-insensitively
    /// (`usergroups_name_idx` is on `lower(name)`), so `Analysts` live is the declared `analysts`, not another group.
    let liveUsergroups: [String: LiveUsergroup]?
    /// Declared project names, and previous project name → new name for renamed projects. Built once here:
    /// they are consulted for every service, and rebuilding them per service made planning O(services × projects).
    let declaredProjectNames: Set<String>
    let projectsRenamedAway: [String: String]

    var org: String { desired.name.value }

    init(desired: DesiredOrg, live: LiveOrg?, prune: Bool, options: PlanOptions) {
        self.desired = desired
        self.live = live
        self.prune = prune
        self.options = options
        projects = NameMatcher(
            declared: desired.projects.map { .init(name: $0.name, previously: $0.previously) },
            live: live?.projects ?? [:], kind: .project, org: desired.name.value)
        services = NameMatcher(
            declared: desired.services.map { .init(name: $0.name, previously: $0.previously) },
            live: live?.services ?? [:], kind: .service, org: desired.name.value)
        let declaredGroups: [NameMatcher<LiveUsergroup>.Declared] = (desired.usergroups ?? []).map {
            .init(name: $0.name, previously: $0.isManaged ? [] : $0.previously.filter { !UsergroupField.isManaged($0.value) })
        }
        liveUsergroups = Self.liveUsergroups(live?.usergroups, spelledAs: declaredGroups)
        usergroups = NameMatcher(declared: declaredGroups, live: liveUsergroups ?? [:], kind: .usergroup,
                                 org: desired.name.value)
        declaredProjectNames = Set(desired.projects.map(\.name.value))
        projectsRenamedAway = Dictionary(
            projects.matches.compactMap { entry in entry.value.rename.map { ($0.from, entry.key) } },
            uniquingKeysWith: { first, _ in first })
    }

    /// Re-keys live groups whose name differs from a declared name or `previously` entry only in case.
    static func liveUsergroups(_ live: [String: LiveUsergroup]?, spelledAs declared: [NameMatcher<LiveUsergroup>.Declared])
        -> [String: LiveUsergroup]?
    {
        guard let live else { return nil }
        var spelling: [String: String] = [:]
        for entry in declared {
            for name in [entry.name] + entry.previously { spelling[name.value.lowercased()] = name.value }
        }
        var keyed: [String: LiveUsergroup] = [:]
        for (name, group) in live {
            let key = live[spelling[name.lowercased()] ?? name] == nil ? (spelling[name.lowercased()] ?? name) : name
            keyed[key] = group
        }
        return keyed
    }

    func plan(into draft: inout PlanDraft) {
        draft.diagnostics += projects.diagnostics + services.diagnostics + usergroups.diagnostics
        planOrg(into: &draft)
        for project in desired.projects.sorted(by: { $0.name.value < $1.name.value }) {
            planProject(project, into: &draft)
        }
        for service in desired.services.sorted(by: { $0.name.value < $1.name.value }) {
            planService(service, into: &draft)
        }
        planPeople(into: &draft)
        planUndeclared(into: &draft)
    }

    private func planOrg(into draft: inout PlanDraft) {
        var diff = FieldDiff(liveExists: live != nil)
        diff.compareAll(desired.managed, live: live?.managed)
        let operation: ChangeOperation = live == nil ? .create : (diff.changes.isEmpty ? .noOp : .update)
        draft.record(ResourceChange(
            address: desired.address, actions: operation.actions, fieldChanges: diff.sortedChanges,
            unchangedFieldCount: diff.unchangedCount, location: desired.name.location,
            live: live.map { LiveReference(id: $0.id, name: $0.name, updatedOn: $0.updatedOn) }))
    }

    /// Live projects and services of this org that nothing declares: listed as unmanaged, or deleted with prune.
    private func planUndeclared(into draft: inout PlanDraft) {
        guard let live else { return }
        for name in live.projects.keys.sorted() where !projects.claimed.contains(name) {
            guard let project = live.projects[name] else { continue }
            let reference = LiveReference(id: project.id, name: project.name, updatedOn: project.updatedOn)
            let address = ResourceAddress.project(org, name)
            if prune {
                draft.record(ResourceChange(
                    address: address, actions: [.delete], fieldChanges: Self.snapshot(of: project), live: reference,
                    notes: project.deployments.isEmpty ? [] : ["its \(project.deployments.count) deployment(s) are deleted with it"]))
            } else {
                draft.unmanaged.append(UnmanagedResource(address: address, live: reference))
            }
        }
        for name in live.services.keys.sorted() where !services.claimed.contains(name) {
            guard let service = live.services[name] else { continue }
            let reference = LiveReference(id: service.id, name: service.name, updatedOn: service.updatedOn)
            let address = ResourceAddress.service(org, name)
            if prune {
                draft.record(ResourceChange(
                    address: address, actions: [.delete], fieldChanges: Self.snapshot(of: service), live: reference,
                    notes: service.tokens.isEmpty ? [] : ["its \(service.tokens.count) token(s) stop working with it"]))
            } else {
                draft.unmanaged.append(UnmanagedResource(
                    address: address, live: reference, detail: service.orgRole.map { "org role \"\($0.rawValue)\"" }))
            }
        }
    }

    /// The live values shown for a deleted project: the fields that are not Rill's unset value (which says
    /// nothing about what is being deleted).
    static func snapshot(of project: LiveProject) -> [FieldChange] {
        ProjectField.allCases.filter(\.describesDeletedProject).compactMap { field -> FieldChange? in
            guard let value = project.managed.value(field), value != field.unsetValue else { return nil }
            return FieldChange(field: field.manifestKey, before: value.json, after: nil)
        }.sorted { $0.field < $1.field }
    }

    /// The live values shown for a deleted service; its roles are listed so the access view shows the revokes.
    static func snapshot(of service: LiveService) -> [FieldChange] {
        var fields: [FieldChange] = ServiceField.allCases.compactMap { field -> FieldChange? in
            guard let value = service.managed.value(field), value != field.unsetValue else { return nil }
            return FieldChange(field: field.manifestKey, before: value.json, after: nil)
        }
        for (project, role) in service.projectRoles {
            fields.append(FieldChange(field: "project_roles.\(project)", before: .string(role.rawValue), after: nil))
        }
        return fields.sorted { $0.field < $1.field }
    }
}
