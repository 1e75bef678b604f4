import RillformModel

/// `--target` and `--exclude`, applied to linked changes.
///
/// - With targets, a change is kept when a target contains its address, plus (transitively) what it depends on,
///   so a targeted project role still gets its new service created first.
/// - Excludes win: a change inside an excluded address is dropped, and so is every change that depends on a
///   dropped one (OpenTofu's `-exclude` semantics: a dependent cannot run without what it waits for).
enum Targeting {
    struct Result {
        var kept: [ResourceChange]
        var skipped: [ResourceAddress]
    }

    static func apply(to changes: [ResourceChange], targets: [ResourceAddress], excludes: [ResourceAddress]) -> Result {
        guard !targets.isEmpty || !excludes.isEmpty else { return Result(kept: changes, skipped: []) }
        var byAddress: [ResourceAddress: ResourceChange] = [:]
        for change in changes { byAddress[change.address] = change }

        var selected: Set<ResourceAddress>
        if targets.isEmpty {
            selected = Set(changes.map(\.address))
        } else {
            selected = Set(changes.map(\.address).filter { address in targets.contains { $0.contains(address) } })
            var queue = Array(selected)
            while let next = queue.popLast() {
                for dependency in byAddress[next]?.dependencies ?? [] where !selected.contains(dependency) {
                    selected.insert(dependency)
                    queue.append(dependency)
                }
            }
        }

        var dropped = Set(changes.map(\.address).filter { address in excludes.contains { $0.contains(address) } })
        var grew = true
        while grew {
            grew = false
            for change in changes where !dropped.contains(change.address)
                && change.dependencies.contains(where: dropped.contains) {
                dropped.insert(change.address)
                grew = true
            }
        }
        let kept = changes.filter { selected.contains($0.address) && !dropped.contains($0.address) }
        let keptAddresses = Set(kept.map(\.address))
        return Result(kept: kept, skipped: changes.map(\.address).filter { !keptAddresses.contains($0) }.sorted())
    }

    /// Whether a non-change (e.g. an unmanaged resource) is inside the targeted, non-excluded part.
    static func isSelected(_ address: ResourceAddress, targets: [ResourceAddress], excludes: [ResourceAddress]) -> Bool {
        (targets.isEmpty || targets.contains { $0.contains(address) }) && !excludes.contains { $0.contains(address) }
    }
}
