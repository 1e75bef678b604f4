import RillformModel

/// One manifest file's text. The CLI reads files; this module never touches the file system.
public struct ManifestSource: Sendable, Hashable {
    /// The path shown in diagnostics (as given on the command line).
    public var path: String
    public var text: String

    public init(path: String, text: String) {
        self.path = path
        self.text = text
    }
}

/// The outcome of loading manifest files: the merged desired state (nil when there are errors) and every
/// diagnostic found, sorted by position.
public struct ManifestLoadResult: Sendable, Hashable {
    /// `nil` whenever `diagnostics` contains an error; warnings alone leave the state available.
    public var state: DesiredState?
    public var diagnostics: [Diagnostic]

    public init(state: DesiredState?, diagnostics: [Diagnostic]) {
        self.state = state
        self.diagnostics = diagnostics
    }

    public var hasErrors: Bool { diagnostics.hasErrors }
}
