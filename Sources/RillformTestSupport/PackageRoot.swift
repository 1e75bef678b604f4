import Foundation

/// The package's source tree (the folder holding `Package.swift`), found from this file's path.
public enum PackageRoot {
    public static let url: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // RillformTestSupport
        .deletingLastPathComponent()  // Sources
        .deletingLastPathComponent()
}
