import RillformAPI

/// Progress for logs and other non-terminals: one line per event, in Terraform's words.
///
/// ```
/// project.acme/sales: Creating...
/// project.acme/sales: Creation complete after 0.4s [id=p-123]
/// project.acme/old: Destruction complete after 0.1s
/// service.acme/bot: Modification failed: permission denied
/// service_project_role.acme/bot/sales: skipped because service.acme/bot failed
/// project.acme/later: not started (apply interrupted)
/// ```
///
/// With `pacing`, while calls wait for their method's rate limit, a line every `lineInterval` (10 s) on ticks:
/// `Progress: about 340 of 1,000 API calls made; 160 CreateService calls waiting for the rate limit (queue 54s);
/// about 1m13s left at the rate limits.`
public actor LineProgressSink<ID: Hashable & Sendable & Comparable, Payload: Sendable>: ApplyProgressSink {
    private let output: any TextOutput
    private var labels: NodeLabels<ID, Payload>
    private let pacing: ApplyPacing?
    private var baseline = PacingSnapshot(methods: [:])
    /// When the last progress line was written (or the walk started).
    private var lastLine: Duration?
    private var finished = false

    /// Writes to `output`, naming each node with `describe`; with `pacing`, adds periodic progress lines.
    public init(output: any TextOutput, describe: @escaping @Sendable (ApplyNode<ID, Payload>) -> NodeLabel,
                pacing: ApplyPacing? = nil) {
        self.output = output
        self.labels = NodeLabels(describe: describe)
        self.pacing = pacing
    }

    /// Learns every node's label, so a skip can name its cause.
    public func walkStarted(_ nodes: [ApplyNode<ID, Payload>]) async {
        labels.learn(nodes)
        if let pacing {
            baseline = pacing.snapshot()
            lastLine = pacing.clock.now()
        }
    }

    /// Writes a progress line when calls are being paced and `lineInterval` has passed since the last one.
    public func tick() async {
        guard !finished, let pacing, let last = lastLine else { return }
        let now = pacing.clock.now()
        guard now - last >= pacing.lineInterval else { return }
        let status = PacingStatus(expected: pacing.expectedCalls, baseline: baseline, now: pacing.snapshot())
        guard status.isPacing else { return }
        lastLine = now
        output.write(status.lineText + "\n")
    }

    public func walkFinished(_ report: ApplyReport<ID>) async {
        finished = true
    }

    /// `address: Creating...`
    public func started(_ node: ApplyNode<ID, Payload>) async {
        let label = labels.label(of: node)
        output.write("\(label.address): \(label.action.progressing)\n")
    }

    /// One line saying how the node ended.
    public func finished(_ node: ApplyNode<ID, Payload>, result: NodeResult<ID>) async {
        let label = labels.label(of: node)
        output.write(ProgressWording.line(for: label, result: result, causeAddress: labels.address(of:)) + "\n")
    }
}

/// The sentences shared by the line sink, the live status line and the final summary.
enum ProgressWording {
    static func line<ID>(for label: NodeLabel, result: NodeResult<ID>, causeAddress: (ID) -> String) -> String {
        switch result {
        case .succeeded(let duration, let detail):
            let suffix = detail.map { $0.isEmpty ? "" : " [\($0)]" } ?? ""
            return "\(label.address): \(label.action.completedNoun) complete after \(duration.applyElapsedText)\(suffix)"
        case .failed(let error, _):
            return "\(label.address): \(label.action.failedNoun) failed: \(error)"
        case .skipped(let cause):
            return "\(label.address): skipped because \(causeAddress(cause)) failed"
        case .notStarted:
            return "\(label.address): not started (apply interrupted)"
        }
    }
}
