import RillformAPI
import RillformModel
import RillformPlan

/// Applies a whole plan: builds the graph, walks it, reports progress, and returns the report with Terraform's
/// closing text.
///
/// Concurrency: `parallelism` bounds **requests in flight**, and that bound lives in the client
/// (`RillAdminClient.Options.maxConcurrentRequests`, which the CLI sets from `--parallelism`): a request takes its
/// slot only after its method's pacing wait. The walker itself runs many more nodes at once, in lanes of one kind
/// of change each (e.g. `service.create`, roughly one API method), at most `nodesPerLane` per lane
/// (`max(parallelism × 16, 64)` by default): nodes waiting on one method's rate limit fill only their lane, so
/// other methods keep going. Memory stays bounded by lanes × `nodesPerLane` suspended tasks (a few KB each).
public struct PlanApplier: Sendable {
    public let executor: PlanExecutor
    public let parallelism: Int
    /// Most nodes of one lane running at once.
    public let nodesPerLane: Int
    /// The client's pacer, for progress that shows the pacing (calls, wait, time left); `nil` for none.
    public let pacer: MethodPacer?
    /// Ticks the progress sinks and spaces their periodic lines.
    public let clock: any APIClock

    public init(executor: PlanExecutor, parallelism: Int = 10, nodesPerLane: Int? = nil, pacer: MethodPacer? = nil,
                clock: any APIClock = SystemAPIClock()) {
        self.executor = executor
        self.parallelism = max(1, parallelism)
        self.nodesPerLane = max(1, nodesPerLane ?? max(self.parallelism * 16, 64))
        self.pacer = pacer
        self.clock = clock
    }

    public struct Outcome: Sendable {
        public var report: ApplyReport<PlanStep>
        /// `Apply complete! Resources: …` or the failure summary naming every failed and skipped change.
        public var summary: String
        public var exitStatus: ExitStatus { report.exitStatus }
    }

    /// The lane of a node: its resource kind and action (one API method, mostly).
    static func lane(_ node: ApplyNode<PlanStep, PlanStepPayload>) -> String {
        "\(node.id.address.kind.rawValue).\(node.payload.action.rawValue)"
    }

    /// - Parameters:
    ///   - liveStatus: a rewritten status line (TTY) instead of one line per finished action.
    public func apply(_ plan: Plan, output: any TextOutput, liveStatus: Bool, stop: GracefulStop? = nil) async throws
        -> Outcome
    {
        let nodes = plan.applyGraph()
        let describe: @Sendable (ApplyNode<PlanStep, PlanStepPayload>) -> NodeLabel = {
            NodeLabel(address: $0.id.address.description, action: $0.payload.action)
        }
        // Lanes bound the nodes; the total is only a backstop.
        let walker = GraphWalker(parallelism: Int(Int32.max), laneWidth: nodesPerLane)
        let executor = self.executor
        // Rill's CreateService grants one project role: that planned role create costs no second call
        // (measured on 2,000 new services with two roles each: 2,000 of 6,500 writes saved).
        let grantedByCreate = ApplyBudget.projectRolesGrantedByServiceCreates(plan.changes)
        let execute: @Sendable (ApplyNode<PlanStep, PlanStepPayload>) async throws -> CompletionNote = { node in
            if node.id.phase == .main, grantedByCreate.contains(node.id.address) {
                return CompletionNote(detail: "granted by the service's create")
            }
            return try await executor.execute(node.payload.change, as: node.payload.action)
        }
        let pacing = pacer.map { ApplyPacing(expectedCalls: ApplyBudget(plan: plan).callsByMethod, pacer: $0, clock: clock) }
        let report: ApplyReport<PlanStep>
        if liveStatus {
            report = try await walk(walker, nodes, sink: LiveStatusProgressSink(output: output, describe: describe,
                                                                               pacing: pacing),
                                    stop: stop, execute: execute)
        } else {
            report = try await walk(walker, nodes, sink: LineProgressSink(output: output, describe: describe,
                                                                         pacing: pacing),
                                    stop: stop, execute: execute)
        }
        let labels = NodeLabel.table(nodes, describe: describe)
        return Outcome(report: report, summary: ApplySummary.render(report, labels: labels))
    }

    /// Walks with `sink`, ticking it once a second while the walk runs (only when there is pacing to show).
    private func walk(
        _ walker: GraphWalker, _ nodes: [ApplyNode<PlanStep, PlanStepPayload>],
        sink: some ApplyProgressSink<PlanStep, PlanStepPayload>, stop: GracefulStop?,
        execute: @escaping @Sendable (ApplyNode<PlanStep, PlanStepPayload>) async throws -> CompletionNote
    ) async throws -> ApplyReport<PlanStep> {
        let clock = self.clock
        let ticker: Task<Void, Never>? = pacer == nil ? nil : Task {
            while (try? await clock.sleep(for: .seconds(1))) != nil {
                await sink.tick()
            }
        }
        defer { ticker?.cancel() }
        return try await walker.run(nodes, lane: Self.lane, progress: sink, stop: stop, execute: execute)
    }
}
