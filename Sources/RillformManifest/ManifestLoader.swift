import RillformModel

/// Turns manifest texts into a merged `DesiredState`, collecting every problem instead of stopping at the first.
///
/// Pipeline per file: libyaml events → `YAMLNode` tree (bounded alias expansion) → typed reading with `${VAR}`
/// interpolation → one `ManifestFragment` per YAML document. Then fragments are merged (an org may be split across
/// files; a project, service or setting may be defined only once) and cross-checked.
public enum ManifestLoader {
    /// The only `apiVersion` this release understands.
    public static let apiVersion = "rillform/v1"

    /// Loads and validates manifest files. Pure: no file system, no process environment (pass it in).
    public static func load(files: [ManifestSource], environment: [String: String] = [:]) -> ManifestLoadResult {
        var diagnostics: [Diagnostic] = []
        var fragments: [ManifestFragment] = []
        for file in files {
            let reader = ManifestReader(file: file.path, environment: environment)
            fragments += reader.read(file.text)
            diagnostics += reader.diagnostics
        }
        let merged = ManifestMerger.merge(fragments)
        diagnostics += merged.diagnostics
        diagnostics += ManifestChecks.check(merged.state)
        let sorted = Array(Set(diagnostics)).sorted()
        return ManifestLoadResult(state: sorted.hasErrors ? nil : merged.state, diagnostics: sorted)
    }

    /// Convenience for one text (tests, `schema` examples).
    public static func load(text: String, path: String = "rillform.yaml", environment: [String: String] = [:])
        -> ManifestLoadResult
    {
        load(files: [ManifestSource(path: path, text: text)], environment: environment)
    }
}
