import RillformModel

/// Reads one manifest file's YAML tree into fragments, reporting every problem with its position.
/// Used by one caller at a time (it accumulates diagnostics), never shared across tasks.
final class ManifestReader {
    /// A key of a mapping with its value.
    struct Entry {
        var key: String
        var keyMark: YAMLMark
        var value: YAMLNode
    }

    /// A mapping whose keys were checked: strings, no duplicates, no unknown keys.
    struct Fields {
        var mark: YAMLMark
        var entries: [String: Entry]
        /// Keys reported as unknown (a typo there can explain a later "missing" diagnostic).
        var unknownKeys: [String] = []

        subscript(_ key: String) -> Entry? { entries[key] }
    }

    let file: String
    let environment: [String: String]
    private(set) var diagnostics: [Diagnostic] = []
    /// Values that came from `${VAR}`: messages never echo them (the environment may hold secrets).
    private(set) var interpolatedLocations: Set<SourceLocation> = []

    init(file: String, environment: [String: String]) {
        self.file = file
        self.environment = environment
    }

    func location(_ mark: YAMLMark) -> SourceLocation {
        SourceLocation(file: file, line: mark.line, column: mark.column)
    }

    func report(_ code: ManifestDiagnosticCode, _ message: String, at mark: YAMLMark,
                related: [SourceLocation] = []) {
        diagnostics.append(.manifest(code, message, at: location(mark), related: related))
    }

    func report(_ code: ManifestDiagnosticCode, _ message: String, at location: SourceLocation,
                related: [SourceLocation] = []) {
        diagnostics.append(.manifest(code, message, at: location, related: related))
    }

    // MARK: Mappings

    /// Checks that `node` is a mapping of known string keys; reports duplicates, unknown and missing keys.
    /// - Parameter what: how messages name the mapping, e.g. `project 'sales'`.
    func fields(_ node: YAMLNode, of what: String, allowed: [String], required: [String] = []) -> Fields? {
        guard let (mark, pairs) = entries(node, of: what) else { return nil }
        var entries: [String: Entry] = [:]
        var unknownKeys: [String] = []
        for entry in pairs {
            guard allowed.contains(entry.key) else {
                unknownKeys.append(entry.key)
                report(.unknownKey,
                       "unknown key '\(entry.key)' in \(what)\(Suggestion.hint(for: entry.key, in: allowed))",
                       at: entry.keyMark)
                continue
            }
            entries[entry.key] = entry
        }
        for key in required where entries[key] == nil {
            report(.missingRequired, "\(what) is missing required key '\(key)'", at: mark)
        }
        return Fields(mark: mark, entries: entries, unknownKeys: unknownKeys)
    }

    /// The entries of a mapping in file order, string keys only, duplicates reported at their second occurrence.
    func entries(_ node: YAMLNode, of what: String, keyCode: ManifestDiagnosticCode = .unsupportedYAML)
        -> (mark: YAMLMark, entries: [Entry])?
    {
        guard case .mapping(let pairs, _, let mark) = node.dereferenced else {
            report(.wrongType, "\(what) must be a mapping, got \(node.kindName)", at: node.mark)
            return nil
        }
        var seen: [String: YAMLMark] = [:]
        var result: [Entry] = []
        for pair in pairs {
            guard let key = keyString(pair.key, in: what, code: keyCode) else { continue }
            if let first = seen[key.text] {
                report(.duplicateKey,
                       "duplicate key '\(key.text)' in \(what) (first at \(location(first)))",
                       at: key.mark, related: [location(first)])
                continue
            }
            seen[key.text] = key.mark
            result.append(Entry(key: key.text, keyMark: key.mark, value: pair.value))
        }
        return (mark, result)
    }

    /// A mapping key as text; keys are never interpolated. Reports non-string keys.
    func keyString(_ node: YAMLNode, in what: String, code: ManifestDiagnosticCode = .unsupportedYAML)
        -> (text: String, mark: YAMLMark)?
    {
        guard case .scalar(let scalar) = node.dereferenced else {
            report(code, "keys in \(what) must be strings, got \(node.kindName)", at: node.mark)
            return nil
        }
        guard case .string(let text) = ScalarValue.resolve(scalar) else {
            report(code,
                   "keys in \(what) must be strings, got \(ScalarValue.resolve(scalar).kindName) '\(scalar.value)'"
                       + " (quote it)",
                   at: node.mark)
            return nil
        }
        return (text, node.mark)
    }

    // MARK: Scalars

    /// The scalar's meaning after `${VAR}` interpolation; reports non-scalars and interpolation errors.
    func scalar(_ node: YAMLNode, field: String, expected: String = "a scalar value") -> ScalarValue? {
        guard case .scalar(let scalar) = node.dereferenced else {
            report(.wrongType, "'\(field)' must be \(expected), got \(node.kindName)", at: node.mark)
            return nil
        }
        switch Interpolation.expand(scalar.value, environment: environment) {
        case .success(let text):
            if text != scalar.value { interpolatedLocations.insert(location(node.mark)) }
            return ScalarValue.resolve(text, style: scalar.style, tag: scalar.tag)
        case .failure(let problems):
            for problem in problems.items {
                report(.interpolation, problem.message, at: interpolationMark(scalar, offset: problem.offset))
            }
            return nil
        }
    }

    /// Where `${` sits: exact for single-line plain and quoted scalars, the scalar's start otherwise.
    private func interpolationMark(_ scalar: YAMLScalar, offset: Int) -> YAMLMark {
        guard !scalar.value.contains("\n") else { return scalar.mark }
        switch scalar.style {
        case .plain: return YAMLMark(line: scalar.mark.line, column: scalar.mark.column + offset)
        case .singleQuoted, .doubleQuoted:
            return YAMLMark(line: scalar.mark.line, column: scalar.mark.column + 1 + offset)
        case .literal, .folded: return scalar.mark
        }
    }

    func string(_ entry: Entry?) -> Located<String>? {
        guard let entry, let value = scalar(entry.value, field: entry.key, expected: "a string") else { return nil }
        guard case .string(let text) = value else {
            report(.wrongType,
                   "'\(entry.key)' must be a string, got \(describe(value, at: entry.value.mark))\(quoteHint(value))",
                   at: entry.value.mark)
            return nil
        }
        return Located(text, at: location(entry.value.mark))
    }

    func bool(_ entry: Entry?) -> Located<Bool>? {
        guard let entry, let value = scalar(entry.value, field: entry.key, expected: "a boolean") else { return nil }
        guard case .bool(let flag) = value else {
            var hint = ""
            if case .string(let text) = value, ["yes", "no", "on", "off", "y", "n"].contains(text.lowercased()) {
                hint = " (write true or false)"
            }
            report(.wrongType,
                   "'\(entry.key)' must be a boolean (true or false), got "
                       + "\(describe(value, at: entry.value.mark))\(hint)",
                   at: entry.value.mark)
            return nil
        }
        return Located(flag, at: location(entry.value.mark))
    }

    func int(_ entry: Entry?) -> Located<Int>? {
        guard let entry, let value = scalar(entry.value, field: entry.key, expected: "an integer") else { return nil }
        guard case .int(let number) = value else {
            report(.wrongType, "'\(entry.key)' must be an integer, got \(describe(value, at: entry.value.mark))",
                   at: entry.value.mark)
            return nil
        }
        return Located(number, at: location(entry.value.mark))
    }

    func number(_ entry: Entry?) -> Located<Double>? {
        guard let entry, let value = scalar(entry.value, field: entry.key, expected: "a number") else { return nil }
        switch value {
        case .int(let number): return Located(Double(number), at: location(entry.value.mark))
        case .float(let number) where number.isFinite: return Located(number, at: location(entry.value.mark))
        default:
            report(.wrongType, "'\(entry.key)' must be a number, got \(describe(value, at: entry.value.mark))",
                   at: entry.value.mark)
            return nil
        }
    }

    /// The items of a list value; reports a non-list.
    func list(_ entry: Entry?) -> [YAMLNode]? {
        guard let entry else { return nil }
        guard case .sequence(let items, _, _) = entry.value.dereferenced else {
            report(.wrongType, "'\(entry.key)' must be a list, got \(entry.value.kindName)", at: entry.value.mark)
            return nil
        }
        return items
    }

    /// A list of strings (`previously`), each located.
    func stringList(_ entry: Entry?) -> [Located<String>]? {
        guard let entry, let items = list(entry) else { return nil }
        return items.compactMap { string(Entry(key: entry.key, keyMark: entry.keyMark, value: $0)) }
    }

    /// A string that must be one of `cases` (roles, environments, states).
    func enumeration<T: RawRepresentable & CaseIterable>(
        _ entry: Entry?, as type: T.Type, code: ManifestDiagnosticCode, noun: String
    ) -> Located<T>? where T.RawValue == String {
        guard let entry,
              let text = enumerationValue(entry, choices: T.allCases.map(\.rawValue), code: code, noun: noun),
              let value = T(rawValue: text.value)
        else { return nil }
        return Located(value, at: text.location)
    }

    /// `'text'`, or a placeholder when the text came from the environment.
    func shown(_ text: String, at location: SourceLocation) -> String {
        interpolatedLocations.contains(location) ? "(a value from the environment, not shown)" : "'\(text)'"
    }

    func describe(_ value: ScalarValue, at mark: YAMLMark) -> String {
        if interpolatedLocations.contains(location(mark)) {
            return "\(value.kindName) (from the environment, not shown)"
        }
        return switch value {
        case .null: "null (an empty value)"
        case .bool(let flag): "a boolean (\(flag))"
        case .int(let number): "an integer (\(number))"
        case .float(let number): "a number (\(number))"
        case .string(let text): "a string ('\(text)')"
        case .timestamp(let text): "a timestamp (\(text))"
        case .binary, .unsupportedTag: value.kindName
        }
    }

    private func quoteHint(_ value: ScalarValue) -> String {
        switch value {
        case .bool, .int, .float, .timestamp: " (quote it to make it a string)"
        default: ""
        }
    }

    // MARK: Names

    /// Reports a name Rill would refuse.
    func checkName(_ name: Located<String>, kind: String) {
        if let problem = NameRules.nameProblem(name.value) {
            report(.invalidName,
                   "\(kind) name \(shown(name.value, at: name.location)) \(problem) "
                       + "(Rill allows \(NameRules.nameRuleText))",
                   at: name.location)
        }
    }
}
