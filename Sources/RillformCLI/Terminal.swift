import Foundation
import RillformApply

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where terminal-dependent choices are made: colour only on a TTY, never with a non-empty `NO_COLOR`
/// (no-color.org: an empty value does not count) and never for `TERM=dumb`, which cannot show ANSI escapes.
enum Terminal {
    static let standardOutput = FileDescriptorOutput.standardOutput
    static let standardError = FileDescriptorOutput.standardError

    static func isTTY(_ descriptor: Int32) -> Bool { isatty(descriptor) == 1 }

    static func colorEnabled(descriptor: Int32) -> Bool {
        colorEnabled(isTTY: isTTY(descriptor), environment: ProcessInfo.processInfo.environment)
    }

    /// The decision itself, on values.
    static func colorEnabled(isTTY: Bool, environment: [String: String]) -> Bool {
        guard isTTY else { return false }
        if let noColor = environment["NO_COLOR"], !noColor.isEmpty { return false }
        if environment["TERM"] == "dumb" { return false }
        return true
    }
}
