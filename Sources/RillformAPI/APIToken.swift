import Foundation

/// A Rill API token (`rill_usr_…` for a user, `rill_svc_…` for a service account).
///
/// The secret never leaves this value by accident: `description`, `debugDescription`, string interpolation,
/// `dump` and `Mirror` all show a redacted form. Code that must hand the secret on (the HTTP `Authorization`
/// header, a token sink) calls `revealSecret()` explicitly, so every such place is easy to find.
public struct APIToken: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// Which kind of identity a token belongs to, judged by its prefix.
    public enum Kind: String, Sendable, Hashable {
        case user, service, unknown
    }

    /// The name of the environment variable `init(environment:)` reads.
    public static let environmentVariable = "RILL_API_TOKEN"

    private let secret: String

    /// Wraps a token. Leading and trailing whitespace (a trailing newline from a file or a pipe) is trimmed.
    /// - Throws: `APITokenError` when the token is empty or contains whitespace or control characters
    ///   (it is sent in an HTTP header, so those would corrupt the request).
    public init(_ secret: String) throws(APITokenError) {
        let trimmed = secret.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { throw .empty(source: "the given value") }
        guard trimmed.unicodeScalars.allSatisfy({ $0.isASCII && $0.value > 0x20 && $0.value < 0x7F }) else {
            throw .malformed(source: "the given value")
        }
        self.secret = trimmed
    }

    /// Reads the token from `RILL_API_TOKEN` (or another variable) in `environment`.
    public init(environment: [String: String] = ProcessInfo.processInfo.environment,
                variable: String = APIToken.environmentVariable) throws(APITokenError) {
        guard let value = environment[variable] else { throw .missingEnvironmentVariable(variable) }
        do {
            try self.init(value)
        } catch .empty {
            throw .empty(source: "environment variable \(variable)")
        } catch {
            throw .malformed(source: "environment variable \(variable)")
        }
    }

    /// Reads the token from a file (for example a mounted secret), trimming surrounding whitespace.
    public init(contentsOfFile path: String) throws(APITokenError) {
        let contents: String
        do {
            contents = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw .unreadableFile(path: path)
        }
        do {
            try self.init(contents)
        } catch .empty {
            throw .empty(source: "file \(path)")
        } catch {
            throw .malformed(source: "file \(path)")
        }
    }

    /// The token kind, from its prefix.
    public var kind: Kind {
        if secret.hasPrefix("rill_usr_") { return .user }
        if secret.hasPrefix("rill_svc_") { return .service }
        return .unknown
    }

    /// True when the token starts with `prefix` (Rill lists tokens by a visible prefix). Never reveals the secret.
    public func hasPrefix(_ prefix: String) -> Bool {
        !prefix.isEmpty && secret.hasPrefix(prefix)
    }

    /// The secret itself. Only for the `Authorization` header and for writing an issued token to its sink.
    public func revealSecret() -> String { secret }

    public var description: String {
        switch kind {
        case .user: "APIToken(rill_usr_<redacted>)"
        case .service: "APIToken(rill_svc_<redacted>)"
        case .unknown: "APIToken(<redacted>)"
        }
    }

    public var debugDescription: String { description }

    /// No children: `dump` and debuggers show only the redacted description.
    public var customMirror: Mirror { Mirror(self, children: [], displayStyle: .struct) }
}

/// Why a token could not be loaded. Never contains the token.
public enum APITokenError: Error, Sendable, Hashable, CustomStringConvertible {
    case missingEnvironmentVariable(String)
    case unreadableFile(path: String)
    case empty(source: String)
    case malformed(source: String)

    public var description: String {
        switch self {
        case .missingEnvironmentVariable(let name): "no API token: environment variable \(name) is not set"
        case .unreadableFile(let path): "cannot read the API token file \(path)"
        case .empty(let source): "the API token from \(source) is empty"
        case .malformed(let source):
            "the API token from \(source) contains whitespace or control characters"
        }
    }
}
