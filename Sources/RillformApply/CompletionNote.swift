/// What an executor returns for a step that succeeded: a short, non-secret note shown after the completion line,
/// e.g. `id=4f2c…` (Terraform's `[id=…]`). Never put a token or other secret here: it is printed.
public struct CompletionNote: Sendable, Hashable {
    public var detail: String?

    /// Creates a note.
    public init(detail: String? = nil) {
        self.detail = detail
    }

    /// Success with nothing further to say.
    public static let done = CompletionNote()
}
