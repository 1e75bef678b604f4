/// A validated apply graph: unique ids, known dependencies, no cycles. Internal to the walker.
struct ApplyGraph<ID: Hashable & Sendable & Comparable, Payload: Sendable>: Sendable {
    /// Nodes by id.
    let nodes: [ID: ApplyNode<ID, Payload>]
    /// Distinct dependencies of each node.
    let dependencies: [ID: Set<ID>]
    /// Nodes that depend directly on each node, sorted.
    let dependents: [ID: [ID]]

    /// Checks the graph; throws `GraphValidationError` listing every duplicate, unknown dependency and one cycle.
    init(validating list: [ApplyNode<ID, Payload>]) throws(GraphValidationError<ID>) {
        var nodes: [ID: ApplyNode<ID, Payload>] = [:]
        var duplicates: Set<ID> = []
        for node in list {
            if nodes[node.id] != nil { duplicates.insert(node.id) } else { nodes[node.id] = node }
        }
        var unknown: [GraphValidationError<ID>.UnknownDependency] = []
        var dependencies: [ID: Set<ID>] = [:]
        var dependents: [ID: [ID]] = [:]
        for id in nodes.keys.sorted() {
            var known: Set<ID> = []
            for dependency in nodes[id]?.dependencies ?? [] {
                if nodes[dependency] == nil {
                    unknown.append(.init(node: id, dependency: dependency))
                } else if known.insert(dependency).inserted {
                    dependents[dependency, default: []].append(id)
                }
            }
            dependencies[id] = known
        }
        let cycle = Self.findCycle(ids: nodes.keys.sorted(), dependencies: dependencies)
        guard duplicates.isEmpty, unknown.isEmpty, cycle == nil else {
            let sortedUnknown = Array(Set(unknown)).sorted { ($0.node, $0.dependency) < ($1.node, $1.dependency) }
            throw GraphValidationError(
                duplicateIDs: duplicates.sorted(), unknownDependencies: sortedUnknown, cycle: cycle)
        }
        self.nodes = nodes
        self.dependencies = dependencies
        self.dependents = dependents
    }

    /// Depth-first search in sorted order (iterative: deep chains must not overflow the stack).
    /// Returns the first cycle met, as a path from a node back to itself.
    private static func findCycle(ids: [ID], dependencies: [ID: Set<ID>]) -> [ID]? {
        var marks: [ID: CycleSearchMark] = [:]
        for root in ids where marks[root] == nil {
            // Each frame: a node and its sorted dependencies still to visit.
            var stack: [(id: ID, pending: [ID])] = [(root, (dependencies[root] ?? []).sorted().reversed())]
            marks[root] = .inProgress
            while let top = stack.last {
                guard let next = top.pending.last else {
                    marks[top.id] = .done
                    stack.removeLast()
                    continue
                }
                stack[stack.count - 1].pending.removeLast()
                switch marks[next] {
                case .done?:
                    continue
                case .inProgress?:
                    // `next` is on the current path: the cycle is the path from it to here, then back to it.
                    let path = stack.map(\.id)
                    let start = path.lastIndex(of: next) ?? 0
                    return Array(path[start...]) + [next]
                case nil:
                    marks[next] = .inProgress
                    stack.append((next, (dependencies[next] ?? []).sorted().reversed()))
                }
            }
        }
        return nil
    }
}

/// Depth-first search colouring: on the current path, or fully explored.
private enum CycleSearchMark { case inProgress, done }
