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
public actor LineProgressSink<ID: Hashable & Sendable & Comparable, Payload: Sendable>: ApplyProgressSink {
    private let output: any TextOutput
    private var labels: NodeLabels<ID, Payload>

    /// Writes to `output`, naming each node with `describe`.
    public init(output: any TextOutput, describe: @escaping @Sendable (ApplyNode<ID, Payload>) -> NodeLabel) {
        self.output = output
        self.labels = NodeLabels(describe: describe)
    }

    /// Learns every node's label, so a skip can name its cause.
    public func walkStarted(_ nodes: [ApplyNode<ID, Payload>]) async {
        labels.learn(nodes)
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
