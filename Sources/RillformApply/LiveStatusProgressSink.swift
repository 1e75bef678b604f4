import RillformAPI

/// Progress for terminals: one status line rewritten in place with `\r`, e.g.
/// `Applying… 12/40 done, 3 running, 1 failed` (`, 2 skipped` is added once something was skipped).
/// Failures are printed above the status line so they stay on screen; the line ends with a newline when the walk
/// finishes. With `pacing`, the line also shows calls and rate-limit pacing (redrawn on ticks), e.g.
/// `Applying… 12/40 done, 3 running, 0 failed · about 340/1,000 calls, CreateService paced (queue 54s), about 1m13s left`.
public actor LiveStatusProgressSink<ID: Hashable & Sendable & Comparable, Payload: Sendable>: ApplyProgressSink {
    /// Carriage return, the status text, then "erase to end of line" so a shorter status leaves no residue.
    static var eraseToEndOfLine: String { "\u{1B}[K" }

    private let output: any TextOutput
    private var labels: NodeLabels<ID, Payload>
    private var total = 0
    private var done = 0
    private var running = 0
    private var failed = 0
    private var skipped = 0
    private let pacing: ApplyPacing?
    private var baseline = PacingSnapshot(methods: [:])
    private var walking = false

    /// Writes to `output`, naming failed nodes with `describe`; with `pacing`, shows calls and pacing too.
    public init(output: any TextOutput, describe: @escaping @Sendable (ApplyNode<ID, Payload>) -> NodeLabel,
                pacing: ApplyPacing? = nil) {
        self.output = output
        self.labels = NodeLabels(describe: describe)
        self.pacing = pacing
    }

    /// The status text without control characters, e.g. `Applying… 12/40 done, 3 running, 1 failed`.
    public var statusText: String {
        var text = "Applying… \(done)/\(total) done, \(running) running, \(failed) failed"
        if skipped > 0 { text += ", \(skipped) skipped" }
        if let pacing, !pacing.expectedCalls.isEmpty {
            text += " · " + PacingStatus(expected: pacing.expectedCalls, baseline: baseline, now: pacing.snapshot())
                .statusText
        }
        return text
    }

    /// Learns the total and draws the first status.
    public func walkStarted(_ nodes: [ApplyNode<ID, Payload>]) async {
        labels.learn(nodes)
        total = nodes.count
        if let pacing { baseline = pacing.snapshot() }
        walking = true
        redraw()
    }

    /// Redraws, so the pacing wait and time left stay current while nothing finishes.
    public func tick() async {
        if walking, pacing != nil { redraw() }
    }

    /// Counts a running node.
    public func started(_ node: ApplyNode<ID, Payload>) async {
        running += 1
        redraw()
    }

    /// Counts the result; a failure is printed on its own line above the status.
    public func finished(_ node: ApplyNode<ID, Payload>, result: NodeResult<ID>) async {
        done += 1
        switch result {
        case .succeeded:
            running -= 1
        case .failed:
            running -= 1
            failed += 1
            let line = ProgressWording.line(for: labels.label(of: node), result: result, causeAddress: labels.address(of:))
            output.write("\r\(Self.eraseToEndOfLine)\(line)\n")
        case .skipped:
            skipped += 1
        case .notStarted:
            break
        }
        redraw()
    }

    /// Ends the status line.
    public func walkFinished(_ report: ApplyReport<ID>) async {
        walking = false
        output.write("\n")
    }

    private func redraw() {
        output.write("\r\(statusText)\(Self.eraseToEndOfLine)")
    }
}
