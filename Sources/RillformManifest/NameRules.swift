/// Rules for names and values that Rill's admin API would refuse.
enum NameRules {
    /// Rill's identifying-name rule (`slugRegexp` in rilldata/rill `admin/database/validate.go`:
    /// `^[_a-zA-Z0-9][-_a-zA-Z0-9]{2,39}$`, applied to org, project and service names): 3–40 characters of letters,
    /// digits, `_` and `-`, not starting with `-`. Checked here so a bad name fails in `validate`, not mid-apply.
    static func nameProblem(_ name: String) -> String? {
        guard (3...40).contains(name.count) else {
            return name.count < 3 ? "is shorter than 3 characters" : "is longer than 40 characters"
        }
        guard name.allSatisfy(isNameCharacter) else {
            return "may only contain letters, digits, '_' and '-'"
        }
        if name.hasPrefix("-") { return "must not start with '-'" }
        return nil
    }

    static let nameRuleText = "3-40 characters of letters, digits, '_' and '-', not starting with '-'"

    private static func isNameCharacter(_ character: Character) -> Bool {
        character.isASCII && (character.isLetter || character.isNumber || character == "_" || character == "-")
    }

    /// Rill only connects HTTPS GitHub remotes (through its GitHub app): `https://github.com/OWNER/REPO.git`.
    static func isGitRemote(_ text: String) -> Bool {
        let prefix = "https://github.com/"
        guard text.hasPrefix(prefix), text.hasSuffix(".git") else { return false }
        let path = text.dropFirst(prefix.count).dropLast(4)
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2 else { return false }
        let owner = parts[0], repository = parts[1]
        let ownerOK = !owner.isEmpty && !owner.hasPrefix("-")
            && owner.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }
        let repositoryOK = !repository.isEmpty
            && repository.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "-_.".contains($0)) }
        return ownerOK && repositoryOK
    }

    /// A deliberately loose check (`local@domain.tld`, no spaces): catches typos, not every RFC corner.
    static func isEmail(_ text: String) -> Bool {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, !text.contains(where: \.isWhitespace) else { return false }
        let domain = parts[1].split(separator: ".", omittingEmptySubsequences: false)
        return domain.count >= 2 && domain.allSatisfy { !$0.isEmpty }
    }
}

extension NameRules {
    /// A host name as an allowed email domain (`acme.com`, `eu.acme.co.uk`): dot-separated labels of letters, digits
    /// and `-` (not at either end of a label, at most 63 characters), at least two labels, the last starting with a
    /// letter. The same rule as the JSON Schema's `domain` pattern: `^([a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?\.)+`
    /// `[a-zA-Z]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?$`.
    static func isDomain(_ text: String) -> Bool {
        let labels = text.split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 2, let last = labels.last, last.first?.isLetter == true else { return false }
        return labels.allSatisfy { label in
            (1...63).contains(label.count) && label.first != "-" && label.last != "-"
                && label.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }
        }
    }
}

/// "Did you mean" suggestions by edit distance.
enum Suggestion {
    static func closest(to word: String, in candidates: [String]) -> String? {
        let limit = max(1, min(3, word.count / 3 + 1))
        let scored = candidates.map { ($0, distance(word.lowercased(), $0.lowercased())) }
            .filter { $0.1 <= limit }
            .sorted { ($0.1, $0.0) < ($1.1, $1.0) }
        return scored.first?.0
    }

    /// Levenshtein distance.
    static func distance(_ lhs: String, _ rhs: String) -> Int {
        let a = Array(lhs), b = Array(rhs)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }

    /// `; did you mean 'x'?` or nothing.
    static func hint(for word: String, in candidates: [String]) -> String {
        closest(to: word, in: candidates).map { "; did you mean '\($0)'?" } ?? ""
    }
}
