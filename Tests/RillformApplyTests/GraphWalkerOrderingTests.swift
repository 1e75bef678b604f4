import RillformApply
import Testing

@Suite("GraphWalker ordering")
struct GraphWalkerOrderingTests {
    /// A fixed pseudo-random DAG: node i depends on a few earlier nodes.
    static func randomDAG(count: Int, seed: UInt64) -> [TestNode] {
        var state = seed
        func next() -> UInt64 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return state >> 33
        }
        let ids = (0..<count).map { "n" + String(repeating: "0", count: $0 < 10 ? 1 : 0) + "\($0)" }
        return (0..<count).map { index in
            let dependencies = index == 0 ? [] : (0..<Int(next() % 4)).map { _ in ids[Int(next() % UInt64(index))] }
            return node(ids[index], dependencies)
        }.shuffled()
    }

    @Test("every node starts only after all of its dependencies finished")
    func respectsDependencies() async throws {
        let nodes = Self.randomDAG(count: 60, seed: 42)
        let log = EventLog()
        let report = try await GraphWalker(parallelism: 4).run(nodes) { node in
            await log.append(.start(node.id))
            await Task.yield()
            await log.append(.finish(node.id))
            return .done
        }
        let events = await log.events
        #expect(events.count == 120)
        #expect(report.counts.succeeded == 60)
        for node in nodes {
            let start = try #require(events.firstIndex(of: .start(node.id)))
            for dependency in node.dependencies {
                let finish = try #require(events.firstIndex(of: .finish(dependency)))
                #expect(finish < start, "\(node.id) started before its dependency \(dependency) finished")
            }
        }
        #expect(Set(report.startOrder) == Set(nodes.map(\.id)))
    }

    @Test("ready nodes start in id order, and a newly ready lower id goes before older ready ones")
    func deterministicStartOrder() async throws {
        // Parallelism 1: b and c are ready at first; a becomes ready when b finishes and sorts before c.
        let nodes = [node("c"), node("a", ["b"]), node("b")]
        let report = try await GraphWalker(parallelism: 1).run(nodes) { _ in .done }
        #expect(report.startOrder == ["b", "a", "c"])
        let again = try await GraphWalker(parallelism: 1).run(nodes.reversed()) { _ in .done }
        #expect(again.startOrder == ["b", "a", "c"])
    }

    @Test("a node starts as soon as its own dependencies finish, while an unrelated slow node still runs",
          .timeLimit(.minutes(1)))
    func noLevelBarriers() async throws {
        // Levels would be {a-slow, b} then {c}: a level-by-level walker could not start c before a-slow finishes.
        let gates = NodeGates()
        let sink = RecordingSink()
        let nodes = [node("a-slow"), node("b"), node("c", ["b"])]
        async let walk = GraphWalker(parallelism: 4).run(nodes, progress: sink) { node in
            await gates.pass(node.id)
            return .done
        }
        var arrivals = gates.arrivals.makeAsyncIterator()
        let firstTwo: Set<String?> = [await arrivals.next(), await arrivals.next()]
        #expect(firstTwo == ["a-slow", "b"])
        gates.open("b")
        // a-slow's gate is still closed: c can only arrive here if the walker does not wait for a-slow.
        #expect(await arrivals.next() == "c")
        gates.open("c")
        gates.open("a-slow")
        let report = try await walk
        #expect(report.isComplete)
        let events = await sink.events
        let cStarted = try #require(events.firstIndex(of: .started("c")))
        let slowFinished = try #require(events.firstIndex { if case .finished("a-slow", _) = $0 { true } else { false } })
        #expect(cStarted < slowFinished)
    }

    @Test("durations come from the injected clock")
    func durationsFromInjectedClock() async throws {
        let clock = ManualClock()
        let nodes = [node("a"), node("b", ["a"], action: .update)]
        let output = CapturedOutput()
        let sink = LineProgressSink<String, NodeLabel>(output: output, describe: describeByPayload)
        let report = try await GraphWalker(parallelism: 1, clock: clock).run(nodes, progress: sink) { node in
            clock.advance(by: node.id == "a" ? .milliseconds(400) : .milliseconds(1_500))
            return CompletionNote(detail: node.id == "a" ? "id=p-1" : nil)
        }
        #expect(report.results["a"] == .succeeded(duration: .milliseconds(400), detail: "id=p-1"))
        #expect(report.results["b"] == .succeeded(duration: .milliseconds(1_500), detail: nil))
        #expect(output.text == """
            a: Creating...
            a: Creation complete after 0.4s [id=p-1]
            b: Modifying...
            b: Modifications complete after 1.5s

            """)
    }
}
