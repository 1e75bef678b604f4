/// A 1-based position in a YAML text (columns count Unicode scalars, as libyaml does).
struct YAMLMark: Sendable, Hashable {
    var line: Int
    var column: Int
}

/// How a scalar was written: only plain scalars are resolved to null/bool/int/float; quoted ones are strings.
enum YAMLScalarStyle: Sendable, Hashable {
    case plain, singleQuoted, doubleQuoted, literal, folded
}

struct YAMLScalar: Sendable, Hashable {
    var value: String
    /// The explicit tag as written (e.g. `tag:yaml.org,2002:binary`), `nil` when none.
    var tag: String?
    var style: YAMLScalarStyle
    var mark: YAMLMark
}

struct YAMLPair: Sendable {
    var key: YAMLNode
    var value: YAMLNode
}

/// A composed YAML node. Unlike `Yams.compose`, aliases stay aliases (with the mark where they are used),
/// so duplicate keys, alias positions and alias expansion can all be reported precisely.
indirect enum YAMLNode: Sendable {
    case scalar(YAMLScalar)
    case sequence([YAMLNode], tag: String?, mark: YAMLMark)
    case mapping([YAMLPair], tag: String?, mark: YAMLMark)
    /// `*name`, pointing at the node its anchor names.
    case alias(name: String, target: YAMLNode, mark: YAMLMark)

    var mark: YAMLMark {
        switch self {
        case .scalar(let scalar): scalar.mark
        case .sequence(_, _, let mark), .mapping(_, _, let mark), .alias(_, _, let mark): mark
        }
    }

    /// The node an alias stands for (aliases never point at aliases: YAML forbids anchoring an alias).
    var dereferenced: YAMLNode {
        if case .alias(_, let target, _) = self { return target }
        return self
    }

    /// A short name of what the node is, for "expected X, got Y" messages.
    var kindName: String {
        switch dereferenced {
        case .scalar(let scalar): ScalarValue.resolve(scalar).kindName
        case .sequence: "a list"
        case .mapping: "a mapping"
        case .alias: "an alias"
        }
    }
}

/// One `---` document of a file.
struct YAMLDocument: Sendable {
    /// `nil` for an empty document.
    var root: YAMLNode?
    var mark: YAMLMark
}
