import Synchronization

/// A request to stop an apply gracefully: start no new nodes, let in-flight ones finish, report the rest as not
/// started. Unlike cancelling the task, in-flight executors are not cancelled, so an HTTP request already sent is
/// not abandoned halfway. Trigger it from a SIGINT handler; cancel the task on a second SIGINT.
public final class GracefulStop: Sendable {
    private let requested = Mutex(false)

    /// Creates a stop handle that has not been triggered.
    public init() {}

    /// Asks the walk to stop starting nodes. Safe to call from any thread, any number of times.
    public func request() {
        requested.withLock { $0 = true }
    }

    /// True once `request()` has been called.
    public var isRequested: Bool {
        requested.withLock { $0 }
    }
}
