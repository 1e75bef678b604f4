import RillformPlan

/// Progress wording for one step of an apply. A step's action is the plan's own ``Action``: a rename or role change
/// is `.update`; a replacement is a `.delete` step and a `.create` step; issuing a token is `.create`, revoking one
/// `.delete`. No-op changes never become steps.
extension Action {
    /// `Creating...`, `Modifying...`, `Destroying...`
    public var progressing: String {
        switch self {
        case .create: "Creating..."
        case .update, .noOp: "Modifying..."
        case .delete: "Destroying..."
        }
    }

    /// `Creation`, `Modifications`, `Destruction`: the noun before `complete after 0.4s`.
    public var completedNoun: String {
        switch self {
        case .create: "Creation"
        case .update, .noOp: "Modifications"
        case .delete: "Destruction"
        }
    }

    /// `Creation`, `Modification`, `Destruction`: the noun before `failed: reason`.
    public var failedNoun: String {
        switch self {
        case .create: "Creation"
        case .update, .noOp: "Modification"
        case .delete: "Destruction"
        }
    }
}
