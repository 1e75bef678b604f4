import Foundation
import RillformTestSupport
import Testing

/// The suite's one golden policy (``GoldenFiles``), on a scratch folder.
@Suite("Golden files policy")
struct GoldenFilesTests {
    func read(_ url: URL) -> String? { try? String(contentsOf: url, encoding: .utf8) }

    @Test("a match passes and removes a stale .actual")
    func matchPasses() async throws {
        try await withTemporaryDirectory { directory in
            try Data("same\n".utf8).write(to: directory.appendingPathComponent("out.txt"))
            try Data("old\n".utf8).write(to: directory.appendingPathComponent("out.txt.actual"))
            GoldenFiles(directory: directory).check("same\n", against: "out.txt", update: false)
            #expect(read(directory.appendingPathComponent("out.txt.actual")) == nil)
        }
    }

    @Test("a mismatch fails, writes <name>.actual and leaves the golden alone")
    func mismatchWritesActual() async throws {
        try await withTemporaryDirectory { directory in
            let golden = directory.appendingPathComponent("out.txt")
            try Data("a\nb\nc\n".utf8).write(to: golden)
            withKnownIssue("the mismatch is reported") {
                GoldenFiles(directory: directory).check("a\nB\nc\n", against: "out.txt", update: false)
            } matching: { issue in
                let text = issue.comments.map(\.rawValue).joined()
                return text.contains("-b") && text.contains("+B") && text.contains("RILLFORM_UPDATE_GOLDEN=1")
            }
            #expect(read(golden) == "a\nb\nc\n")
            #expect(read(directory.appendingPathComponent("out.txt.actual")) == "a\nB\nc\n")
        }
    }

    @Test("a missing golden fails and writes <name>.actual")
    func missingGoldenFails() async throws {
        try await withTemporaryDirectory { directory in
            withKnownIssue("the missing golden is reported") {
                GoldenFiles(directory: directory).check("new\n", against: "out.txt", update: false)
            }
            #expect(read(directory.appendingPathComponent("out.txt")) == nil)
            #expect(read(directory.appendingPathComponent("out.txt.actual")) == "new\n")
        }
    }

    @Test("only an update request rewrites the golden")
    func updateRewrites() async throws {
        try await withTemporaryDirectory { directory in
            let golden = directory.appendingPathComponent("nested/out.txt")
            try Data("stale.actual".utf8).write(to: directory.appendingPathComponent("out.txt.actual"))
            GoldenFiles(directory: directory).check("fresh\n", against: "nested/out.txt", update: true)
            #expect(read(golden) == "fresh\n")
            #expect(read(directory.appendingPathComponent("nested/out.txt.actual")) == nil)
        }
    }
}
