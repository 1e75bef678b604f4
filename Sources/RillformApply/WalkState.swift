/// The scheduling state of one walk, owned by the walker's loop (never shared between tasks).
struct WalkState<ID: Hashable & Sendable & Comparable, Payload: Sendable> {
    let graph: ApplyGraph<ID, Payload>
    /// Dependencies not yet succeeded, per node still waiting.
    private var waitingOn: [ID: Int]
    /// Nodes whose dependencies all succeeded and that have not started, kept sorted (lowest id starts first).
    private(set) var ready: [ID]
    var results: [ID: NodeResult<ID>] = [:]
    private(set) var startOrder: [ID] = []
    var interrupted = false

    init(graph: ApplyGraph<ID, Payload>) {
        self.graph = graph
        waitingOn = graph.dependencies.mapValues(\.count)
        ready = graph.dependencies.filter(\.value.isEmpty).keys.sorted()
    }

    mutating func markStarted(_ id: ID) {
        if let index = ready.firstIndex(of: id) { ready.remove(at: index) }
        startOrder.append(id)
    }

    /// Records a finished node. On success, releases dependents whose last dependency this was; on failure, skips
    /// every not-yet-resolved transitive dependent and returns them (sorted) so each is reported once.
    mutating func record(_ completion: Completion<ID>) -> [(id: ID, result: NodeResult<ID>)] {
        results[completion.id] = completion.result
        if completion.result.isSuccess {
            for dependent in graph.dependents[completion.id] ?? [] {
                guard results[dependent] == nil, let remaining = waitingOn[dependent] else { continue }
                waitingOn[dependent] = remaining - 1
                if remaining == 1 { insertReady(dependent) }
            }
            return []
        }
        var skipped: [ID] = []
        var queue = graph.dependents[completion.id] ?? []
        while let next = queue.popLast() {
            // Already resolved: skipped earlier (its root cause stays the first failure) or somehow finished.
            guard results[next] == nil else { continue }
            results[next] = .skipped(becauseOf: completion.id)
            skipped.append(next)
            queue.append(contentsOf: graph.dependents[next] ?? [])
        }
        return skipped.sorted().map { ($0, .skipped(becauseOf: completion.id)) }
    }

    /// Binary-search insertion keeps `ready` sorted without re-sorting.
    private mutating func insertReady(_ id: ID) {
        var low = 0
        var high = ready.count
        while low < high {
            let mid = (low + high) / 2
            if ready[mid] < id { low = mid + 1 } else { high = mid }
        }
        ready.insert(id, at: low)
    }
}
