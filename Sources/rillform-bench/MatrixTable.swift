import Foundation

/// One row of the benchmark matrix: a measured run and the bound it is compared with.
struct MatrixRow: Sendable {
    enum BoundKind: Sendable {
        /// Limits off: latency and requests in flight only.
        case network
        /// Limits on: the per-method bound plus one latency (or the network bound, when larger).
        case perMethod
    }

    var limits: String
    var size: String
    var run: String
    var parallelism: Int
    var measured: Matrix.Measured
    var bound: Double
    var boundKind: BoundKind
    /// The same run at parallelism 1, for the "× faster than sequential" column.
    var sequentialSeconds: Double?

    var ratio: Double { bound > 0 ? measured.seconds / bound : 0 }

    /// Issue 11's targets: limits off, within 1.3× of the network bound and (with a sequential baseline) at least
    /// 10× faster than it; limits on, within 1.15× of the per-method bound with no 429s and no failed actions.
    /// Sequential runs are baselines, not held to a target.
    var target: String {
        if parallelism == 1 { return "baseline" }
        switch boundKind {
        case .network:
            let speedup = sequentialSeconds.map { $0 / measured.seconds }
            let met = ratio <= 1.3 && (speedup.map { $0 >= 10 } ?? true) && measured.failedActions == 0
            return met ? "met" : "not met"
        case .perMethod:
            let met = ratio <= 1.15 && measured.rateLimited == 0 && measured.failedActions == 0
            return met ? "met" : "not met"
        }
    }

    /// Calls per method, most first, without the `AdminService_` prefix.
    var methods: String {
        measured.callsByMethod.sorted { ($1.value, $0.key) < ($0.value, $1.key) }
            .map { "\($0.key.replacingOccurrences(of: "AdminService_", with: "")) \($0.value)" }
            .joined(separator: ", ")
    }

    var summary: String {
        var line = "\(run), P=\(parallelism): \(format(measured.seconds)) s; bound \(format(bound)) s; "
            + "ratio \(format(ratio)); \(measured.served) calls served; \(measured.rateLimited) 429s; "
            + "\(measured.failedActions) failed actions; \(measured.changes) changes"
        if let sequentialSeconds { line += "; sequential \(format(sequentialSeconds)) s (\(format(sequentialSeconds / measured.seconds, 1))×)" }
        return line + "; calls: \(methods)"
    }
}

/// The matrix as Markdown, rows in the order they ran (a fixed order), for the README to quote.
struct MatrixTable: Sendable {
    var rows: [MatrixRow]
    var latencyMilliseconds: Int

    var markdown: String {
        var text = "Latency \(latencyMilliseconds) ms. Bound: network bound with limits off; "
            + "max(per-method bound + latency, network bound) with limits on "
            + "(per-method bound = max over methods of max(0, calls − burst) / rate). "
            + "\"×K\" limits are Rill's rate and burst times K on both the emulator and the client; "
            + "the ratio is to that scaled bound.\n\n"
        text += "| Limits | Size | Run | P | Time (s) | Bound (s) | Ratio | × faster than sequential | Calls | 429s | Failed actions | Target |\n"
        text += "|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---|\n"
        for row in rows {
            let speedup = row.sequentialSeconds.map { format($0 / row.measured.seconds, 1) } ?? "–"
            text += "| \(row.limits) | \(row.size) | \(row.run) | \(row.parallelism) | \(format(row.measured.seconds)) "
                + "| \(format(row.bound)) | \(format(row.ratio)) | \(speedup) | \(row.measured.served) "
                + "| \(row.measured.rateLimited) | \(row.measured.failedActions) | \(row.target) |\n"
        }
        text += "\nCalls per method (sent by the client, retries included):\n\n"
        text += "| Limits | Size | Run | P | Calls per method |\n|---|---|---|---:|---|\n"
        for row in rows {
            text += "| \(row.limits) | \(row.size) | \(row.run) | \(row.parallelism) | \(row.methods) |\n"
        }
        return text
    }
}
