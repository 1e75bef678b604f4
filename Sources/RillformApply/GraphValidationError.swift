/// Why an apply graph was rejected before anything ran. Lists every problem found, not only the first.
public struct GraphValidationError<ID: Hashable & Sendable & Comparable>: Error, Sendable, Hashable,
    CustomStringConvertible
{
    /// A dependency on an identifier that is not a node of the graph.
    public struct UnknownDependency: Sendable, Hashable {
        /// The node that names the dependency.
        public var node: ID
        /// The identifier that matches no node.
        public var dependency: ID
    }

    /// Identifiers used by more than one node, sorted.
    public var duplicateIDs: [ID]
    /// Dependencies on identifiers that are not in the graph, sorted by node then dependency.
    public var unknownDependencies: [UnknownDependency]
    /// One dependency cycle, as a path that ends where it starts (`[a, b, a]`: a needs b, b needs a); `nil` if none.
    public var cycle: [ID]?

    /// `dependency cycle: a -> b -> a` and the other problems, one per line.
    public var description: String {
        var lines: [String] = []
        for id in duplicateIDs {
            lines.append("duplicate node id \(id)")
        }
        for unknown in unknownDependencies {
            lines.append("\(unknown.node) depends on unknown node \(unknown.dependency)")
        }
        if let cycle {
            lines.append("dependency cycle: " + cycle.map { "\($0)" }.joined(separator: " -> "))
        }
        return "invalid apply graph: " + lines.joined(separator: "; ")
    }
}
