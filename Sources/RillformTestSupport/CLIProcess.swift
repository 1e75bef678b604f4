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
    /// standard input from /dev/null (no TTY), and returns its exit code and output. A run still going after
    /// `timeout` is killed (its partial output is returned with exit code 137).
    public static func run(_ arguments: [String], in directory: URL, environment: [String: String] = [:],
                           timeout: TimeInterval = 120) async throws -> Result
    {
        guard FileManager.default.isExecutableFile(atPath: binaryPath) else { throw MissingBinary(path: binaryPath) }
        var env: [String: String] = [:]
        let inherited = ProcessInfo.processInfo.environment
        for key in ["PATH", "HOME", "TMPDIR", "LANG"] { env[key] = inherited[key] }
        env.merge(environment) { _, new in new }
        return try await ChildProcess.run(
            executable: binaryPath, arguments: arguments, in: directory, environment: env, timeout: timeout)
    }
}
