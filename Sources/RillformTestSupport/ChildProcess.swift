import Foundation
import Subprocess

/// Starts programs for tests and the benchmark through swift-subprocess rather than `Foundation.Process`.
///
/// Why: on Linux `Process.run` crashed whole test runs (signal 11 inside `Process.run`, seen in CI and
/// reproduced locally with ~1,600 descriptors open while parallel tests spawned). Subprocess closes inherited
/// descriptors with `close_range` and reaps children without a run loop.
public enum ChildProcess {
    /// Output kept per stream; the CLI's largest reports in tests are far smaller.
    static let outputLimit = 64 * 1024 * 1024

    /// A child that outlived its deadline; it has been killed.
    public struct TimedOut: Error, CustomStringConvertible {
        public var executable: String
        public var arguments: [String]
        public var timeout: TimeInterval
        public var description: String {
            "\(executable) \(arguments.joined(separator: " ")) did not finish within \(Int(timeout)) s and was killed"
        }
    }

    /// Runs `executable ARGS…` in `directory` with exactly `environment` and standard input from /dev/null,
    /// and collects both output streams. A child still running after `timeout` is killed and `TimedOut` thrown.
    public static func run(executable: String, arguments: [String], in directory: URL,
                           environment: [String: String], timeout: TimeInterval) async throws -> CLIProcess.Result
    {
        let configuration = configuration(executable: executable, arguments: arguments, in: directory,
                                          environment: environment)
        return try await withThrowingTaskGroup(of: CLIProcess.Result?.self) { group in
            group.addTask {
                let result = try await Subprocess.run(
                    configuration, input: .none, output: .string(limit: outputLimit),
                    error: .string(limit: outputLimit))
                return CLIProcess.Result(exitCode: exitCode(result.terminationStatus),
                                         stdout: result.standardOutput, stderr: result.standardError)
            }
            group.addTask {
                try await Task.sleep(for: .seconds(timeout))
                return nil
            }
            // Cancelling the run (the deadline won) makes Subprocess kill and reap the child.
            let first = try await group.next() ?? nil
            group.cancelAll()
            guard let result = first else {
                throw TimedOut(executable: executable, arguments: arguments, timeout: timeout)
            }
            return result
        }
    }

    /// The same launch settings for collected and long-running children.
    public static func configuration(executable: String, arguments: [String], in directory: URL,
                                     environment: [String: String]) -> Configuration
    {
        var keyed: [Environment.Key: String] = [:]
        for (key, value) in environment { keyed[Environment.Key(stringLiteral: key)] = value }
        return Configuration(executable: .path(.init(executable)), arguments: Arguments(arguments),
                             environment: .custom(keyed), workingDirectory: .init(directory.path))
    }

    /// A shell-style exit code: the status, or 128 + the signal that ended the child.
    public static func exitCode(_ status: TerminationStatus) -> Int32 {
        switch status {
        case .exited(let code): code
        case .signaled(let signal): 128 + signal
        }
    }
}
