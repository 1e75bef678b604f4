/// A short line diff for golden mismatches: the common leading and trailing lines are dropped and the
/// differing middle is shown as `-` (golden) and `+` (actual) lines, each side capped so a rewrite stays readable.
enum GoldenDiff {
    static func summary(expected: String, actual: String, maxLinesPerSide: Int = 12) -> String {
        let old = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let new = actual.split(separator: "\n", omittingEmptySubsequences: false)
        var prefix = 0
        while prefix < old.count, prefix < new.count, old[prefix] == new[prefix] { prefix += 1 }
        var suffix = 0
        while suffix < old.count - prefix, suffix < new.count - prefix,
            old[old.count - 1 - suffix] == new[new.count - 1 - suffix]
        {
            suffix += 1
        }
        let removed = old[prefix..<(old.count - suffix)]
        let added = new[prefix..<(new.count - suffix)]
        var lines = ["@@ line \(prefix + 1) @@"]
        lines += side(removed, marker: "-", limit: maxLinesPerSide)
        lines += side(added, marker: "+", limit: maxLinesPerSide)
        return lines.joined(separator: "\n")
    }

    private static func side(_ lines: ArraySlice<Substring>, marker: String, limit: Int) -> [String] {
        var shown = lines.prefix(limit).map { "\(marker)\($0)" }
        if lines.count > limit { shown.append("\(marker)… \(lines.count - limit) more lines") }
        return shown
    }
}
