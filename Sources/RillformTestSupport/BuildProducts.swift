import Foundation

#if canImport(Darwin)
import Darwin
#endif

/// Finds executables SwiftPM built in the same configuration as the running tests (`swift test` or
/// `swift test -c release`): they sit in the products folder that also holds the test bundle,
/// e.g. `.build/x86_64-unknown-linux-gnu/release/`.
public enum BuildProducts {
    public struct MissingExecutable: Error, CustomStringConvertible {
        public var path: String
        public var description: String {
            "\(path) not found: build it in the same configuration as the tests "
                + "(`swift build` before `swift test`, or `swift build -c release` before `swift test -c release`)"
        }
        public init(path: String) { self.path = path }
    }

    /// The products folder of a test binary: the folder holding the `.xctest` bundle (macOS:
    /// `…/debug/X.xctest/Contents/MacOS/X`; Linux: `…/debug/X.xctest` is itself the executable),
    /// else the binary's own folder.
    public static func directory(ofTestBinary binary: URL) -> URL {
        var candidate = binary.standardizedFileURL
        while candidate.pathComponents.count > 1 {
            if candidate.pathExtension == "xctest" { return candidate.deletingLastPathComponent() }
            candidate = candidate.deletingLastPathComponent()
        }
        return binary.standardizedFileURL.deletingLastPathComponent()
    }

    /// `name` in the products folder of the first of `testBinaries` that has it, else the error naming
    /// where it was expected.
    public static func executable(named name: String, besideAnyOf testBinaries: [URL]) -> Result<URL, MissingExecutable> {
        let candidates = testBinaries.map { directory(ofTestBinary: $0).appendingPathComponent(name) }
        if let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0.path) }) {
            return .success(found)
        }
        return .failure(MissingExecutable(path: candidates.first?.path ?? name))
    }

    /// `name` built beside the running tests.
    public static func executable(named name: String) -> Result<URL, MissingExecutable> {
        executable(named: name, besideAnyOf: runningTestBinaries)
    }

    /// The file holding this code (on macOS the test bundle's binary, into which this library is linked
    /// statically), then the process's executable (on Linux the test binary itself; on macOS the `xctest` runner).
    static var runningTestBinaries: [URL] {
        var binaries: [URL] = []
        #if canImport(Darwin)
        var info = Dl_info()
        if dladdr(#dsohandle, &info) != 0, let name = info.dli_fname {
            binaries.append(URL(fileURLWithPath: String(cString: name)))
        }
        #endif
        if let main = Bundle.main.executableURL { binaries.append(main) }
        if let first = CommandLine.arguments.first { binaries.append(URL(fileURLWithPath: first)) }
        return binaries
    }
}
