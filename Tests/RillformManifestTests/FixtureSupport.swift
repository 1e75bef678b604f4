import Foundation
import RillformManifest
import RillformModel
import RillformTestSupport
import Testing

/// Locates fixtures in the source tree (so a golden mismatch can write `<name>.actual` beside the golden).
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

    /// The goldens beside the fixtures (`Golden/…`, `invalid/*.expected`), under the suite's one golden policy.
    static let goldens = GoldenFiles(directory: directory)
}

extension ManifestLoadResult {
    /// One `file:line:col: severity: message [code]` line per diagnostic.
    var rendered: String { diagnostics.map(\.description).joined(separator: "\n") + "\n" }
    var codes: [String] { diagnostics.map(\.code) }
}
