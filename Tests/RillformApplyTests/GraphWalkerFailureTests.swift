import RillformApply
import Testing

@Suite("GraphWalker failures")
struct GraphWalkerFailureTests {
    @Test("dependents of a failure are skipped with the root cause; independent branches finish")
    func skipsDependentsKeepsIndependentBranches() async throws {
        let nodes = [
            node("a"), node("b", ["a"]), node("c", ["b"]), node("d", ["a", "e"]), node("e"), node("f"), node("g", ["f"]),
        ]
        let sink = RecordingSink()
        let executed = EventLog()
        let report = try await GraphWalker(parallelism: 2).run(nodes, progress: sink) { node in
            await executed.append(.start(node.id))
            if node.id == "a" { throw Boom() }
            return .done
        }
        #expect(report.results["a"] == .failed(error: "boom", duration: try #require(report.results["a"]?.duration)))
        #expect(report.results["b"] == .skipped(becauseOf: "a"))
        #expect(report.results["c"] == .skipped(becauseOf: "a"), "transitive dependents name the root cause")
        #expect(report.results["d"] == .skipped(becauseOf: "a"))
        for id in ["e", "f", "g"] { #expect(report.results[id]?.isSuccess == true) }
        #expect(Set(await executed.events) == [.start("a"), .start("e"), .start("f"), .start("g")])
        #expect(report.counts == ApplyReport<String>.Counts(succeeded: 3, failed: 1, skipped: 3, notStarted: 0))
        #expect(report.failedIDs == ["a"])
        #expect(report.skippedIDs == ["b", "c", "d"])
        #expect(!report.isComplete)
        #expect(report.exitStatus == .error)
        #expect(await sink.finishedCounts == ["a": 1, "b": 1, "c": 1, "d": 1, "e": 1, "f": 1, "g": 1])
    }

    @Test("a node below two failures is skipped once, for the first failure")
    func skippedOnceForFirstFailure() async throws {
        let nodes = [node("x"), node("y"), node("z", ["x", "y"])]
        let sink = RecordingSink()
        let report = try await GraphWalker(parallelism: 1).run(nodes, progress: sink) { node in
            throw Boom()
        }
        #expect(report.results["z"] == .skipped(becauseOf: "x"))
        #expect(report.failedIDs == ["x", "y"])
        #expect(await sink.finishedCounts["z"] == 1)
        let events = await sink.events
        #expect(events.first == .walkStarted(["x", "y", "z"]))
        #expect(events.last == .walkFinished)
        #expect(!events.contains(.started("z")))
    }
}
