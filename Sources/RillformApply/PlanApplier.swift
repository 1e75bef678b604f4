import RillformModel
import RillformPlan

/// Applies a whole plan: builds the graph, walks it under the parallelism bound, reports progress,
/// and returns the report with Terraform's closing text.
public struct PlanApplier: Sendable {
    public let executor: PlanExecutor
    public let parallelism: Int

    public init(executor: PlanExecutor, parallelism: Int = 10) {
        self.executor = executor
        self.parallelism = max(1, parallelism)
    }

    public struct Outcome: Sendable {
        public var report: ApplyReport<PlanStep>
        /// `Apply complete! Resources: …` or the failure summary naming every failed and skipped change.
        public var summary: String
        public var exitStatus: ExitStatus { report.exitStatus }
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
        let walker = GraphWalker(parallelism: parallelism)
        let executor = self.executor
        let execute: @Sendable (ApplyNode<PlanStep, PlanStepPayload>) async throws -> NodeOutcome = { node in
            try await executor.execute(node.payload.change)
        }
        let report: ApplyReport<PlanStep>
        if liveStatus {
            report = try await walker.run(
                nodes, progress: LiveStatusProgressSink(output: output, describe: describe), stop: stop,
                execute: execute)
        } else {
            report = try await walker.run(
                nodes, progress: LineProgressSink(output: output, describe: describe), stop: stop, execute: execute)
        }
        let labels = NodeLabel.table(nodes, describe: describe)
        return Outcome(report: report, summary: ApplySummary.render(report, labels: labels))
    }
}
