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
///   their project, roles before their service), and for a rename of the parent it names.
enum DependencyLinker {
    static func link(_ changes: [ResourceChange]) -> [ResourceChange] {
        var byAddress: [ResourceAddress: ResourceChange] = [:]
        for change in changes { byAddress[change.address] = change }
        let deletesInside = deletesInside(changes)

        return changes.map { change in
            var change = change
            var dependencies: Set<ResourceAddress> = []
            if change.operation == .delete {
                dependencies.formUnion(deletesInside[change.address] ?? [])
                for parent in namedParents(of: change) {
                    if let parentChange = byAddress[parent], parentChange.rename != nil, parentChange.operation != .delete {
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
            change.dependencies = dependencies.sorted()
            return change
        }
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
            if address.kind == .serviceProjectRole {
                containers.append(.project(address.org, address.project ?? address.name))
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
        if address.kind == .serviceProjectRole {
            parents.append(.project(address.org, address.project ?? address.name))
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
