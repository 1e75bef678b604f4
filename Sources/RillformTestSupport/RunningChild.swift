import Foundation
import Subprocess
import Synchronization

/// A child process a test starts and later signals (kill -9 mid-apply, SIGTERM to a server), with its
/// combined output collected as it arrives. Built on swift-subprocess for the reason in ``ChildProcess``.
public final class RunningChild: Sendable {
    private struct State {
        var output = ""
        var exitCode: Int32?
    }

    /// Shared with the task that runs the child.
    private final class SharedState: Sendable {
        let mutex = Mutex(State())
        func withLock<T>(_ body: (inout State) -> T) -> T { mutex.withLock { body(&$0) } }
    }

    private let state = SharedState()
    private let signals: AsyncStream<Int32>.Continuation
    private let outcome: Task<Void, any Error>

    /// Starts `executable ARGS…` in `directory` with exactly `environment` and standard input from /dev/null.
    public init(executable: String, arguments: [String], in directory: URL, environment: [String: String]) {
        let (requests, signals) = AsyncStream.makeStream(of: Int32.self)
        self.signals = signals
        let configuration = ChildProcess.configuration(executable: executable, arguments: arguments, in: directory,
                                                       environment: environment)
        let state = self.state
        outcome = Task {
            do {
                let result = try await Subprocess.run(
                    configuration, input: .none, output: .sequence, error: .combinedWithOutput
                ) { execution in
                    await withTaskGroup(of: Void.self) { group in
                        // Ends at end of file, that is when the child exits.
                        group.addTask {
                            do {
                                for try await chunk in execution.standardOutput {
                                    let text = chunk.withUnsafeBytes { String(decoding: $0, as: UTF8.self) }
                                    state.withLock { $0.output += text }
                                }
                            } catch {}
                        }
                        group.addTask {
                            for await signal in requests { try? execution.send(signal: Signal(rawValue: signal)) }
                        }
                        await group.next()
                        group.cancelAll()
                    }
                }
                state.withLock { $0.exitCode = ChildProcess.exitCode(result.terminationStatus) }
            } catch {
                state.withLock { $0.exitCode = -1 }
                throw error
            }
        }
    }

    deinit { signals.finish() }

    /// False once the child has exited and been reaped.
    public var isRunning: Bool { state.withLock { $0.exitCode == nil } }

    /// Standard output and error so far, interleaved as written.
    public var output: String { state.withLock { $0.output } }

    /// Sends a signal (for example `SIGKILL` or `SIGTERM`) if the child is still running.
    public func send(_ signal: Int32) {
        signals.yield(signal)
    }

    /// Waits for the child to exit; a shell-style exit code (128 + signal when a signal ended it).
    public func wait() async throws -> Int32 {
        try await outcome.value
        return state.withLock { $0.exitCode ?? -1 }
    }

    /// Waits until the output contains a line starting with `prefix`, the child exits, or `timeout` passes;
    /// returns the rest of that line.
    public func line(startingWith prefix: String, timeout: Duration) async throws -> String? {
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: timeout)
        while clock.now < deadline {
            // Only whole lines: a chunk may end mid-line.
            let complete = output.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
            if let line = complete.first(where: { $0.hasPrefix(prefix) }) {
                return String(line.dropFirst(prefix.count))
            }
            if !isRunning { return nil }
            try await Task.sleep(for: .milliseconds(20))
        }
        return nil
    }
}
