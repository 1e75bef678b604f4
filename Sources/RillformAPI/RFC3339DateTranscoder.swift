import Foundation
import OpenAPIRuntime

/// Dates as protojson writes them: RFC 3339 with 0, 3, 6 or 9 fractional digits (`2024-05-01T10:00:00.123456Z`),
/// `Z` or a numeric offset, and the zero time `0001-01-01T00:00:00Z` for "never". The runtime's default
/// transcoder accepts only one of the fractional forms, so one response mixing both would fail to decode.
struct RFC3339DateTranscoder: DateTranscoder {
    private static let whole = Date.ISO8601FormatStyle(includingFractionalSeconds: false, timeZone: .gmt)

    func encode(_ date: Date) throws -> String {
        date.formatted(Self.whole)
    }

    func decode(_ text: String) throws -> Date {
        guard let date = RFC3339DateTranscoder.parse(text) else {
            throw DecodingError.dataCorrupted(
                DecodingError.Context(codingPath: [], debugDescription: "not an RFC 3339 date-time: \(text)"))
        }
        return date
    }

    /// Parses by splitting off the fraction, so any number of fractional digits works.
    static func parse(_ text: String) -> Date? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard let dot = trimmed.firstIndex(of: ".") else {
            return try? whole.parse(trimmed)
        }
        let afterDot = trimmed[trimmed.index(after: dot)...]
        let digits = afterDot.prefix(while: \.isASCII).prefix(while: \.isNumber)
        guard !digits.isEmpty, let fraction = Double("0." + digits) else { return nil }
        let withoutFraction = String(trimmed[..<dot]) + String(afterDot.dropFirst(digits.count))
        guard let date = try? whole.parse(withoutFraction) else { return nil }
        return date.addingTimeInterval(fraction)
    }
}
