#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where progress text goes. Injected so tests can capture exactly what would be printed.
public protocol TextOutput: Sendable {
    /// Writes `text` as is (no newline is added).
    func write(_ text: String)
}

/// Writes to a file descriptor, unbuffered, so a live status line appears as soon as it is written.
public struct FileDescriptorOutput: TextOutput {
    /// The descriptor written to.
    public let descriptor: Int32

    /// Writes to `descriptor`, which the caller keeps open.
    public init(descriptor: Int32) {
        self.descriptor = descriptor
    }

    /// Standard output (descriptor 1).
    public static let standardOutput = FileDescriptorOutput(descriptor: 1)
    /// Standard error (descriptor 2).
    public static let standardError = FileDescriptorOutput(descriptor: 2)

    /// Writes all of `text`, retrying short writes and interrupted calls; gives up silently on other errors
    /// (progress output must never fail an apply).
    public func write(_ text: String) {
        let bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { buffer in
                systemWrite(descriptor, buffer.baseAddress.map { $0 + offset }, buffer.count - offset)
            }
            if written > 0 {
                offset += written
            } else if written < 0 && errno == EINTR {
                continue
            } else {
                return
            }
        }
    }
}

#if canImport(Glibc)
private let systemWrite = Glibc.write
#elseif canImport(Darwin)
private let systemWrite = Darwin.write
#endif
