import Foundation
import Testing

/// A folder of checked-in golden files, and the one golden policy of the test suite:
///
/// - Output equal to `<name>`: pass (and remove a stale `<name>.actual`).
/// - Otherwise the output goes to `<name>.actual` next to the golden and the test fails with a short diff;
///   review it with `diff <name> <name>.actual`.
/// - With `RILLFORM_UPDATE_GOLDEN=1` the golden is rewritten instead (review `git diff` before committing).
public struct GoldenFiles: Sendable {
    /// Set to `1` to accept the current output as the new goldens.
    public static let updateVariable = "RILLFORM_UPDATE_GOLDEN"

    public let directory: URL

    public init(directory: URL) {
        self.directory = directory
    }

    /// Goldens addressed by their path from the package root (e.g. a generated source file).
    public static let packageRoot = GoldenFiles(directory: PackageRoot.url)

    /// Whether this run accepts new goldens (`RILLFORM_UPDATE_GOLDEN=1`).
    public static var updateRequested: Bool { ProcessInfo.processInfo.environment[updateVariable] == "1" }

    /// Compares `actual` with the golden `name` (a path relative to ``directory``); `update` rewrites it instead.
    public func check(_ actual: String, against name: String, update: Bool = GoldenFiles.updateRequested,
                      sourceLocation: SourceLocation = #_sourceLocation) {
        let golden = directory.appendingPathComponent(name)
        let actualFile = directory.appendingPathComponent(name + ".actual")
        if update {
            do {
                try FileManager.default.createDirectory(at: golden.deletingLastPathComponent(),
                                                        withIntermediateDirectories: true)
                try Data(actual.utf8).write(to: golden, options: .atomic)
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
        let written = (try? Data(actual.utf8).write(to: actualFile, options: .atomic)) != nil
        let reason = expected == nil ? "golden \(golden.path) is missing" : "output differs from golden \(golden.path)"
        let whereActual = written ? "actual output written to \(actualFile.path)" : "could not write \(actualFile.path)"
        let diff = expected.map { "\n" + GoldenDiff.summary(expected: $0, actual: actual) } ?? ""
        Issue.record(Comment(rawValue: "\(reason); \(whereActual); review it, then rerun with "
                                 + "\(Self.updateVariable)=1 to accept\(diff)"),
                     sourceLocation: sourceLocation)
    }
}
