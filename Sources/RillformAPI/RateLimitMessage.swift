import Foundation

/// Rill's 429 body says when to come back, and sends no `Retry-After` header:
/// `Rate limit exceeded. Try again in <d> seconds`, where `<d>` is Go's `%v` of a `time.Duration`
/// (e.g. `333.333015ms`, `1.5s`, `2m0s`) — see `Limit` in runtime/pkg/ratelimit/ratelimiter.go.
enum RateLimitMessage {
    /// The wait in a Rill rate-limit message, or `nil` when the message has none.
    static func retryAfter(in message: String) -> Duration? {
        guard let start = message.range(of: "try again in ", options: .caseInsensitive) else { return nil }
        let rest = message[start.upperBound...]
        let token = rest.prefix { !$0.isWhitespace }
        return GoDuration.parse(String(token))
    }
}

/// Go's `time.ParseDuration`: a sequence of decimal numbers, each with an optional fraction and a unit
/// (`ns`, `us`, `µs`, `μs`, `ms`, `s`, `m`, `h`), e.g. `1m30.5s`; an optional sign; `0` alone.
/// Negative durations come back as `nil` (a wait cannot be negative).
enum GoDuration {
    static func parse(_ text: String) -> Duration? {
        var scalars = Substring(text).unicodeScalars[...]
        var negative = false
        if let first = scalars.first, first == "-" || first == "+" {
            negative = first == "-"
            scalars = scalars.dropFirst()
        }
        if String(scalars) == "0" { return .zero }
        guard !scalars.isEmpty else { return nil }
        var total: Duration = .zero
        while !scalars.isEmpty {
            let whole = scalars.prefix { ("0"..."9").contains($0) }
            scalars = scalars.dropFirst(whole.count)
            var fraction = Substring.UnicodeScalarView()[...]
            if scalars.first == "." {
                scalars = scalars.dropFirst()
                fraction = scalars.prefix { ("0"..."9").contains($0) }
                scalars = scalars.dropFirst(fraction.count)
            }
            guard !whole.isEmpty || !fraction.isEmpty else { return nil }
            let unitText = scalars.prefix { !("0"..."9").contains($0) && $0 != "." }
            scalars = scalars.dropFirst(unitText.count)
            guard let unitNanoseconds = unit(String(unitText)) else { return nil }
            guard let wholeValue = Int64(String(whole).isEmpty ? "0" : String(whole)) else { return nil }
            let (product, overflow) = wholeValue.multipliedReportingOverflow(by: unitNanoseconds)
            guard !overflow else { return nil }
            total += .nanoseconds(product)
            if !fraction.isEmpty, let digits = Double("0." + String(fraction)) {
                total += .nanoseconds(Int64((digits * Double(unitNanoseconds)).rounded()))
            }
        }
        return negative && total != .zero ? nil : total
    }

    private static func unit(_ text: String) -> Int64? {
        switch text {
        case "ns": 1
        case "us", "\u{00B5}s", "\u{03BC}s": 1_000
        case "ms": 1_000_000
        case "s": 1_000_000_000
        case "m": 60_000_000_000
        case "h": 3_600_000_000_000
        default: nil
        }
    }
}
