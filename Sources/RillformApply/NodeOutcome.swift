/// What an executor returns for a node that succeeded.
public struct NodeOutcome: Sendable, Hashable {
    /// A short, non-secret note shown after the completion line, e.g. `id=4f2c…` (Terraform's `[id=…]`).
    /// Never put a token or other secret here: it is printed.
    public var detail: String?

    /// Creates an outcome.
    public init(detail: String? = nil) {
        self.detail = detail
    }

    /// Success with nothing further to say.
    public static let done = NodeOutcome()
}
