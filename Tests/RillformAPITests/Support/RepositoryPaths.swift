import Foundation

/// Paths found from this source file's location, so tests work from any working directory.
enum RepositoryPaths {
    /// The repository root: `Tests/RillformAPITests/Support/<file>` → three levels up.
    static func root(filePath: String = #filePath) -> URL {
        URL(fileURLWithPath: filePath)
            .deletingLastPathComponent()  // Support
            .deletingLastPathComponent()  // RillformAPITests
            .deletingLastPathComponent()  // Tests
            .deletingLastPathComponent()  // repository root
    }

    static var schema: URL { root().appendingPathComponent("Schemas/rill-admin.openapi.yaml") }

    /// Rill's published spec, kept outside the repository: `../shared/reference/rill-admin-openapi.yaml`.
    static var referenceSpec: URL {
        root().deletingLastPathComponent().appendingPathComponent("shared/reference/rill-admin-openapi.yaml")
    }
}
