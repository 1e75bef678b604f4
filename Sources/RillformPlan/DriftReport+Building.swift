import RillformModel

extension DriftReport {
    /// Reads a plan as drift: creates are missing resources, updates and replaces are changed ones (live value →
    /// manifest value), token work is an unmet token policy, deletes of undeclared resources and unmanaged
    /// resources are unmanaged. Declared resources without a change are in sync.
    ///
    /// - Parameters:
    ///   - plan: planned from `desired` against live state.
    ///   - options: the options the plan was made with (its `--target`/`--exclude` limit the declared resources
    ///     listed, so a targeted run does not call untouched resources "in sync").
    public init(plan: Plan, desired: DesiredState, options: PlanOptions) {
        var declared: [ResourceAddress: SourceLocation] = [:]
        var orgLocations: [String: SourceLocation] = [:]
        for org in desired.orgs where plan.scope.contains(org.name.value) {
            orgLocations[org.name.value] = org.name.location
            for (address, location) in Self.declaredResources(of: org)
            where Targeting.isSelected(address, targets: options.targets, excludes: options.excludes) {
                declared[address] = declared[address] ?? location
            }
        }

        var byAddress: [ResourceAddress: DriftResource] = [:]
        for (address, location) in declared {
            byAddress[address] = DriftResource(address: address, status: .inSync, location: location)
        }
        var unmanaged = plan.unmanaged.map { resource in
            DriftUnmanagedResource(address: resource.address, detail: resource.detail,
                                   location: orgLocations[resource.address.org])
        }
        for change in plan.changes {
            if change.operation == .delete && declared[change.address] == nil {
                unmanaged.append(DriftUnmanagedResource(
                    address: change.address, detail: Self.detail(ofDeleted: change), deletedByApply: true,
                    location: orgLocations[change.address.org]))
                continue
            }
            // Undeclared addresses with other changes are side effects of a replace (roles granted again to the
            // new service object): the replace itself is the finding.
            guard let location = declared[change.address] else { continue }
            byAddress[change.address] = Self.resource(for: change, location: location)
        }
        // A declared resource inside a missing one is missing too, even when its parent's create makes it (a prod
        // deployment has no change of its own then, or only a `state` update): show what the manifest declares.
        let missing = Set(byAddress.values.filter { $0.status == .missing }.map(\.address))
        let declaredFields = Self.declaredDeploymentFields(desired)
        for (address, resource) in byAddress where resource.status != .missing {
            guard let container = Self.nearestMissing(containing: address, in: missing) else { continue }
            var updated = resource
            updated.status = .missing
            if let fields = declaredFields[address] {
                updated.fields = fields
            } else {
                updated.fields = resource.fields.map { field in
                    var field = field
                    field.live = nil
                    return field
                }
            }
            if updated.detail == nil, !updated.isTokenFinding { updated.detail = "part of \(container), which is missing too" }
            byAddress[address] = updated
        }

        // RF404: a declared person who never signed up.
        var diagnostics = plan.diagnostics
        for (address, location) in declared.sorted(by: { $0.key < $1.key })
        where (address.kind == .member || address.kind == .projectMember) && plan.isPendingInvite(address) {
            let email = address.email ?? address.name
            let place = address.kind == .member ? "org \(address.org)" : "project \(address.org)/\(address.project ?? "")"
            diagnostics.append(.warning(DiagnosticCode.inviteNotAccepted.id,
                "\(address): \(email) is still a pending invite to \(place): they never signed up", at: location))
        }

        self.init(
            checkedAt: plan.plannedAt, scope: plan.scope, resources: byAddress.values.sorted(),
            unmanaged: unmanaged.sorted(), diagnostics: diagnostics.sorted(), skipped: plan.skipped)
    }

    private static func resource(for change: ResourceChange, location: SourceLocation?) -> DriftResource {
        let status: DriftResource.Status = change.operation == .create ? .missing : .changed
        if let tokens = change.tokenChange {
            return DriftResource(address: change.address, status: status, location: location,
                                 detail: tokens.reason, isTokenFinding: true)
        }
        let fields = change.fieldChanges
            // A replace carries unchanged values over (before == after); they did not drift.
            .filter { $0.before != $0.after }
            .map { field in
                DriftedField(field: field.field, live: field.before, desired: field.after,
                             location: field.location ?? location, forcesReplacement: field.forcesReplacement)
            }
        return DriftResource(address: change.address, status: status, location: location, fields: fields,
                             detail: change.replaceReason.map { "must be replaced: \($0)" })
    }

    /// The missing resource that contains `address`, nearest first (a project also contains the roles on it).
    private static func nearestMissing(containing address: ResourceAddress, in missing: Set<ResourceAddress>)
        -> ResourceAddress?
    {
        var cursor = address.parent
        while let current = cursor {
            if missing.contains(current) { return current }
            cursor = current.parent
        }
        if address.kind == .serviceProjectRole || address.kind == .usergroupProjectRole {
            let project = ResourceAddress.project(address.org, address.project ?? address.name)
            if missing.contains(project) { return project }
        }
        return nil
    }

    /// Every declared deployment's fields as the manifest declares them (live side absent).
    private static func declaredDeploymentFields(_ desired: DesiredState) -> [ResourceAddress: [DriftedField]] {
        var result: [ResourceAddress: [DriftedField]] = [:]
        for org in desired.orgs {
            for project in org.projects {
                for deployment in project.deployments ?? [] {
                    let address = deployment.address(org: org.name.value, project: project.name.value)
                    result[address] = OrgPlanner.desiredFields(of: deployment).map { field in
                        DriftedField(field: field.field, live: nil, desired: field.after,
                                     location: field.location ?? deployment.environment.location)
                    }
                }
            }
        }
        return result
    }

    /// `org role "admin"`-style text for an undeclared resource that apply would delete.
    private static func detail(ofDeleted change: ResourceChange) -> String? {
        if let role = change.fieldChange(ServiceField.orgRole.manifestKey)?.before?.stringValue { return "org role \"\(role)\"" }
        if change.kind == .serviceProjectRole || change.kind == .usergroupProjectRole,
           let role = change.fieldChanges.first?.before?.stringValue {
            return "role \"\(role)\""
        }
        if let role = change.fieldChange(ProjectMemberField.role.manifestKey)?.before?.stringValue {
            return "role \"\(role)\""
        }
        if change.kind == .deployment, let state = change.fieldChange(DeploymentField.state.manifestKey)?.before?.stringValue {
            return state
        }
        return nil
    }

    /// Every resource an org of the manifest declares, with where it is declared.
    static func declaredResources(of org: DesiredOrg) -> [(ResourceAddress, SourceLocation)] {
        let name = org.name.value
        var result: [(ResourceAddress, SourceLocation)] = [(org.address, org.name.location)]
        for project in org.projects {
            result.append((.project(name, project.name.value), project.name.location))
            for deployment in project.deployments ?? [] {
                result.append((deployment.address(org: name, project: project.name.value),
                               deployment.environment.location))
            }
        }
        for service in org.services {
            result.append((.service(name, service.name.value), service.name.location))
            for (project, role) in service.projectRoles ?? [:] {
                result.append((.serviceProjectRole(name, service: service.name.value, project: project), role.location))
            }
            if let policy = service.tokenPolicy {
                result.append((.serviceToken(name, service.name.value), policy.location))
            }
        }
        result += declaredPeople(of: org)
        return result
    }

    /// The people an org declares: members, usergroups with their declared members and project roles, allowed
    /// domains, and per project its members and allowed domains.
    static func declaredPeople(of org: DesiredOrg) -> [(ResourceAddress, SourceLocation)] {
        let name = org.name.value
        var result: [(ResourceAddress, SourceLocation)] = []
        for member in org.members ?? [] {
            result.append((.member(name, email: member.email.value.lowercased()), member.email.location))
        }
        for group in org.usergroups ?? [] {
            let groupName = group.name.value
            result.append((.usergroup(name, groupName), group.name.location))
            for member in group.members ?? [] {
                result.append((.usergroupMember(name, usergroup: groupName, email: member.value.lowercased()),
                               member.location))
            }
            for (project, role) in group.projectRoles ?? [:] {
                result.append((.usergroupProjectRole(name, usergroup: groupName, project: project), role.location))
            }
        }
        for domain in org.allowedDomains ?? [] {
            result.append((.allowedDomain(name, domain: domain.domain.value.lowercased()), domain.domain.location))
        }
        for project in org.projects {
            let projectName = project.name.value
            for member in project.members ?? [] {
                result.append((.projectMember(name, project: projectName, email: member.email.value.lowercased()),
                               member.email.location))
            }
            for domain in project.allowedDomains ?? [] {
                result.append((.projectAllowedDomain(name, project: projectName, domain: domain.domain.value.lowercased()),
                               domain.domain.location))
            }
        }
        return result
    }
}
