import RillformModel

/// The manifest stage's codes (RF100–RF199) are entries of the one registry, ``DiagnosticCode`` (in
/// RillformModel, with their severity, summary and help); this name keeps the reader's spelling
/// (`ManifestDiagnosticCode.unknownKey`).
public typealias ManifestDiagnosticCode = DiagnosticCode

extension DiagnosticCode {
    /// The summary of a code given by its `RFnnn` id, `nil` for an unknown id.
    public static func described(_ code: String) -> String? { DiagnosticCode(id: code)?.summary }
}

extension Diagnostic {
    /// A manifest diagnostic with the code's fixed severity.
    public static func manifest(_ code: ManifestDiagnosticCode, _ message: String, at location: SourceLocation?,
                                related: [SourceLocation] = []) -> Diagnostic {
        Diagnostic(code, message, at: location, related: related)
    }
}
