/// One vertex of an apply graph: an action to execute once every node in `dependencies` has succeeded.
///
/// The engine is generic so it does not care what a node does: the caller chooses the identifier type
/// (sorted to make the start order deterministic) and the payload (what the executor needs to act).
public struct ApplyNode<ID: Hashable & Sendable & Comparable, Payload: Sendable>: Sendable {
    /// Unique within one graph.
    public var id: ID
    /// Nodes that must succeed before this one may start. Duplicates are harmless.
    public var dependencies: [ID]
    /// What the executor acts on.
    public var payload: Payload

    /// Creates a node.
    public init(id: ID, dependencies: [ID] = [], payload: Payload) {
        self.id = id
        self.dependencies = dependencies
        self.payload = payload
    }
}

extension ApplyNode: Equatable where Payload: Equatable {}
extension ApplyNode: Hashable where Payload: Hashable {}
