/// Executes an apply graph the way Terraform walks its DAG: each node starts as soon as its own dependencies have
/// succeeded (no level-by-level barriers), at most `parallelism` at once, ready nodes started in id order.
///
/// - Optionally, nodes are grouped in lanes (`run(_:lane:…)`, e.g. one per API method) and at most `laneWidth` of
///   one lane run at once: nodes that wait on one method's rate limit then fill only their own lane and never
///   keep another method's nodes from starting. `parallelism` still bounds all nodes together.
/// - A failed node does not stop independent branches; its transitive dependents are skipped, each reported once
///   with the failed root cause.
/// - The graph is validated first (duplicate ids, unknown dependencies, cycles); nothing runs if it is invalid.
/// - If the surrounding task is cancelled, or `stop` is requested, no new node starts; in-flight nodes finish and
///   are recorded; the rest are reported as `.notStarted`. Task cancellation also reaches in-flight executors (as
///   Swift always does); `GracefulStop` does not.
public struct GraphWalker: Sendable {
    /// Most nodes executing at once (at least 1).
    public let parallelism: Int
    /// Most nodes of one lane executing at once (at least 1); only used when `run` is given lanes.
    public let laneWidth: Int
    /// Measures each executor call.
    public let clock: any Clock<Duration>

    /// Creates a walker. `parallelism` and `laneWidth` below 1 are treated as 1 (`laneWidth` defaults to
    /// `parallelism`); durations are measured with `clock`.
    public init(parallelism: Int = 10, laneWidth: Int? = nil, clock: any Clock<Duration> = ContinuousClock()) {
        self.parallelism = max(1, parallelism)
        self.laneWidth = max(1, laneWidth ?? parallelism)
        self.clock = clock
    }

    /// Walks `nodes`, calling `execute` for each node whose dependencies all succeeded.
    ///
    /// - Parameters:
    ///   - nodes: the graph; order does not matter.
    ///   - lane: the lane of a node (at most `laneWidth` per lane run at once); `nil` for one lane.
    ///   - progress: receives start and finish events (see `ApplyProgressSink`).
    ///   - stop: optional graceful-stop handle, checked before each node starts.
    ///   - execute: performs one node; throwing marks it failed and skips its dependents.
    /// - Returns: a result for every node.
    /// - Throws: `GraphValidationError` before anything runs when the graph is invalid; nothing else.
    public func run<ID: Hashable & Sendable & Comparable, Payload: Sendable>(
        _ nodes: [ApplyNode<ID, Payload>],
        lane: ((ApplyNode<ID, Payload>) -> String)? = nil,
        progress: some ApplyProgressSink<ID, Payload>,
        stop: GracefulStop? = nil,
        execute: @escaping @Sendable (ApplyNode<ID, Payload>) async throws -> CompletionNote
    ) async throws(GraphValidationError<ID>) -> ApplyReport<ID> {
        let graph = try ApplyGraph(validating: nodes)
        var state = WalkState(graph: graph, lane: lane)
        await progress.walkStarted(graph.nodes.keys.sorted().compactMap { graph.nodes[$0] })

        let clock = self.clock
        let parallelism = self.parallelism
        let laneWidth = lane == nil ? parallelism : self.laneWidth
        await withTaskGroup(of: Completion<ID>.self) { group in
            while true {
                // Start ready nodes, lowest id first, while there is room and no interruption.
                while state.running < parallelism, let id = state.next(laneWidth: laneWidth) {
                    if Task.isCancelled || stop?.isRequested == true {
                        state.interrupted = true
                        break
                    }
                    guard let node = graph.nodes[id] else { break }
                    state.markStarted(id)
                    await progress.started(node)
                    group.addTask {
                        await Self.perform(node, clock: clock, execute: execute)
                    }
                }
                guard let completion = await group.next() else { break }
                if let node = graph.nodes[completion.id] {
                    await progress.finished(node, result: completion.result)
                }
                for skipped in state.record(completion) {
                    if let node = graph.nodes[skipped.id] {
                        await progress.finished(node, result: skipped.result)
                    }
                }
            }
        }
        // Anything still without a result was never started: the walk was interrupted.
        for id in graph.nodes.keys.sorted() where state.results[id] == nil {
            state.interrupted = true
            state.results[id] = .notStarted
            if let node = graph.nodes[id] {
                await progress.finished(node, result: .notStarted)
            }
        }
        let report = ApplyReport(results: state.results, startOrder: state.startOrder, wasInterrupted: state.interrupted)
        await progress.walkFinished(report)
        return report
    }

    /// Walks `nodes` without progress output; see `run(_:progress:stop:execute:)`.
    public func run<ID: Hashable & Sendable & Comparable, Payload: Sendable>(
        _ nodes: [ApplyNode<ID, Payload>],
        stop: GracefulStop? = nil,
        execute: @escaping @Sendable (ApplyNode<ID, Payload>) async throws -> CompletionNote
    ) async throws(GraphValidationError<ID>) -> ApplyReport<ID> {
        try await run(nodes, progress: SilentProgressSink<ID, Payload>(), stop: stop, execute: execute)
    }

    /// Runs the executor for one node and times it.
    private static func perform<ID, Payload>(
        _ node: ApplyNode<ID, Payload>, clock: any Clock<Duration>,
        execute: @Sendable (ApplyNode<ID, Payload>) async throws -> CompletionNote
    ) async -> Completion<ID> {
        let stopwatch = Stopwatch(clock)
        do {
            let outcome = try await execute(node)
            return Completion(id: node.id, result: .succeeded(duration: stopwatch.elapsed(), detail: outcome.detail))
        } catch is CancellationError {
            return Completion(id: node.id, result: .failed(error: "interrupted before completion", duration: stopwatch.elapsed()))
        } catch {
            return Completion(id: node.id, result: .failed(error: "\(error)", duration: stopwatch.elapsed()))
        }
    }
}

/// A finished executor call, sent from a child task back to the scheduling loop.
struct Completion<ID: Hashable & Sendable & Comparable>: Sendable {
    let id: ID
    let result: NodeResult<ID>
}

/// Reads a clock at creation and on demand; opens the existential clock once so its instants stay typed.
struct Stopwatch: Sendable {
    private let read: @Sendable () -> Duration

    init(_ clock: any Clock<Duration>) {
        read = Self.start(clock)
    }

    private static func start<C: Clock<Duration>>(_ clock: C) -> @Sendable () -> Duration {
        let start = clock.now
        return { start.duration(to: clock.now) }
    }

    func elapsed() -> Duration { read() }
}
