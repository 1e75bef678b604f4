import RillformPlan

/// How a node is named in progress output: its resource address and the kind of change.
public struct NodeLabel: Sendable, Hashable {
    /// Printed before the colon, e.g. `project.acme/sales`.
    public var address: String
    /// Decides the wording and which counter a success adds to.
    public var action: Action

    /// Creates a label.
    public init(address: String, action: Action) {
        self.address = address
        self.action = action
    }
}

extension NodeLabel {
    /// Labels of `nodes` by id, as `ApplySummary` takes them.
    public static func table<ID: Hashable & Sendable & Comparable, Payload: Sendable>(
        _ nodes: [ApplyNode<ID, Payload>], describe: (ApplyNode<ID, Payload>) -> NodeLabel
    ) -> [ID: NodeLabel] {
        Dictionary(nodes.map { ($0.id, describe($0)) }, uniquingKeysWith: { first, _ in first })
    }
}
