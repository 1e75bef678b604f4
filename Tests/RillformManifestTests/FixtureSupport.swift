import Foundation
import RillformManifest
import RillformModel
import Testing

/// Locates fixtures in the source tree (so a golden mismatch can rewrite the reference file for review).
enum Fixtures {
    static let testsDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    static let directory = testsDirectory.appendingPathComponent("Fixtures")
    static let repositoryRoot = testsDirectory.deletingLastPathComponent().deletingLastPathComponent()

    static func files(in subdirectory: String, extension ext: String = "yaml") -> [String] {
        let folder = directory.appendingPathComponent(subdirectory)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasSuffix(".\(ext)") }.sorted()
    }

    static func text(_ relativePath: String) throws -> String {
        try String(contentsOf: directory.appendingPathComponent(relativePath), encoding: .utf8)
    }

    /// Loads one fixture, reporting diagnostics with the path relative to `Fixtures/`.
    static func load(_ relativePath: String, environment: [String: String] = [:]) throws -> ManifestLoadResult {
        ManifestLoader.load(files: [ManifestSource(path: relativePath, text: try text(relativePath))],
                            environment: environment)
    }

    /// All `*.yaml` files of an example directory, as the CLI would read them (sorted, paths relative to the repo).
    static func example(_ name: String) throws -> [ManifestSource] {
        let root = repositoryRoot.appendingPathComponent("Examples/\(name)")
        let enumerator = FileManager.default.enumerator(atPath: root.path)
        var paths: [String] = []
        while let path = enumerator?.nextObject() as? String {
            if path.hasSuffix(".yaml") || path.hasSuffix(".yml") { paths.append(path) }
        }
        return try paths.sorted().map { path in
            ManifestSource(path: "Examples/\(name)/\(path)",
                           text: try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8))
        }
    }

    /// Compares `actual` with a golden file; on a mismatch rewrites the golden (review the diff) and fails.
    static func expectGolden(_ actual: String, _ relativePath: String,
                             sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        let url = directory.appendingPathComponent(relativePath)
        let expected = try? String(contentsOf: url, encoding: .utf8)
        if expected != actual {
            try? FileManager.default.createDirectory(at: url.deletingLastPathComponent(),
                                                     withIntermediateDirectories: true)
            try? actual.write(to: url, atomically: true, encoding: .utf8)
            Issue.record("golden \(relativePath) differed and was rewritten; review the diff",
                         sourceLocation: sourceLocation)
        }
    }
}

extension ManifestLoadResult {
    /// One `file:line:col: severity: message [code]` line per diagnostic.
    var rendered: String { diagnostics.map(\.description).joined(separator: "\n") + "\n" }
    var codes: [String] { diagnostics.map(\.code) }
}
