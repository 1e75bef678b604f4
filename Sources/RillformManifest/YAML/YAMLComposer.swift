import CYaml

/// Why a text could not be composed into YAML nodes.
struct YAMLComposeError: Error, Sendable, Hashable {
    enum Kind: Sendable, Hashable { case syntax, aliasExpansion, nesting }
    var kind: Kind
    var message: String
    var mark: YAMLMark
}

/// Builds `YAMLNode` trees from libyaml's event stream (the libyaml that Yams vendors).
///
/// Why not `Yams.compose`: in Yams 6.2.2 it throws on the first duplicate key (pointing at the *first* occurrence and
/// losing every other diagnostic of the file), replaces aliases by their targets (so positions inside aliases point at
/// the anchor and key hashing can expand an alias bomb). Here duplicates are left for the reader to report, aliases
/// stay aliases, and alias expansion is bounded while composing.
enum YAMLComposer {
    /// More nodes than this reached through aliases is treated as an alias bomb ("billion laughs").
    static let aliasExpansionLimit = 100_000
    /// Deeper nesting is refused before it can exhaust the stack of anything walking the tree.
    static let nestingLimit = 256

    static func compose(_ text: String) -> Result<[YAMLDocument], YAMLComposeError> {
        var bytes = Array(text.utf8)
        if bytes.isEmpty { bytes = [0x0A] }  // libyaml needs a non-null buffer
        return bytes.withUnsafeBufferPointer { buffer in
            var parser = yaml_parser_t()
            guard yaml_parser_initialize(&parser) == 1 else {
                return .failure(YAMLComposeError(kind: .syntax, message: "cannot initialise the YAML parser",
                                                 mark: YAMLMark(line: 1, column: 1)))
            }
            defer { yaml_parser_delete(&parser) }
            yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
            var state = ComposerState()
            while true {
                var event = yaml_event_t()
                guard yaml_parser_parse(&parser, &event) == 1 else {
                    return .failure(syntaxError(parser))
                }
                defer { yaml_event_delete(&event) }
                let step = state.handle(event)
                switch step {
                case .proceed: continue
                case .finished: return .success(state.documents)
                case .failed(let error): return .failure(error)
                }
            }
        }
    }

    private static func syntaxError(_ parser: yaml_parser_t) -> YAMLComposeError {
        let problem = parser.problem.map { String(cString: $0) } ?? "invalid YAML"
        var message = problem
        let mark = YAMLMark(line: Int(parser.problem_mark.line) + 1, column: Int(parser.problem_mark.column) + 1)
        if let context = parser.context.map({ String(cString: $0) }) {
            message += " " + context
            let start = YAMLMark(line: Int(parser.context_mark.line) + 1, column: Int(parser.context_mark.column) + 1)
            // "while scanning a quoted scalar": where it started is what the user needs to find.
            if start != mark { message += " that starts at line \(start.line), column \(start.column)" }
        }
        return YAMLComposeError(kind: .syntax, message: message, mark: mark)
    }
}

/// The mutable part of composing: a stack of open collections and the anchors seen in the current document.
private struct ComposerState {
    enum Step { case proceed, finished, failed(YAMLComposeError) }

    private struct Frame {
        var isMapping: Bool
        var items: [YAMLNode] = []
        var tag: String?
        var anchor: String?
        var mark: YAMLMark
        /// This collection's size with aliases expanded.
        var size = 1
    }

    var documents: [YAMLDocument] = []
    private var stack: [Frame] = []
    private var anchors: [String: (node: YAMLNode, size: Int)] = [:]
    private var documentMark = YAMLMark(line: 1, column: 1)
    private var root: YAMLNode?
    /// Nodes reached through aliases so far (an alias to a list of 9 nodes adds 10).
    private var aliasExpansion = 0

    mutating func handle(_ event: yaml_event_t) -> Step {
        let mark = YAMLMark(line: Int(event.start_mark.line) + 1, column: Int(event.start_mark.column) + 1)
        switch event.type {
        case YAML_STREAM_END_EVENT:
            return .finished
        case YAML_DOCUMENT_START_EVENT:
            anchors = [:]
            root = nil
            documentMark = mark
        case YAML_DOCUMENT_END_EVENT:
            documents.append(YAMLDocument(root: root, mark: documentMark))
        case YAML_SCALAR_EVENT:
            let data = event.data.scalar
            let scalar = YAMLScalar(
                value: Self.string(data.value, length: data.length) ?? "",
                tag: Self.string(data.tag), style: Self.style(data.style), mark: mark)
            return complete(.scalar(scalar), anchor: Self.string(data.anchor), size: 1)
        case YAML_ALIAS_EVENT:
            let name = Self.string(event.data.alias.anchor) ?? ""
            guard let target = anchors[name] else {
                return .failed(YAMLComposeError(kind: .syntax, message: "found undefined alias '*\(name)'", mark: mark))
            }
            aliasExpansion = Self.saturatingAdd(aliasExpansion, target.size)
            if aliasExpansion > YAMLComposer.aliasExpansionLimit {
                return .failed(YAMLComposeError(
                    kind: .aliasExpansion,
                    message: "aliases expand to more than \(YAMLComposer.aliasExpansionLimit) nodes at '*\(name)'; "
                        + "refusing a possible alias bomb",
                    mark: mark))
            }
            return complete(.alias(name: name, target: target.node, mark: mark), anchor: nil, size: target.size)
        case YAML_SEQUENCE_START_EVENT:
            guard stack.count < YAMLComposer.nestingLimit else { return nestingError(mark) }
            let data = event.data.sequence_start
            stack.append(Frame(isMapping: false, tag: Self.string(data.tag), anchor: Self.string(data.anchor),
                               mark: mark))
        case YAML_MAPPING_START_EVENT:
            guard stack.count < YAMLComposer.nestingLimit else { return nestingError(mark) }
            let data = event.data.mapping_start
            stack.append(Frame(isMapping: true, tag: Self.string(data.tag), anchor: Self.string(data.anchor),
                               mark: mark))
        case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
            guard let frame = stack.popLast() else { return .proceed }
            guard frame.isMapping else {
                return complete(.sequence(frame.items, tag: frame.tag, mark: frame.mark), anchor: frame.anchor,
                                size: frame.size)
            }
            var pairs: [YAMLPair] = []
            pairs.reserveCapacity(frame.items.count / 2)
            var index = 0
            while index + 1 < frame.items.count {
                pairs.append(YAMLPair(key: frame.items[index], value: frame.items[index + 1]))
                index += 2
            }
            return complete(.mapping(pairs, tag: frame.tag, mark: frame.mark), anchor: frame.anchor, size: frame.size)
        default:
            break
        }
        return .proceed
    }

    private func nestingError(_ mark: YAMLMark) -> Step {
        .failed(YAMLComposeError(kind: .nesting, message: "nesting deeper than \(YAMLComposer.nestingLimit) levels",
                                 mark: mark))
    }

    /// Attaches a finished node to its parent (or makes it the document root) and registers its anchor.
    private mutating func complete(_ node: YAMLNode, anchor: String?, size: Int) -> Step {
        if let anchor { anchors[anchor] = (node, size) }
        guard !stack.isEmpty else {
            root = node
            return .proceed
        }
        let top = stack.count - 1
        stack[top].items.append(node)
        stack[top].size = Self.saturatingAdd(stack[top].size, size)
        return .proceed
    }

    private static func saturatingAdd(_ lhs: Int, _ rhs: Int) -> Int {
        let (sum, overflow) = lhs.addingReportingOverflow(rhs)
        return overflow ? Int.max : sum
    }

    private static func string(_ pointer: UnsafeMutablePointer<yaml_char_t>?, length: Int? = nil) -> String? {
        guard let pointer else { return nil }
        guard let length else {
            return String(cString: UnsafeRawPointer(pointer).assumingMemoryBound(to: CChar.self))
        }
        return String(decoding: UnsafeBufferPointer(start: pointer, count: length), as: UTF8.self)
    }

    private static func style(_ style: yaml_scalar_style_t) -> YAMLScalarStyle {
        switch style {
        case YAML_SINGLE_QUOTED_SCALAR_STYLE: .singleQuoted
        case YAML_DOUBLE_QUOTED_SCALAR_STYLE: .doubleQuoted
        case YAML_LITERAL_SCALAR_STYLE: .literal
        case YAML_FOLDED_SCALAR_STYLE: .folded
        default: .plain
        }
    }
}
