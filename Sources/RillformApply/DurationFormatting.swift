extension Duration {
    /// Terraform-style elapsed time: `0.4s` and `12.0s` below a minute (rounded to tenths), then Go's whole-second
    /// form: `1m0s`, `1m5s`, `1h2m3s`.
    public var applyElapsedText: String {
        let (seconds, attoseconds) = components
        // Round to the nearest tenth: 1 tenth = 10^17 attoseconds.
        let tenths = max(0, seconds * 10 + (attoseconds + 50_000_000_000_000_000) / 100_000_000_000_000_000)
        if tenths < 600 {
            return "\(tenths / 10).\(tenths % 10)s"
        }
        let total = (tenths + 5) / 10
        let (hours, minutes, rest) = (total / 3600, total % 3600 / 60, total % 60)
        return hours > 0 ? "\(hours)h\(minutes)m\(rest)s" : "\(minutes)m\(rest)s"
    }
}
