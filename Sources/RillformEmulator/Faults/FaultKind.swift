import Foundation

/// A kind of injected failure.
public enum FaultKind: String, Sendable, Hashable, CaseIterable, Codable, Comparable {
    /// HTTP 500, gRPC Internal; the request is not executed.
    case internalError = "500"
    /// HTTP 503, gRPC Unavailable; the request is not executed.
    case unavailable = "503"
    /// HTTP 429, gRPC ResourceExhausted with Rill's "Rate limit exceeded. Try again in … seconds" and, like
    /// Rill, no Retry-After header; the request is not executed.
    case rateLimited = "429"
    /// Writes only: the request commits, then the connection is closed before any response is sent.
    case ambiguousCommit = "ambiguous"

    public static func < (lhs: FaultKind, rhs: FaultKind) -> Bool { lhs.rawValue < rhs.rawValue }

    /// Parses a comma-separated list such as `500,503,429,ambiguous`.
    public static func parseList(_ text: String) -> Set<FaultKind>? {
        var kinds = Set<FaultKind>()
        for part in text.split(separator: ",") {
            guard let kind = FaultKind(rawValue: part.trimmingCharacters(in: .whitespaces)) else { return nil }
            kinds.insert(kind)
        }
        return kinds
    }
}
