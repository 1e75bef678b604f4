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

    /// Parses protojson's shape directly from the bytes (every list response carries two dates per item, and the
    /// format-style path was the client's largest cost after JSON itself); anything else goes the general way.
    static func parse(_ text: String) -> Date? {
        if let date = parseStrict(text) { return date }
        return parseGeneral(text)
    }

    /// `YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)`, nothing around it; nil for anything else.
    static func parseStrict(_ text: String) -> Date? {
        var text = text
        return text.withUTF8 { bytes -> Date? in
            var index = 0
            func number(_ width: Int) -> Int? {
                guard index + width <= bytes.count else { return nil }
                var value = 0
                for offset in 0..<width {
                    let digit = Int(bytes[index + offset]) - 48
                    guard (0...9).contains(digit) else { return nil }
                    value = value * 10 + digit
                }
                index += width
                return value
            }
            func expect(_ byte: UInt8, or other: UInt8? = nil) -> Bool {
                guard index < bytes.count, bytes[index] == byte || bytes[index] == other else { return false }
                index += 1
                return true
            }
            guard let year = number(4), expect(UInt8(ascii: "-")), let month = number(2), expect(UInt8(ascii: "-")),
                let day = number(2), expect(UInt8(ascii: "T"), or: UInt8(ascii: "t")), let hour = number(2),
                expect(UInt8(ascii: ":")), let minute = number(2), expect(UInt8(ascii: ":")), let second = number(2),
                (1...12).contains(month), (1...daysIn(month: month, year: year)).contains(day), hour < 24,
                minute < 60, second < 60
            else { return nil }
            var fraction = 0.0
            if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
                index += 1
                var scale = 0.1
                let start = index
                while index < bytes.count, (48...57).contains(bytes[index]) {
                    fraction += Double(bytes[index] - 48) * scale
                    scale /= 10
                    index += 1
                }
                guard index > start else { return nil }
            }
            var offsetSeconds = 0
            if expect(UInt8(ascii: "Z"), or: UInt8(ascii: "z")) {
                offsetSeconds = 0
            } else if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") {
                let sign = bytes[index] == UInt8(ascii: "-") ? -1 : 1
                index += 1
                guard let hours = number(2), expect(UInt8(ascii: ":")), let minutes = number(2), hours < 24,
                    minutes < 60
                else { return nil }
                offsetSeconds = sign * (hours * 3600 + minutes * 60)
            } else {
                return nil
            }
            guard index == bytes.count else { return nil }
            let days = daysFromCivil(year: year, month: month, day: day)
            let seconds = days * 86_400 + hour * 3600 + minute * 60 + second - offsetSeconds
            return Date(timeIntervalSince1970: Double(seconds) + fraction)
        }
    }

    /// Days since 1970-01-01 in the proleptic Gregorian calendar (H. Hinnant's `days_from_civil`).
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    private static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Parses by splitting off the fraction, so any number of fractional digits works.
    static func parseGeneral(_ text: String) -> Date? {
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
