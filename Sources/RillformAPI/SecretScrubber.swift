/// Removes anything that looks like a Rill token from text that may end up in errors or logs
/// (server messages are echoed into `RillAPIError`). Defence in depth: we never put tokens there ourselves.
enum SecretScrubber {
    private static let prefixes = ["rill_usr_", "rill_svc_", "rill_mgc_", "rill_"]

    /// Replaces every `rill_xxx_<secret>` run with `rill_xxx_<redacted>`, and every `Bearer <value>` with
    /// `Bearer <redacted>`.
    static func scrub(_ text: String) -> String {
        guard text.contains("rill_") || text.lowercased().contains("bearer") else { return text }
        var output = ""
        var rest = Substring(text)
        while !rest.isEmpty {
            if let prefix = prefixes.first(where: { rest.hasPrefix($0) }) {
                let afterPrefix = rest.dropFirst(prefix.count)
                let secretRun = afterPrefix.prefix(while: isTokenCharacter)
                if secretRun.count >= 6 {
                    output += prefix + "<redacted>"
                    rest = afterPrefix.dropFirst(secretRun.count)
                    continue
                }
            }
            if rest.prefix(7).lowercased() == "bearer " {
                let afterKeyword = rest.dropFirst("bearer ".count)
                let value = afterKeyword.prefix(while: { !$0.isWhitespace && $0 != "\"" && $0 != "," })
                if !value.isEmpty {
                    output += rest.prefix("bearer ".count) + "<redacted>"
                    rest = afterKeyword.dropFirst(value.count)
                    continue
                }
            }
            if let first = rest.first { output.append(first) }
            rest = rest.dropFirst()
        }
        return output
    }

    private static func isTokenCharacter(_ character: Character) -> Bool {
        character.isASCII && (character.isLetter || character.isNumber || character == "_" || character == "-")
    }
}
