/// `${VAR}` / `${VAR:-default}` substitution in scalar values; `$$` is a literal `$`.
///
/// As in Docker Compose, `:-` uses the default when the variable is unset *or empty*. A `$` not followed by `{` or
/// `$` is kept as is, so `$HOME` in a description stays literal text.
enum Interpolation {
    struct Problems: Error, Sendable, Hashable {
        var items: [Problem]
    }

    struct Problem: Sendable, Hashable {
        /// Offset in characters from the start of the scalar text.
        var offset: Int
        var message: String
    }

    static func expand(_ text: String, environment: [String: String]) -> Result<String, Problems> {
        guard text.contains("$") else { return .success(text) }
        let characters = Array(text)
        var output = ""
        var problems: [Problem] = []
        var index = 0
        while index < characters.count {
            let character = characters[index]
            guard character == "$", index + 1 < characters.count else {
                output.append(character)
                index += 1
                continue
            }
            let next = characters[index + 1]
            if next == "$" {
                output.append("$")
                index += 2
                continue
            }
            guard next == "{" else {
                output.append(character)
                index += 1
                continue
            }
            guard let close = characters[(index + 2)...].firstIndex(of: "}") else {
                problems.append(Problem(offset: index, message: "unterminated '${' (write '$$' for a literal '$')"))
                break
            }
            let body = String(characters[(index + 2)..<close])
            let name: String
            let fallback: String?
            if let separator = body.range(of: ":-") {
                name = String(body[..<separator.lowerBound])
                fallback = String(body[separator.upperBound...])
            } else {
                name = body
                fallback = nil
            }
            if !isVariableName(name) {
                problems.append(Problem(offset: index, message: "invalid variable reference '${\(body)}'"))
            } else if let value = environment[name], !(value.isEmpty && fallback != nil) {
                output += value
            } else if let fallback {
                output += fallback
            } else {
                problems.append(Problem(
                    offset: index, message: "environment variable '\(name)' is not set (use '${\(name):-default}')"))
            }
            index = close + 1
        }
        return problems.isEmpty ? .success(output) : .failure(Problems(items: problems))
    }

    private static func isVariableName(_ name: String) -> Bool {
        guard let first = name.first, first == "_" || (first.isASCII && first.isLetter) else { return false }
        return name.allSatisfy { $0 == "_" || ($0.isASCII && ($0.isLetter || $0.isNumber)) }
    }
}
