import RillformAPI
import Synchronization
import Testing
@testable import RillformApply

/// A settable API clock: time moves only when the test says.
final class SteppedAPIClock: APIClock {
    private let current = Mutex(Duration.zero)
    func now() -> Duration { current.withLock { $0 } }
    func set(_ instant: Duration) { current.withLock { $0 = instant } }
    func sleep(for duration: Duration) async throws { try Task.checkCancellation() }
}

/// A pacer snapshot the test changes between ticks.
final class SnapshotBox: Sendable {
    private let value = Mutex(PacingSnapshot(methods: [:]))
    func set(_ snapshot: PacingSnapshot) { value.withLock { $0 = snapshot } }
    func get() -> PacingSnapshot { value.withLock { $0 } }
}

@Suite struct PacingProgressTests {
    static let create = "AdminService_CreateService"
    static let role = "AdminService_SetProjectMemberServiceRole"
    static let rill = RateLimit.perMinute(180)

    /// 340 of 400 service creates made with 160 of them queued (54 s of queue), 100 of 400 role calls made with 80
    /// of the burst left.
    static let busy = PacingSnapshot(methods: [
        create: .init(calls: 340, limit: rill, waiting: 160, nextFree: .seconds(54), available: 0),
        role: .init(calls: 100, limit: rill, available: 80),
    ], configuration: .rill)
    static let expected = [create: 400, role: 400]

    @Test func statusCountsCallsSinceTheStartAndTheSlowestMethodsTimeLeft() throws {
        let baseline = PacingSnapshot(methods: [Self.create: .init(calls: 0, limit: Self.rill)], configuration: .rill)
        let status = PacingStatus(expected: Self.expected, baseline: baseline, now: Self.busy)
        #expect(status.callsDone == 440)
        #expect(status.callsExpected == 800)
        #expect(status.pacedMethod == Self.create)
        #expect(status.pacedWait == .seconds(54))
        #expect(status.pacedWaiting == 160)
        // Service creates: 54 s of queue, then the 59 calls after the next one at 3/s (19.7 s): 73.7 s. Role calls:
        // 300 left, 80 at once, 220 at 3/s: 73.3 s. The slower one counts.
        let remaining = try #require(status.remaining)
        let error = remaining - (.seconds(54) + .seconds(59) / 3)
        #expect(error < .milliseconds(1) && error > .milliseconds(-1))
        #expect(status.statusText == "about 440/800 calls, CreateService paced (queue 54s), about 1m14s left")
        #expect(status.lineText == "Progress: about 440 of 800 API calls made; 160 CreateService calls waiting for "
            + "the rate limit (queue 54s); about 1m14s left at the rate limits.")
    }

    @Test func callsMadeBeforeTheWalkAndMethodsNotCalledYetAreCountedRight() {
        // 5 reads before the walk; 2,000 creates expected, none made: 180 go at once, 1,820 at 3/s.
        let before = PacingSnapshot(methods: [Self.create: .init(calls: 5, limit: Self.rill)], configuration: .rill)
        let status = PacingStatus(expected: [Self.role: 2000], baseline: before, now: before)
        #expect(status.callsDone == 0)
        #expect(status.callsExpected == 2000)
        #expect(!status.isPacing)
        #expect(status.remaining == .seconds(1) / 3 * 1820)
        #expect(status.statusText == "about 0/2,000 calls, about 10m7s left")
    }

    @Test func withoutPacingThereIsNoTimeLeftToShow() {
        let snapshot = PacingSnapshot(methods: [Self.create: .init(calls: 12)])
        let status = PacingStatus(expected: [Self.create: 10], baseline: PacingSnapshot(methods: [:]), now: snapshot)
        #expect(status.remaining == nil)
        #expect(status.callsExpected == 12)  // retries made it more than expected
        #expect(status.lineText == "Progress: about 12 of 12 API calls made.")
    }

    @Test(arguments: [
        (Duration.zero, "0s"), (.milliseconds(300), "1s"), (.seconds(45), "45s"), (.seconds(73), "1m13s"),
        (.seconds(3600), "1h0m0s"),
    ])
    func waitsRoundUpToWholeSeconds(duration: Duration, expected: String) {
        #expect(duration.applyWaitText == expected)
    }

    @Test func groupedThousands() {
        #expect(PacingStatus.grouped(0) == "0")
        #expect(PacingStatus.grouped(999) == "999")
        #expect(PacingStatus.grouped(1000) == "1,000")
        #expect(PacingStatus.grouped(1_234_567) == "1,234,567")
    }

    @Test func theLineSinkWritesAProgressLineEveryTenSecondsOnlyWhilePaced() async {
        let clock = SteppedAPIClock()
        let snapshots = SnapshotBox()
        let idle = PacingSnapshot(methods: [Self.create: .init(calls: 200, limit: Self.rill, available: 0)],
                                  configuration: .rill)
        snapshots.set(PacingSnapshot(methods: [:], configuration: .rill))
        let output = CapturedOutput()
        let sink = LineProgressSink<String, NodeLabel>(
            output: output, describe: describeByPayload,
            pacing: ApplyPacing(expectedCalls: Self.expected, snapshot: { snapshots.get() }, clock: clock))
        await sink.walkStarted([node("a")])
        snapshots.set(Self.busy)
        clock.set(.seconds(5))
        await sink.tick()  // too soon after the start
        #expect(output.text.isEmpty)
        clock.set(.seconds(10))
        await sink.tick()
        #expect(output.text == "Progress: about 440 of 800 API calls made; 160 CreateService calls waiting for the "
            + "rate limit (queue 54s); about 1m14s left at the rate limits.\n")
        clock.set(.seconds(19))
        await sink.tick()  // 9 s after the last line
        snapshots.set(idle)
        clock.set(.seconds(25))
        await sink.tick()  // nothing waits for its pace: no line
        #expect(output.text.components(separatedBy: "Progress:").count - 1 == 1)
        snapshots.set(Self.busy)
        await sink.tick()
        #expect(output.text.components(separatedBy: "Progress:").count - 1 == 2)
        await sink.walkFinished(ApplyReport(results: [:], startOrder: [], wasInterrupted: false))
        clock.set(.seconds(60))
        await sink.tick()  // after the walk: nothing
        #expect(output.text.components(separatedBy: "Progress:").count - 1 == 2)
    }

    @Test func theLiveStatusShowsCallsPacingAndTimeLeft() async {
        let snapshots = SnapshotBox()
        snapshots.set(PacingSnapshot(methods: [:], configuration: .rill))
        let output = CapturedOutput()
        let sink = LiveStatusProgressSink<String, NodeLabel>(
            output: output, describe: describeByPayload,
            pacing: ApplyPacing(expectedCalls: Self.expected, snapshot: { snapshots.get() }, clock: SteppedAPIClock()))
        await sink.walkStarted([node("a"), node("b")])
        snapshots.set(Self.busy)
        await sink.tick()
        #expect(await sink.statusText == "Applying… 0/2 done, 0 running, 0 failed · about 440/800 calls, "
            + "CreateService paced (queue 54s), about 1m14s left")
        #expect(output.text.hasSuffix("CreateService paced (queue 54s), about 1m14s left\u{1B}[K"))
    }

    @Test func theLiveStatusWithoutPacingIsUnchanged() async {
        let sink = LiveStatusProgressSink<String, NodeLabel>(output: CapturedOutput(), describe: describeByPayload)
        await sink.walkStarted([node("a")])
        #expect(await sink.statusText == "Applying… 0/1 done, 0 running, 0 failed")
    }
}

@Suite struct GraphWalkerLaneTests {
    @Test(.timeLimit(.minutes(1))) func aFullLaneHoldsBackOnlyItsOwnNodes() async throws {
        // Lane "a" is one node wide and its first node blocks; lane "b" must still run both of its nodes.
        let nodes = [node("a1"), node("a2"), node("b1"), node("b2")]
        let gates = NodeGates()
        let started = StartedNodes()
        let walk = Task {
            try await GraphWalker(parallelism: 10, laneWidth: 1).run(
                nodes, lane: { String($0.id.prefix(1)) }, progress: SilentProgressSink<String, NodeLabel>()
            ) { node in
                started.append(node.id)
                await gates.pass(node.id)
                return .done
            }
        }
        var arrivals = gates.arrivals.makeAsyncIterator()
        var seen: Set<String> = []
        while seen != ["a1", "b1", "b2"] {
            guard let id = await arrivals.next() else { break }
            seen.insert(id)
            if id.hasPrefix("b") { gates.open(id) }  // lane b finishes while a1 still blocks lane a
        }
        #expect(!started.values.contains("a2"))
        gates.open("a1")
        let next = await arrivals.next()
        #expect(next == "a2")
        gates.open("a2")
        let report = try await walk.value
        #expect(report.counts.succeeded == 4)
    }

    @Test func laneWidthDefaultsToParallelismAndIsAtLeastOne() {
        #expect(GraphWalker(parallelism: 4).laneWidth == 4)
        #expect(GraphWalker(parallelism: 4, laneWidth: 0).laneWidth == 1)
    }
}

/// Ids appended from several tasks.
final class StartedNodes: Sendable {
    private let state = Mutex<[String]>([])
    func append(_ id: String) { state.withLock { $0.append(id) } }
    var values: [String] { state.withLock { $0 } }
}
