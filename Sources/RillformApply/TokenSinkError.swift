/// Why the token sink cannot be used. Messages name the file and the problem, never a token.
public enum TokenSinkError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The file exists with permissions wider than 0600 (`mode` is its permission bits).
    case insecurePermissions(path: String, mode: UInt32)
    /// The path is not a regular file (a directory, a device; symbolic links are refused too).
    case notARegularFile(path: String)
    /// The file belongs to another user.
    case ownedByAnotherUser(path: String)
    /// The directory for the file could not be created.
    case cannotCreateDirectory(path: String, reason: String)
    /// `open(2)` failed.
    case cannotOpen(path: String, reason: String)
    /// Writing or syncing failed; the token may not be durable, so nothing older may be revoked.
    case writeFailed(path: String, reason: String)
    /// The file could not be read.
    case cannotRead(path: String, reason: String)
    /// A line is not a JSON object with a string `token_id` (1-based line number).
    case malformedLine(path: String, line: Int)

    /// A sentence for the user, with the fix where there is one.
    public var description: String {
        switch self {
        case .insecurePermissions(let path, let mode):
            "token sink \(path) has mode \(Self.octal(mode)); it must be readable only by its owner "
                + "(run: chmod 600 \(path))"
        case .notARegularFile(let path):
            "token sink \(path) is not a regular file"
        case .ownedByAnotherUser(let path):
            "token sink \(path) belongs to another user"
        case .cannotCreateDirectory(let path, let reason):
            "cannot create directory \(path) for the token sink: \(reason)"
        case .cannotOpen(let path, let reason):
            "cannot open token sink \(path): \(reason)"
        case .writeFailed(let path, let reason):
            "cannot write token sink \(path): \(reason); no older token will be revoked"
        case .cannotRead(let path, let reason):
            "cannot read token sink \(path): \(reason)"
        case .malformedLine(let path, let line):
            "token sink \(path) line \(line) is not a token record; fix or remove that line "
                + "(tokens rillform issued are only recognised from this file)"
        }
    }

    private static func octal(_ mode: UInt32) -> String {
        let digits = String(mode, radix: 8)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }
}
