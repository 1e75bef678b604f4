import Foundation
import Testing

/// Compares output with a checked-in golden file in `Golden/` (next to this source file).
///
/// - On a mismatch (or a missing golden) it writes the actual output to `Golden/<name>.actual` and fails,
///   so `diff Golden/<name> Golden/<name>.actual` shows what changed.
/// - With `RILLFORM_UPDATE_GOLDEN=1` it rewrites the golden instead; review the diff before committing.
enum GoldenFile {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

    static func check(_ actual: String, against name: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        let golden = directory.appendingPathComponent(name)
        let actualFile = directory.appendingPathComponent(name + ".actual")
        if ProcessInfo.processInfo.environment["RILLFORM_UPDATE_GOLDEN"] == "1" {
            do {
                try Data(actual.utf8).write(to: golden)
                try? FileManager.default.removeItem(at: actualFile)
            } catch {
                Issue.record("cannot write golden \(golden.path): \(error)", sourceLocation: sourceLocation)
            }
            return
        }
        let expected = try? String(contentsOf: golden, encoding: .utf8)
        if expected == actual {
            try? FileManager.default.removeItem(at: actualFile)
            return
        }
        try? Data(actual.utf8).write(to: actualFile)
        let reason = expected == nil ? "golden \(name) is missing" : "output differs from golden \(name)"
        let message = "\(reason); actual output written to \(actualFile.path) "
            + "(diff it, then rerun with RILLFORM_UPDATE_GOLDEN=1 to accept)"
        Issue.record(Comment(rawValue: message), sourceLocation: sourceLocation)
    }
}
