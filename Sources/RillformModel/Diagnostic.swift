/// The one diagnostic type of rillform: manifest problems, planner refusals and preflight findings all use it.
/// Stages collect diagnostics and return them; they do not throw on the first problem.
public struct Diagnostic: Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
    public enum Severity: String, Sendable, Hashable, Codable, Comparable {
        case error, warning, note

        private var rank: Int {
            switch self {
            case .error: 0
            case .warning: 1
            case .note: 2
            }
        }
        public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
    }

    public var severity: Severity
    /// Stable code such as `RF104`; documented in the README, never reused for another meaning.
    public var code: String
    public var message: String
    public var location: SourceLocation?
    /// Other places that matter (e.g. the first definition of a duplicate).
    public var related: [SourceLocation]

    public init(
        _ severity: Severity, code: String, message: String, at location: SourceLocation? = nil,
        related: [SourceLocation] = []
    ) {
        self.severity = severity
        self.code = code
        self.message = message
        self.location = location
        self.related = related
    }

    public static func error(_ code: String, _ message: String, at location: SourceLocation? = nil,
                             related: [SourceLocation] = []) -> Diagnostic {
        Diagnostic(.error, code: code, message: message, at: location, related: related)
    }

    public static func warning(_ code: String, _ message: String, at location: SourceLocation? = nil,
                               related: [SourceLocation] = []) -> Diagnostic {
        Diagnostic(.warning, code: code, message: message, at: location, related: related)
    }

    /// `file:line:col: error: message [RF104]` (or without the position when there is none).
    public var description: String {
        let prefix = location.map { "\($0): " } ?? ""
        return "\(prefix)\(severity.rawValue): \(message) [\(code)]"
    }

    /// Sorted by file position first (diagnostics without one come last), then code and message: deterministic output.
    public static func < (lhs: Diagnostic, rhs: Diagnostic) -> Bool {
        switch (lhs.location, rhs.location) {
        case let (l?, r?) where l != r: return l < r
        case (nil, _?): return false
        case (_?, nil): return true
        default: return (lhs.code, lhs.message, lhs.severity) < (rhs.code, rhs.message, rhs.severity)
        }
    }
}

extension Array where Element == Diagnostic {
    public var hasErrors: Bool { contains { $0.severity == .error } }
    public var errors: [Diagnostic] { filter { $0.severity == .error } }
    public var warnings: [Diagnostic] { filter { $0.severity == .warning } }
}
