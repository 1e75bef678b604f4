import RillformApply
import Testing

@Suite("GraphWalker parallelism bound")
struct GraphWalkerParallelismTests {
    @Test("never more than N executors at once, and the bound is reached", .timeLimit(.minutes(1)), arguments: [1, 3, 10])
    func boundIsRespectedAndSaturated(parallelism: Int) async throws {
        // 40 independent nodes plus a chain hanging off them: far wider than any bound tested.
        var nodes = (0..<40).map { node("w\($0 < 10 ? "0" : "")\($0)") }
        nodes += (0..<10).map { node("z\($0)", ["w0\($0)"]) }
        let tracker = ConcurrencyTracker()
        let barrier = SaturationBarrier(target: parallelism)
        let report = try await GraphWalker(parallelism: parallelism).run(nodes) { _ in
            await tracker.enter()
            // Nobody finishes before `parallelism` executors are in flight; an unbounded walker would then overshoot.
            await barrier.arrive()
            await Task.yield()
            await tracker.leave()
            return .done
        }
        #expect(report.counts.succeeded == 50)
        #expect(await tracker.maximum == parallelism)
    }

    @Test("parallelism below 1 is treated as 1")
    func parallelismClamped() {
        #expect(GraphWalker(parallelism: 0).parallelism == 1)
        #expect(GraphWalker().parallelism == 10)
    }
}
