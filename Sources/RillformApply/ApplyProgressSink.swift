/// Receives the events of one apply walk, in order, from the walker's single scheduling loop:
/// `walkStarted` once, then for each node `started` before its `finished` (skipped and not-started nodes only get
/// `finished`), then `walkFinished` once. Events are awaited, so a slow sink slows scheduling: keep them cheap.
public protocol ApplyProgressSink<ID, Payload>: Sendable {
    /// The node identifier type of the graphs this sink reports on.
    associatedtype ID: Hashable & Sendable & Comparable
    /// The node payload type of the graphs this sink reports on.
    associatedtype Payload: Sendable

    /// The graph passed validation and is about to run; `nodes` is every node, sorted by id.
    func walkStarted(_ nodes: [ApplyNode<ID, Payload>]) async
    /// `node` was handed to the executor.
    func started(_ node: ApplyNode<ID, Payload>) async
    /// `node` ended; the result carries the duration for nodes that ran. Sent exactly once per node.
    func finished(_ node: ApplyNode<ID, Payload>, result: NodeResult<ID>) async
    /// Every node has a result.
    func walkFinished(_ report: ApplyReport<ID>) async
    /// Called about once a second while the walk runs (by `PlanApplier`), for output that changes without events,
    /// such as rate-limit pacing. Ignored after `walkFinished`.
    func tick() async
}

extension ApplyProgressSink {
    /// Default: nothing to do.
    public func tick() async {}
    /// Default: nothing to do.
    public func walkStarted(_ nodes: [ApplyNode<ID, Payload>]) async {}
    /// Default: nothing to do.
    public func walkFinished(_ report: ApplyReport<ID>) async {}
}

/// A sink that ignores every event, for callers that want no progress output.
public struct SilentProgressSink<ID: Hashable & Sendable & Comparable, Payload: Sendable>: ApplyProgressSink {
    /// Creates a silent sink.
    public init() {}
    /// Ignored.
    public func started(_ node: ApplyNode<ID, Payload>) async {}
    /// Ignored.
    public func finished(_ node: ApplyNode<ID, Payload>, result: NodeResult<ID>) async {}
}
