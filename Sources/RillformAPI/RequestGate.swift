import Synchronization

/// A FIFO async semaphore that bounds the requests in flight (`RillAdminClient.Options.maxConcurrentRequests`).
///
/// The resilience middleware takes a permit *after* the method's pacing wait and gives it back as soon as the
/// response body is read (before any retry backoff), so a request waiting for its method's pace, or backing off,
/// holds nothing another method needs. Waiters are served in arrival order; a cancelled waiter leaves the queue
/// and throws `CancellationError`. A permit is never held while taking another, so the gate cannot deadlock.
public final class RequestGate: Sendable {
    /// Most permits out at once.
    public let width: Int
    private let state: Mutex<State>

    public init(width: Int) {
        self.width = max(1, width)
        state = Mutex(State(available: max(1, width)))
    }

    /// Permits out right now (for tests and progress).
    public var inUse: Int { state.withLock { width - $0.available } }

    /// Callers queued for a permit right now.
    public var queued: Int { state.withLock { $0.waiters.count } }

    /// Waits for a permit; `release()` must follow exactly once.
    func acquire() async throws {
        let id = state.withLock { state -> UInt64? in
            if state.available > 0, state.waiters.isEmpty {
                state.available -= 1
                return nil
            }
            state.nextID += 1
            return state.nextID
        }
        guard let id else { return }
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                let outcome = state.withLock { state -> Result<Void, any Error>? in
                    if state.cancelled.remove(id) != nil { return .failure(CancellationError()) }
                    // A release may have come in between the first check and now.
                    if state.available > 0, state.waiters.isEmpty {
                        state.available -= 1
                        return .success(())
                    }
                    state.waiters.append(Waiter(id: id, continuation: continuation))
                    return nil
                }
                if let outcome { continuation.resume(with: outcome) }
            }
        } onCancel: {
            let waiter = state.withLock { state -> Waiter? in
                if let index = state.waiters.firstIndex(where: { $0.id == id }) {
                    return state.waiters.remove(at: index)
                }
                // Not queued yet: the registration above sees this and fails at once.
                state.cancelled.insert(id)
                return nil
            }
            waiter?.continuation.resume(throwing: CancellationError())
        }
    }

    /// Gives a permit back: to the longest waiter, if any.
    func release() {
        let next = state.withLock { state -> Waiter? in
            if state.waiters.isEmpty {
                state.available = min(width, state.available + 1)
                return nil
            }
            return state.waiters.removeFirst()
        }
        next?.continuation.resume()
    }

    /// Runs `body` holding a permit.
    func withPermit<T>(_ body: () async throws -> T) async throws -> T {
        try await acquire()
        do {
            let value = try await body()
            release()
            return value
        } catch {
            release()
            throw error
        }
    }

    private struct Waiter {
        let id: UInt64
        let continuation: CheckedContinuation<Void, any Error>
    }

    private struct State {
        var available: Int
        var waiters: [Waiter] = []
        var nextID: UInt64 = 0
        /// Waiters cancelled before they were queued.
        var cancelled: Set<UInt64> = []
    }
}
