import RillformApply
import Testing

@Suite("GraphWalker interruption")
struct GraphWalkerCancellationTests {
    /// a and b start (parallelism 2, id order); c waits on a; d waits for room.
    static let nodes = [node("a"), node("b"), node("c", ["a"]), node("d")]

    @Test("task cancellation: in-flight nodes finish and are recorded, the rest are not started",
          .timeLimit(.minutes(1)))
    func cancellation() async throws {
        let gates = NodeGates()
        let sink = RecordingSink()
        let walk = Task {
            try await GraphWalker(parallelism: 2).run(Self.nodes, progress: sink) { node in
                await gates.pass(node.id)
                return .done
            }
        }
        var arrivals = gates.arrivals.makeAsyncIterator()
        let started: Set<String?> = [await arrivals.next(), await arrivals.next()]
        #expect(started == ["a", "b"])
        // Cancellation reaches the in-flight executors (the gates let them through); the walker still waits for
        // them and records their results instead of abandoning them.
        walk.cancel()
        let report = try await walk.value
        #expect(report.results["a"]?.isSuccess == true)
        #expect(report.results["b"]?.isSuccess == true)
        #expect(report.results["c"] == .notStarted)
        #expect(report.results["d"] == .notStarted)
        #expect(report.wasInterrupted)
        #expect(report.notStartedIDs == ["c", "d"])
        #expect(report.exitStatus == .error)
        #expect(report.startOrder == ["a", "b"])
        #expect(await sink.finishedCounts == ["a": 1, "b": 1, "c": 1, "d": 1])
    }

    @Test("graceful stop: in-flight executors finish without seeing cancellation", .timeLimit(.minutes(1)))
    func gracefulStop() async throws {
        let gates = NodeGates()
        let stop = GracefulStop()
        let sawCancellation = EventLog()
        async let walk = GraphWalker(parallelism: 2).run(Self.nodes, stop: stop) { node in
            await gates.pass(node.id)
            if Task.isCancelled { await sawCancellation.append(.finish(node.id)) }
            return .done
        }
        var arrivals = gates.arrivals.makeAsyncIterator()
        _ = await arrivals.next()
        _ = await arrivals.next()
        stop.request()
        gates.open("a")
        gates.open("b")
        let report = try await walk
        #expect(report.counts == ApplyReport<String>.Counts(succeeded: 2, failed: 0, skipped: 0, notStarted: 2))
        #expect(report.wasInterrupted)
        #expect(await sawCancellation.events.isEmpty)
    }

    @Test("a walk that is not interrupted is not marked interrupted")
    func notInterrupted() async throws {
        let report = try await GraphWalker(parallelism: 2).run(Self.nodes) { _ in .done }
        #expect(!report.wasInterrupted)
        #expect(report.exitStatus == .success)
    }
}
