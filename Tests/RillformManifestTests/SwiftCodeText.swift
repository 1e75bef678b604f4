/// Swift source with comments and string literals blanked out (newlines kept, so line numbers still match),
/// for architecture checks that must not trip over documentation or text such as an embedded schema.
/// A light lexer: `//` and nested `/* */` comments, `"…"`, `"""…"""` and raw `#"…"#` strings.
struct SwiftCodeText {
    /// One entry per source line, code only.
    let lines: [String]

    init(_ source: String) {
        let characters = Array(source)
        var output = ""
        var index = 0
        func peek(_ text: String, at position: Int) -> Bool {
            let wanted = Array(text)
            guard position + wanted.count <= characters.count else { return false }
            return Array(characters[position..<(position + wanted.count)]) == wanted
        }
        /// Blanks `characters[from..<to]`, keeping newlines.
        func blank(_ from: Int, _ to: Int) {
            for character in characters[from..<min(to, characters.count)] {
                output.append(character == "\n" ? "\n" : " ")
            }
        }
        while index < characters.count {
            if peek("//", at: index) {
                var end = index
                while end < characters.count, characters[end] != "\n" { end += 1 }
                blank(index, end)
                index = end
            } else if peek("/*", at: index) {
                var depth = 0
                var end = index
                repeat {
                    if peek("/*", at: end) {
                        depth += 1
                        end += 2
                    } else if peek("*/", at: end) {
                        depth -= 1
                        end += 2
                    } else {
                        end += 1
                    }
                } while depth > 0 && end < characters.count
                blank(index, end)
                index = end
            } else if characters[index] == "#" || characters[index] == "\"" {
                var hashes = 0
                while index + hashes < characters.count, characters[index + hashes] == "#" { hashes += 1 }
                let quoteStart = index + hashes
                guard quoteStart < characters.count, characters[quoteStart] == "\"" else {
                    output.append(characters[index])
                    index += 1
                    continue
                }
                let pounds = String(repeating: "#", count: hashes)
                let multiline = peek("\"\"\"", at: quoteStart)
                let closing = (multiline ? "\"\"\"" : "\"") + pounds
                var end = quoteStart + (multiline ? 3 : 1)
                while end < characters.count, !peek(closing, at: end) {
                    // In a non-raw string `\"` does not close it.
                    if hashes == 0, characters[end] == "\\" { end += 2 } else { end += 1 }
                }
                end += closing.count
                blank(index, end)
                index = end
            } else {
                output.append(characters[index])
                index += 1
            }
        }
        lines = output.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }
}
