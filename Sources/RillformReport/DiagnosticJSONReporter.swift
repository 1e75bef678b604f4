import Foundation
import RillformModel

/// The versioned machine-readable form of a diagnostic report:
/// `{"format_version":"1.0","valid":false,"diagnostics":[{severity,code,message,file,line,column}],"summary":{…}}`.
public enum DiagnosticJSONReporter {
    /// Bumped on any incompatible change of the document's shape.
    public static let formatVersion = "1.0"

    struct Document: Encodable {
        var formatVersion: String
        var valid: Bool
        var diagnostics: [Entry]
        var summary: Summary

        enum CodingKeys: String, CodingKey {
            case formatVersion = "format_version", valid, diagnostics, summary
        }
    }

    struct Entry: Encodable {
        var severity: String
        var code: String
        var message: String
        var file: String?
        var line: Int?
        var column: Int?
        var related: [Position]
    }

    struct Position: Encodable {
        var file: String
        var line: Int
        var column: Int
    }

    struct Summary: Encodable {
        var errors: Int
        var warnings: Int
        var files: Int
    }

    /// Pretty-printed with sorted keys, ending with a newline.
    public static func render(_ report: DiagnosticReport) -> String {
        let document = Document(
            formatVersion: formatVersion, valid: report.isValid,
            diagnostics: report.diagnostics.map { diagnostic in
                Entry(severity: diagnostic.severity.rawValue, code: diagnostic.code, message: diagnostic.message,
                      file: diagnostic.location?.file, line: diagnostic.location?.line,
                      column: diagnostic.location?.column,
                      related: diagnostic.related.map { Position(file: $0.file, line: $0.line, column: $0.column) })
            },
            summary: Summary(errors: report.errorCount, warnings: report.warningCount, files: report.fileCount))
        return DiagnosticJSONEncoding.encode(document)
    }
}

/// Deterministic JSON text shared by the JSON and SARIF reporters.
enum DiagnosticJSONEncoding {
    static func encode(_ value: some Encodable) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        // Encoding these plain structs of strings and integers cannot fail; an empty object keeps the output JSON.
        guard let data = try? encoder.encode(value) else { return "{}\n" }
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}
