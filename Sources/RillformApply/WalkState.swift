/// The scheduling state of one walk, owned by the walker's loop (never shared between tasks).
///
/// Ready nodes are kept per lane (see `GraphWalker.laneWidth`), each lane sorted by id; the next node to start is
/// the lowest ready id among lanes with room, so without lanes (one lane) it is simply the lowest ready id.
struct WalkState<ID: Hashable & Sendable & Comparable, Payload: Sendable> {
    let graph: ApplyGraph<ID, Payload>
    /// Dependencies not yet succeeded, per node still waiting.
    private var waitingOn: [ID: Int]
    /// The lane of every node (all `""` without lanes).
    private let laneOf: [ID: String]
    /// Nodes whose dependencies all succeeded and that have not started, per lane, sorted.
    private var readyByLane: [String: [ID]] = [:]
    /// Nodes executing, per lane.
    private var runningByLane: [String: Int] = [:]
    private(set) var running = 0
    var results: [ID: NodeResult<ID>] = [:]
    private(set) var startOrder: [ID] = []
    var interrupted = false

    init(graph: ApplyGraph<ID, Payload>, lane: ((ApplyNode<ID, Payload>) -> String)? = nil) {
        self.graph = graph
        waitingOn = graph.dependencies.mapValues(\.count)
        laneOf = lane.map { lane in graph.nodes.mapValues { lane($0) } } ?? [:]
        for id in graph.dependencies.filter(\.value.isEmpty).keys.sorted() {
            readyByLane[laneOf[id] ?? "", default: []].append(id)
        }
    }

    /// Every ready node, sorted (for tests).
    var ready: [ID] { readyByLane.values.flatMap { $0 }.sorted() }

    /// The next node to start: the lowest ready id whose lane has fewer than `laneWidth` running.
    func next(laneWidth: Int) -> ID? {
        var best: ID?
        for (lane, ids) in readyByLane {
            guard let head = ids.first, runningByLane[lane, default: 0] < laneWidth else { continue }
            if best.map({ head < $0 }) ?? true { best = head }
        }
        return best
    }

    mutating func markStarted(_ id: ID) {
        let lane = laneOf[id] ?? ""
        if let index = readyByLane[lane]?.firstIndex(of: id) { readyByLane[lane]?.remove(at: index) }
        runningByLane[lane, default: 0] += 1
        running += 1
        startOrder.append(id)
    }

    /// Records a finished node. On success, releases dependents whose last dependency this was; on failure, skips
    /// every not-yet-resolved transitive dependent and returns them (sorted) so each is reported once.
    mutating func record(_ completion: Completion<ID>) -> [(id: ID, result: NodeResult<ID>)] {
        results[completion.id] = completion.result
        runningByLane[laneOf[completion.id] ?? "", default: 1] -= 1
        running -= 1
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

    /// Binary-search insertion keeps each lane sorted without re-sorting.
    private mutating func insertReady(_ id: ID) {
        let lane = laneOf[id] ?? ""
        var ids = readyByLane[lane] ?? []
        readyByLane[lane] = nil  // keep the array uniquely referenced while inserting
        var low = 0
        var high = ids.count
        while low < high {
            let mid = (low + high) / 2
            if ids[mid] < id { low = mid + 1 } else { high = mid }
        }
        ids.insert(id, at: low)
        readyByLane[lane] = ids
    }
}
