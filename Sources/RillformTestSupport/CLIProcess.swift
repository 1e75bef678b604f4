import Foundation

/// Runs the built `rillform` binary as a child process, the way users and CI run it.
///
/// The binary is the `rillform` SwiftPM built beside the running test bundle (``BuildProducts``), so debug and
/// release test runs each use their own build; the README's test command builds it first
/// (`swift build && swift test`). A missing binary is a test failure with instructions, not a skip.
public enum CLIProcess {
    public struct Result: Sendable {
        public var exitCode: Int32
        public var stdout: String
        public var stderr: String
        /// Everything the process printed, for secret scans.
        public var combined: String { stdout + stderr }
    }

    public typealias MissingBinary = BuildProducts.MissingExecutable

    /// The repository root, found from this file's path.
    public static var repositoryRoot: URL { PackageRoot.url }

    /// Where `rillform` is (or, when it was not built, where it was expected).
    public static let binaryPath: String = {
        switch BuildProducts.executable(named: "rillform") {
        case .success(let url): url.path
        case .failure(let missing): missing.path
        }
    }()

    /// Runs `rillform ARGS…` in `directory` with a clean environment (PATH, HOME, plus `environment`),
    /// standard input from /dev/null (no TTY), and returns its exit code and output.
    public static func run(_ arguments: [String], in directory: URL, environment: [String: String] = [:],
                           timeout: TimeInterval = 120) async throws -> Result
    {
        guard FileManager.default.isExecutableFile(atPath: binaryPath) else { throw MissingBinary(path: binaryPath) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binaryPath)
        process.arguments = arguments
        process.currentDirectoryURL = directory
        var env: [String: String] = [:]
        let inherited = ProcessInfo.processInfo.environment
        for key in ["PATH", "HOME", "TMPDIR", "LANG"] { env[key] = inherited[key] }
        env.merge(environment) { _, new in new }
        process.environment = env
        let stdoutPipe = Pipe()
        let stderrPipe = Pipe()
        process.standardOutput = stdoutPipe
        process.standardError = stderrPipe
        process.standardInput = FileHandle(forReadingAtPath: "/dev/null")
        try process.run()
        // Drain both pipes on dedicated threads: blocking reads on Swift's cooperative pool (2 threads on a
        // 2-core machine) would starve an emulator running in this same test process.
        async let out = Self.readToEnd(stdoutPipe.fileHandleForReading)
        async let err = Self.readToEnd(stderrPipe.fileHandleForReading)
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning {
            if Date() > deadline {
                process.terminate()
                break
            }
            try await Task.sleep(for: .milliseconds(20))
        }
        process.waitUntilExit()
        let (outData, errData) = await (out, err)
        return Result(exitCode: process.terminationStatus,
                      stdout: String(decoding: outData, as: UTF8.self),
                      stderr: String(decoding: errData, as: UTF8.self))
    }

    private static func readToEnd(_ handle: FileHandle) async -> Data {
        await withCheckedContinuation { continuation in
            let thread = Thread {
                continuation.resume(returning: handle.readDataToEndOfFile())
            }
            thread.start()
        }
    }
}
