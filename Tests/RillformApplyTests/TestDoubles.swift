import RillformApply
import RillformPlan
import Synchronization

/// Nodes in these tests use string ids and carry their own label as payload.
typealias TestNode = ApplyNode<String, NodeLabel>

func node(_ id: String, _ dependencies: [String] = [], action: Action = .create) -> TestNode {
    TestNode(id: id, dependencies: dependencies, payload: NodeLabel(address: id, action: action))
}

let describeByPayload: @Sendable (TestNode) -> NodeLabel = { $0.payload }

/// Captures everything written, for golden comparisons.
final class CapturedOutput: TextOutput {
    private let buffer = Mutex("")
    func write(_ text: String) { buffer.withLock { $0 += text } }
    var text: String { buffer.withLock { $0 } }
}

/// A clock that moves only when told to, so durations in tests are exact.
final class ManualClock: Clock {
    struct Instant: InstantProtocol {
        var offset: Duration
        func advanced(by duration: Duration) -> Instant { Instant(offset: offset + duration) }
        func duration(to other: Instant) -> Duration { other.offset - offset }
        static func < (lhs: Instant, rhs: Instant) -> Bool { lhs.offset < rhs.offset }
    }

    private let current = Mutex(Instant(offset: .zero))
    var now: Instant { current.withLock { $0 } }
    var minimumResolution: Duration { .nanoseconds(1) }
    func advance(by duration: Duration) { current.withLock { $0 = $0.advanced(by: duration) } }
    func sleep(until deadline: Instant, tolerance: Duration?) async throws {
        while now < deadline { try await Task.sleep(for: .milliseconds(1)) }
    }
}

/// Holds each executor call until the test opens that node's gate, and announces every arrival in `arrivals`,
/// so tests control completion order without sleeping. Cancellation opens a gate, so a broken walker makes a test
/// fail at its time limit instead of hanging the run.
final class NodeGates: Sendable {
    let arrivals: AsyncStream<String>
    private let arrivalsContinuation: AsyncStream<String>.Continuation
    private struct State {
        var waiting: [String: CheckedContinuation<Void, Never>] = [:]
        var opened: Set<String> = []
    }
    private let state = Mutex(State())

    init() {
        (arrivals, arrivalsContinuation) = AsyncStream.makeStream()
    }

    /// Announces `id`, then waits until `open(id)` or cancellation (returns at once if already opened).
    func pass(_ id: String) async {
        arrivalsContinuation.yield(id)
        await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                let alreadyOpen = state.withLock { state in
                    if state.opened.contains(id) { return true }
                    state.waiting[id] = continuation
                    return false
                }
                if alreadyOpen { continuation.resume() }
            }
        } onCancel: {
            open(id)
        }
    }

    func open(_ id: String) {
        let waiter = state.withLock { state in
            state.opened.insert(id)
            return state.waiting.removeValue(forKey: id)
        }
        waiter?.resume()
    }
}

/// An append-only event log shared by concurrent executors.
actor EventLog {
    enum Event: Hashable { case start(String), finish(String) }
    private(set) var events: [Event] = []
    func append(_ event: Event) { events.append(event) }
}

/// Tracks how many executors run at once.
actor ConcurrencyTracker {
    private var current = 0
    private(set) var maximum = 0
    func enter() {
        current += 1
        maximum = max(maximum, current)
    }
    func leave() { current -= 1 }
}

/// Lets callers through only once `target` of them have arrived (then stays open): forces the walker to reach its
/// bound before any node finishes. Cancellation opens it, so a broken walker fails at the time limit, not hangs.
final class SaturationBarrier: Sendable {
    private struct State {
        var arrived = 0
        var isOpen = false
        var waiting: [CheckedContinuation<Void, Never>] = []
    }
    private let target: Int
    private let state = Mutex(State())

    init(target: Int) { self.target = target }

    func arrive() async {
        await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                let proceed = state.withLock { state in
                    state.arrived += 1
                    if state.arrived >= target { state.isOpen = true }
                    if state.isOpen { return true }
                    state.waiting.append(continuation)
                    return false
                }
                if proceed { continuation.resume() }
                openIfReady()
            }
        } onCancel: {
            state.withLock { $0.isOpen = true }
            openIfReady()
        }
    }

    private func openIfReady() {
        let waiters = state.withLock { state in
            guard state.isOpen else { return [CheckedContinuation<Void, Never>]() }
            defer { state.waiting.removeAll() }
            return state.waiting
        }
        waiters.forEach { $0.resume() }
    }
}

/// Records every progress event, in order.
actor RecordingSink: ApplyProgressSink {
    enum Event: Hashable { case walkStarted([String]), started(String), finished(String, NodeResult<String>), walkFinished }
    private(set) var events: [Event] = []

    func walkStarted(_ nodes: [TestNode]) async { events.append(.walkStarted(nodes.map(\.id))) }
    func started(_ node: TestNode) async { events.append(.started(node.id)) }
    func finished(_ node: TestNode, result: NodeResult<String>) async { events.append(.finished(node.id, result)) }
    func walkFinished(_ report: ApplyReport<String>) async { events.append(.walkFinished) }

    /// How many `finished` events each node got.
    var finishedCounts: [String: Int] {
        events.reduce(into: [:]) { counts, event in
            if case .finished(let id, _) = event { counts[id, default: 0] += 1 }
        }
    }
}

struct Boom: Error, CustomStringConvertible {
    var description: String { "boom" }
}
