/// Labels for every node of a walk, looked up by id; unknown ids fall back to their description.
struct NodeLabels<ID: Hashable & Sendable & Comparable, Payload: Sendable>: Sendable {
    private var labels: [ID: NodeLabel] = [:]
    private let describe: @Sendable (ApplyNode<ID, Payload>) -> NodeLabel

    init(describe: @escaping @Sendable (ApplyNode<ID, Payload>) -> NodeLabel) {
        self.describe = describe
    }

    mutating func learn(_ nodes: [ApplyNode<ID, Payload>]) {
        for node in nodes { labels[node.id] = describe(node) }
    }

    mutating func label(of node: ApplyNode<ID, Payload>) -> NodeLabel {
        if let label = labels[node.id] { return label }
        let label = describe(node)
        labels[node.id] = label
        return label
    }

    func address(of id: ID) -> String { labels[id]?.address ?? "\(id)" }
}
