import Foundation
import RillformTestSupport

extension GoldenFiles {
    /// This target's goldens: `Golden/` next to this file (compared with the suite's one golden policy).
    static let reports = GoldenFiles(
        directory: URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden"))
}
