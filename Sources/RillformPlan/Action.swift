/// One step of a planned change, as in Terraform's JSON plan: a change carries an ordered array of them.
///
/// - `["create"]`, `["update"]`, `["delete"]`
/// - `["delete", "create"]`: replace (the API cannot change the resource in place)
/// - `["no-op"]`: nothing to do (such changes are counted in ``PlanSummary/unchanged``, not listed)
public enum Action: String, Sendable, Hashable, Codable, CaseIterable {
    case create
    case update
    case delete
    case noOp = "no-op"
}

/// What a change does as a whole, derived from its ``Action`` array.
public enum ChangeOperation: String, Sendable, Hashable, Codable, CaseIterable {
    case create, update, delete, replace, noOp = "no-op"

    /// The Terraform action array for this operation.
    public var actions: [Action] {
        switch self {
        case .create: [.create]
        case .update: [.update]
        case .delete: [.delete]
        case .replace: [.delete, .create]
        case .noOp: [.noOp]
        }
    }

    /// Reads an action array back; `nil` for arrays rillform never writes (e.g. create-before-destroy).
    public init?(actions: [Action]) {
        guard let match = ChangeOperation.allCases.first(where: { $0.actions == actions }) else { return nil }
        self = match
    }
}
