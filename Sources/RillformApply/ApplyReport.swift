import RillformModel

/// The result of walking an apply graph: one `NodeResult` for every node, whatever happened.
public struct ApplyReport<ID: Hashable & Sendable & Comparable>: Sendable, Hashable {
    /// One entry per node of the graph.
    public var results: [ID: NodeResult<ID>]
    /// The order in which nodes were started (handed to the executor).
    public var startOrder: [ID]
    /// True when the walk stopped early because the task was cancelled or a graceful stop was requested.
    public var wasInterrupted: Bool

    /// Creates a report.
    public init(results: [ID: NodeResult<ID>], startOrder: [ID] = [], wasInterrupted: Bool = false) {
        self.results = results
        self.startOrder = startOrder
        self.wasInterrupted = wasInterrupted
    }

    /// One node and its result, for sorted iteration.
    public struct Entry: Sendable, Hashable {
        /// The node's identifier.
        public var id: ID
        /// How it ended.
        public var result: NodeResult<ID>
    }

    /// How many nodes ended in each way.
    public struct Counts: Sendable, Hashable {
        /// Nodes whose executor returned normally.
        public var succeeded = 0
        /// Nodes whose executor threw.
        public var failed = 0
        /// Nodes skipped because a dependency failed.
        public var skipped = 0
        /// Nodes never started because the apply was interrupted.
        public var notStarted = 0
        /// All nodes.
        public var total: Int { succeeded + failed + skipped + notStarted }

        /// Creates counts.
        public init(succeeded: Int = 0, failed: Int = 0, skipped: Int = 0, notStarted: Int = 0) {
            self.succeeded = succeeded
            self.failed = failed
            self.skipped = skipped
            self.notStarted = notStarted
        }
    }

    /// Every node with its result, sorted by identifier: deterministic output.
    public var sortedEntries: [Entry] {
        results.keys.sorted().compactMap { id in results[id].map { Entry(id: id, result: $0) } }
    }

    /// Counts by outcome.
    public var counts: Counts {
        var counts = Counts()
        for result in results.values {
            switch result {
            case .succeeded: counts.succeeded += 1
            case .failed: counts.failed += 1
            case .skipped: counts.skipped += 1
            case .notStarted: counts.notStarted += 1
            }
        }
        return counts
    }

    /// Sorted identifiers of the nodes that failed.
    public var failedIDs: [ID] { sortedEntries.filter { if case .failed = $0.result { true } else { false } }.map(\.id) }
    /// Sorted identifiers of the nodes that were skipped.
    public var skippedIDs: [ID] { sortedEntries.filter { if case .skipped = $0.result { true } else { false } }.map(\.id) }
    /// Sorted identifiers of the nodes that never started.
    public var notStartedIDs: [ID] { sortedEntries.filter { $0.result == .notStarted }.map(\.id) }

    /// True when every node succeeded.
    public var isComplete: Bool { results.values.allSatisfy(\.isSuccess) }

    /// `.success` when every node succeeded, otherwise `.error` (a partial apply is a failed apply).
    public var exitStatus: ExitStatus { isComplete ? .success : .error }
}
