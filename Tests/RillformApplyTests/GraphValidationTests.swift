import RillformApply
import Testing

@Suite("GraphWalker validation")
struct GraphValidationTests {
    /// Runs the walker expecting a validation error; fails the test if any node ran or any progress was reported.
    func validationError(_ nodes: [TestNode]) async throws -> GraphValidationError<String> {
        let executed = EventLog()
        let sink = RecordingSink()
        do {
            _ = try await GraphWalker().run(nodes, progress: sink) { node in
                await executed.append(.start(node.id))
                return .done
            }
        } catch {
            #expect(await executed.events.isEmpty, "nothing may run when the graph is invalid")
            #expect(await sink.events.isEmpty)
            return error
        }
        Issue.record("expected a validation error")
        throw Boom()
    }

    @Test("a cycle is rejected before anything runs, and listed")
    func cycle() async throws {
        let error = try await validationError([node("a", ["b"]), node("b", ["c"]), node("c", ["a"]), node("d", ["a"])])
        #expect(error.cycle == ["a", "b", "c", "a"])
        #expect(error.description == "invalid apply graph: dependency cycle: a -> b -> c -> a")
    }

    @Test("a node depending on itself is a cycle")
    func selfCycle() async throws {
        let error = try await validationError([node("a"), node("b", ["b"])])
        #expect(error.cycle == ["b", "b"])
    }

    @Test("unknown dependencies and duplicate ids are all listed")
    func unknownAndDuplicates() async throws {
        let error = try await validationError([
            node("x", ["ghost", "ghost"]), node("a", ["phantom"]), node("a"), node("b", ["a"]),
        ])
        #expect(error.duplicateIDs == ["a"])
        #expect(error.unknownDependencies.map { "\($0.node)->\($0.dependency)" } == ["a->phantom", "x->ghost"])
        #expect(error.cycle == nil)
        #expect(error.description == "invalid apply graph: duplicate node id a; a depends on unknown node phantom; "
            + "x depends on unknown node ghost")
    }

    @Test("a diamond and repeated dependencies are not cycles")
    func diamondIsValid() async throws {
        let nodes = [node("a"), node("b", ["a", "a"]), node("c", ["a"]), node("d", ["b", "c"])]
        let report = try await GraphWalker().run(nodes) { _ in .done }
        #expect(report.isComplete)
        #expect(report.startOrder.last == "d")
    }

    @Test("an empty graph is complete")
    func emptyGraph() async throws {
        let report = try await GraphWalker().run([TestNode]()) { _ in .done }
        #expect(report.results.isEmpty)
        #expect(report.isComplete)
    }
}
