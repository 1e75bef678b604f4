import Foundation

/// RFC 3339 timestamps as protojson writes `google.protobuf.Timestamp` (UTC, `Z`).
enum Timestamp {
    /// The zero `Timestamp` Rill reports for tokens that never expire.
    static let zero = "0001-01-01T00:00:00Z"

    static func format(_ date: Date) -> String {
        Date.ISO8601FormatStyle(includingFractionalSeconds: true).format(date)
    }
}
