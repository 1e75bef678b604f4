import Foundation
import RillformPlan

/// Renders a plan as its versioned JSON document (`format_version`, `resource_changes[]`, `change_summary`, …).
/// The same document is the saved plan: `Plan(jsonData:)` reads it back for `apply plan.json`.
public enum PlanJSONReporter {
    /// Pretty-printed, sorted keys, ending with a newline.
    public static func render(_ plan: Plan) throws -> String {
        String(decoding: try plan.jsonData(), as: UTF8.self) + "\n"
    }

    /// Reads a document written by ``render(_:)`` (or `Plan.jsonData()`).
    public static func decode(_ text: String) throws -> Plan {
        try Plan(jsonData: Data(text.utf8))
    }
}
