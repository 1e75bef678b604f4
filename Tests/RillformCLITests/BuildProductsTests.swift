import Foundation
import RillformTestSupport
import Testing

/// Where the CLI tests find `rillform`: beside the test bundle, in the same build configuration.
@Suite("Build products lookup")
struct BuildProductsTests {
    /// Creates `path` under `root` (an executable file when `executable`), with its folders.
    func make(_ path: String, in root: URL, executable: Bool = true) throws -> URL {
        let url = root.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data("#!/bin/sh\n".utf8).write(to: url)
        try FileManager.default.setAttributes([.posixPermissions: executable ? 0o755 : 0o644], ofItemAtPath: url.path)
        return url
    }

    @Test("Linux layout: the .xctest is the executable; release tests find the release binary")
    func linuxRelease() async throws {
        try await withTemporaryDirectory { root in
            let tests = try make(".build/x86_64-unknown-linux-gnu/release/rillformPackageTests.xctest", in: root)
            _ = try make(".build/x86_64-unknown-linux-gnu/debug/rillform", in: root)
            let release = try make(".build/x86_64-unknown-linux-gnu/release/rillform", in: root)
            let found = try BuildProducts.executable(named: "rillform", besideAnyOf: [tests]).get()
            #expect(found.resolvingSymlinksInPath() == release.resolvingSymlinksInPath())
        }
    }

    @Test("macOS layout: the bundle's binary is inside X.xctest/Contents/MacOS")
    func macOSBundle() async throws {
        try await withTemporaryDirectory { root in
            let tests = try make(".build/arm64-apple-macosx/debug/rillformPackageTests.xctest/Contents/MacOS/"
                                     + "rillformPackageTests", in: root)
            let debug = try make(".build/arm64-apple-macosx/debug/rillform", in: root)
            #expect(BuildProducts.directory(ofTestBinary: tests).resolvingSymlinksInPath()
                        == debug.deletingLastPathComponent().resolvingSymlinksInPath())
            let found = try BuildProducts.executable(named: "rillform", besideAnyOf: [tests]).get()
            #expect(found.resolvingSymlinksInPath() == debug.resolvingSymlinksInPath())
        }
    }

    @Test("the first candidate with the executable wins; a runner elsewhere (macOS xctest tool) is skipped")
    func laterCandidate() async throws {
        try await withTemporaryDirectory { root in
            let runner = try make("Xcode/usr/bin/xctest", in: root)
            let tests = try make("products/debug/rillformPackageTests.xctest", in: root)
            let binary = try make("products/debug/rillform", in: root)
            let found = try BuildProducts.executable(named: "rillform", besideAnyOf: [runner, tests]).get()
            #expect(found.resolvingSymlinksInPath() == binary.resolvingSymlinksInPath())
        }
    }

    @Test("missing or not executable: the error names the expected path and how to build it")
    func missing() async throws {
        try await withTemporaryDirectory { root in
            let tests = try make("products/release/rillformPackageTests.xctest", in: root)
            _ = try make("products/release/rillform", in: root, executable: false)
            let result = BuildProducts.executable(named: "rillform", besideAnyOf: [tests])
            guard case .failure(let missing) = result else {
                Issue.record("a non-executable file was accepted")
                return
            }
            #expect(missing.path.hasSuffix("products/release/rillform"))
            #expect(missing.description.contains("swift build -c release"))
        }
    }

    @Test("this run's rillform sits beside this run's test bundle")
    func thisRun() throws {
        let binary = URL(fileURLWithPath: CLIProcess.binaryPath)
        #expect(binary.lastPathComponent == "rillform")
        #expect(FileManager.default.isExecutableFile(atPath: binary.path), "\(binary.path): run `swift build` first")
    }
}
