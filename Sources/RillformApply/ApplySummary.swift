/// The closing text of an apply. Pure: takes the report and labels, returns the text; the caller prints it and,
/// when `report.isComplete` is false, exits 1 (`report.exitStatus`).
public enum ApplySummary {
    /// Terraform's final line, grepped by users and tools:
    /// `Apply complete! Resources: 2 added, 1 changed, 0 destroyed.`
    public static func completeLine(added: Int, changed: Int, destroyed: Int) -> String {
        "Apply complete! Resources: \(added) added, \(changed) changed, \(destroyed) destroyed."
    }

    /// Successful nodes counted by action: (added, changed, destroyed). Nodes without a label are not counted.
    public static func resourceCounts<ID>(_ report: ApplyReport<ID>, labels: [ID: NodeLabel])
        -> (added: Int, changed: Int, destroyed: Int)
    {
        var counts = (added: 0, changed: 0, destroyed: 0)
        for entry in report.sortedEntries where entry.result.isSuccess {
            switch labels[entry.id]?.action {
            case .create?: counts.added += 1
            case .update?: counts.changed += 1
            case .delete?: counts.destroyed += 1
            case .noOp?, nil: break
            }
        }
        return counts
    }

    /// The whole closing text, ending with a newline.
    ///
    /// When every node succeeded: the `Apply complete!` line. Otherwise a summary naming every failure, skip and
    /// node not started, sorted by id:
    /// ```
    /// Apply failed: 1 failed, 2 skipped, 0 not started. Resources: 1 added, 0 changed, 0 destroyed.
    ///
    /// Failed:
    ///   project.acme/x: Creation failed: quota exceeded
    /// Skipped:
    ///   deployment.acme/x/prod: skipped because project.acme/x failed
    /// ```
    public static func render<ID>(_ report: ApplyReport<ID>, labels: [ID: NodeLabel]) -> String {
        let resources = resourceCounts(report, labels: labels)
        guard !report.isComplete else {
            return completeLine(added: resources.added, changed: resources.changed, destroyed: resources.destroyed)
                + "\n"
        }
        let counts = report.counts
        var text = report.wasInterrupted ? "Apply interrupted: " : "Apply failed: "
        text += "\(counts.failed) failed, \(counts.skipped) skipped, \(counts.notStarted) not started."
        text += " Resources: \(resources.added) added, \(resources.changed) changed, \(resources.destroyed) destroyed.\n"
        let sections: [(title: String, ids: [ID])] = [
            ("Failed", report.failedIDs), ("Skipped", report.skippedIDs), ("Not started", report.notStartedIDs),
        ]
        let address: (ID) -> String = { labels[$0]?.address ?? "\($0)" }
        var isFirstSection = true
        for section in sections where !section.ids.isEmpty {
            text += (isFirstSection ? "\n" : "") + "\(section.title):\n"
            isFirstSection = false
            for id in section.ids {
                guard let result = report.results[id] else { continue }
                let label = labels[id] ?? NodeLabel(address: "\(id)", action: .update)
                text += "  " + ProgressWording.line(for: label, result: result, causeAddress: address) + "\n"
            }
        }
        return text
    }
}
