import Foundation
import RillformPlan

/// Renders a drift report as its versioned JSON document (`format_version`, `in_sync`, `summary`,
/// `resource_drift[]` with `live`/`desired` per field, `unmanaged[]`, `diagnostics[]`), keys sorted.
public enum DriftJSONReporter {
    /// Pretty-printed, sorted keys, ending with a newline.
    public static func render(_ report: DriftReport) throws -> String {
        String(decoding: try report.jsonData(), as: UTF8.self) + "\n"
    }
}
