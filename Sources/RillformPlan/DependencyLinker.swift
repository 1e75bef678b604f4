import RillformModel

/// Fills in ``ResourceChange/dependencies``: only changes of the same plan are dependencies (nothing else needs
/// waiting for).
///
/// - Creates, updates and replaces wait for the nearest ancestor with a change (org → project → deployment;
///   org → service → role/token) when that change creates, replaces or renames it; a project role also for its
///   project, a service created with a project role for that project.
/// - A deployment change also waits for an in-place update of its project that restarts deployments
///   (``DeploymentRestart``): a stop sent before that update would be undone by it.
/// - Deletes run in reverse: a delete waits for the deletes of everything inside it (deployments and roles before
///   their project, roles before their service), and for a rename or create of the parent it names (a create
///   makes what is deleted: the creator's project membership, autogroup:members' role on a new project).
/// - People: a usergroup member and a project member also wait for their `member` when it is created; a
///   usergroup project role for its project. A person's memberships are removed before the person.
/// - Rill refuses to remove an org's last admin user or its billing-email user: taking org admin away from a
///   member waits for the members this plan makes admin, and removing a member waits for the org update that
///   moves the billing email away from them.
enum DependencyLinker {
    static func link(_ changes: [ResourceChange]) -> [ResourceChange] {
        var byAddress: [ResourceAddress: ResourceChange] = [:]
        for change in changes { byAddress[change.address] = change }
        let deletesInside = deletesInside(changes)
        let adminGrants = Dictionary(grouping: changes.filter(grantsOrgAdmin), by: \.address.org)
            .mapValues { $0.map(\.address) }
        var billingMoves: [ResourceAddress: ResourceAddress] = [:]
        for change in changes where change.kind == .org {
            if let email = change.fieldChange(OrgField.billingEmail.manifestKey)?.before?.stringValue, !email.isEmpty {
                billingMoves[.member(change.address.org, email: email.lowercased())] = change.address
            }
        }

        return changes.map { change in
            var change = change
            var dependencies: Set<ResourceAddress> = []
            if change.operation == .delete {
                dependencies.formUnion(deletesInside[change.address] ?? [])
                for parent in namedParents(of: change) {
                    // A rename of the parent, or its create (a project's create makes autogroup:members' role on it).
                    if let parentChange = byAddress[parent], parentChange.operation != .delete,
                       parentChange.rename != nil || parentChange.operation == .create {
                        dependencies.insert(parent)
                    }
                }
            } else {
                for parent in namedParents(of: change) {
                    // Only an ancestor that is being created, replaced or renamed must finish first: one that is
                    // merely updated in place already exists under its name, and waiting for it would let a failed
                    // description update block everything inside it.
                    if let nearest = nearestChanged(parent, in: byAddress), let ancestor = byAddress[nearest],
                       ancestor.operation != .delete,
                       ancestor.operation != .update || ancestor.rename != nil
                        || (change.kind == .deployment && DeploymentRestart.restartsDeployments(ancestor)) {
                        dependencies.insert(nearest)
                    }
                }
            }
            if change.kind == .member, removesOrgAdmin(change) {
                dependencies.formUnion(adminGrants[change.address.org] ?? [])
            }
            if change.operation == .delete, let orgUpdate = billingMoves[change.address] {
                dependencies.insert(orgUpdate)
            }
            // Rill gives autogroup:members the org's default project role on a project it creates: a new project
            // waits for the org update that changes that role, so it gets the new one (the plan compares with it).
            if change.kind == .project, change.operation == .create || change.operation == .replace,
               let orgChange = byAddress[.org(change.address.org)], orgChange.operation == .update,
               orgChange.fieldChange(OrgField.defaultProjectRole.manifestKey) != nil {
                dependencies.insert(orgChange.address)
            }
            change.dependencies = dependencies.sorted()
            return change
        }
    }

    /// A member created or updated with org role admin.
    private static func grantsOrgAdmin(_ change: ResourceChange) -> Bool {
        change.kind == .member && change.operation != .delete
            && change.fieldChange(MemberField.orgRole.manifestKey)?.after == .string(OrgRole.admin.rawValue)
    }

    /// A member delete or demotion whose live org role is admin.
    static func removesOrgAdmin(_ change: ResourceChange) -> Bool {
        guard change.kind == .member,
              let role = change.fieldChange(MemberField.orgRole.manifestKey),
              role.before == .string(OrgRole.admin.rawValue)
        else { return false }
        return change.operation == .delete || role.after != .string(OrgRole.admin.rawValue)
    }

    /// Per deleted address, the other deletes inside it (``ResourceAddress/contains(_:)``). Built from each delete's
    /// containers, so it costs one walk up per delete instead of a scan of every change per delete.
    private static func deletesInside(_ changes: [ResourceChange]) -> [ResourceAddress: Set<ResourceAddress>] {
        let deleted = Set(changes.filter { $0.operation == .delete }.map(\.address))
        var result: [ResourceAddress: Set<ResourceAddress>] = [:]
        for address in deleted {
            var containers: [ResourceAddress] = []
            var cursor = address.parent
            while let current = cursor {
                containers.append(current)
                cursor = current.parent
            }
            // A project contains the roles granted on it (see `contains`).
            if address.kind == .serviceProjectRole || address.kind == .usergroupProjectRole {
                containers.append(.project(address.org, address.project ?? address.name))
            }
            // A person's memberships go before the person.
            if address.kind == .usergroupMember || address.kind == .projectMember, let email = address.email {
                containers.append(.member(address.org, email: email))
            }
            for container in containers where deleted.contains(container) {
                result[container, default: []].insert(address)
            }
        }
        return result
    }

    /// The resources a change's API call names: its parent, plus the project of a role or of a service's first role.
    private static func namedParents(of change: ResourceChange) -> [ResourceAddress] {
        var parents: [ResourceAddress] = change.address.parent.map { [$0] } ?? []
        let address = change.address
        if address.kind == .serviceProjectRole || address.kind == .usergroupProjectRole {
            parents.append(.project(address.org, address.project ?? address.name))
        }
        if address.kind == .usergroupMember || address.kind == .projectMember, let email = address.email {
            parents.append(.member(address.org, email: email))
        }
        if address.kind == .service, let initial = change.initialProjectRole {
            parents.append(.project(address.org, initial.project))
        }
        return parents
    }

    /// The address itself or its nearest ancestor that has a change in the plan.
    private static func nearestChanged(_ address: ResourceAddress,
                                       in byAddress: [ResourceAddress: ResourceChange]) -> ResourceAddress? {
        var cursor: ResourceAddress? = address
        while let current = cursor {
            if byAddress[current] != nil { return current }
            cursor = current.parent
        }
        return nil
    }
}
