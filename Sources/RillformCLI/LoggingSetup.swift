import Foundation
import Logging

/// Log output: stderr, level from `RILLFORM_LOG_LEVEL` (`trace`, `debug`, `info`, `notice`, `warning`, `error`,
/// `critical`; default `warning`). Debug logs name each API call (method, path, status, attempt, duration), never
/// headers, bodies or tokens.
public enum LoggingSetup {
    public static let environmentVariable = "RILLFORM_LOG_LEVEL"

    /// Call once, before any logger is made (the entry point does).
    public static func bootstrap(environment: [String: String] = ProcessInfo.processInfo.environment) {
        let level = environment[environmentVariable].flatMap { Logger.Level(rawValue: $0.lowercased()) } ?? .warning
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
    }
}
