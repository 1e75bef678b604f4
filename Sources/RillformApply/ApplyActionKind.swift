/// What a node does to its resource, for progress wording and the final counts (Terraform's added/changed/destroyed).
/// The caller maps its plan actions: a rename or role change is `.update`; a replacement is a `.delete` node and a
/// `.create` node; issuing a token is `.create`, revoking one `.delete`.
public enum ApplyActionKind: String, Sendable, Hashable, Codable, CaseIterable {
    /// Creates the resource (counted as added).
    case create
    /// Changes it in place, renames it, or changes its roles (counted as changed).
    case update
    /// Deletes it (counted as destroyed).
    case delete

    /// `Creating...`, `Modifying...`, `Destroying...`
    public var progressing: String {
        switch self {
        case .create: "Creating..."
        case .update: "Modifying..."
        case .delete: "Destroying..."
        }
    }

    /// `Creation`, `Modifications`, `Destruction`: the noun before `complete after 0.4s`.
    public var completedNoun: String {
        switch self {
        case .create: "Creation"
        case .update: "Modifications"
        case .delete: "Destruction"
        }
    }

    /// `Creation`, `Modification`, `Destruction`: the noun before `failed: reason`.
    public var failedNoun: String {
        switch self {
        case .create: "Creation"
        case .update: "Modification"
        case .delete: "Destruction"
        }
    }
}

/// How a node is named in progress output: its resource address and the kind of change.
public struct NodeLabel: Sendable, Hashable {
    /// Printed before the colon, e.g. `project.acme/sales`.
    public var address: String
    /// Decides the wording and which counter a success adds to.
    public var action: ApplyActionKind

    /// Creates a label.
    public init(address: String, action: ApplyActionKind) {
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
