/// How one node of an apply ended.
public enum NodeResult<ID: Hashable & Sendable & Comparable>: Sendable, Hashable {
    /// The executor returned normally after `duration`; `detail` is the executor's non-secret note.
    case succeeded(duration: Duration, detail: String?)
    /// The executor threw; `error` is the error's description (executors must keep secrets out of their errors).
    case failed(error: String, duration: Duration)
    /// Not run because `becauseOf` failed: the root cause, not the nearest failed or skipped dependency.
    case skipped(becauseOf: ID)
    /// Not run because the apply was interrupted (task cancelled or a graceful stop requested) first.
    case notStarted

    /// True for `.succeeded`.
    public var isSuccess: Bool {
        if case .succeeded = self { return true }
        return false
    }

    /// The executor's running time, for nodes that ran.
    public var duration: Duration? {
        switch self {
        case .succeeded(let duration, _), .failed(_, let duration): duration
        case .skipped, .notStarted: nil
        }
    }
}
