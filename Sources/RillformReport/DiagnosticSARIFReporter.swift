import RillformModel

/// SARIF 2.1.0 for code-scanning uploads: one rule per diagnostic code (sorted by id) with its metadata from the
/// registry (`DiagnosticCode`: name, summary, help, README link, default level), one result per diagnostic,
/// 1-based regions (omitted when a diagnostic has no position, as SARIF forbids line 0).
public enum DiagnosticSARIFReporter {
    public static let schemaURI = "https://json.schemastore.org/sarif-2.1.0.json"

    struct Log: Encodable {
        var schema = DiagnosticSARIFReporter.schemaURI
        var version = "2.1.0"
        var runs: [Run]

        enum CodingKeys: String, CodingKey { case schema = "$schema", version, runs }
    }

    struct Run: Encodable {
        var tool: Tool
        var results: [Result]
    }

    struct Tool: Encodable { var driver: Driver }

    struct Driver: Encodable {
        var name: String
        var version: String
        var informationUri: String
        var rules: [Rule]
    }

    /// A SARIF `reportingDescriptor`; everything but `id` and `shortDescription` is left out for an id the
    /// registry does not know.
    struct Rule: Encodable {
        var id: String
        var name: String?
        var shortDescription: Message
        var help: Message?
        var helpUri: String?
        var defaultConfiguration: Configuration?

        /// The rule for `id`, described by the registry (or by `description` when given).
        init(id: String, description: String? = nil) {
            self.id = id
            let code = DiagnosticCode(id: id)
            name = code?.name
            shortDescription = Message(text: description ?? code?.summary ?? id)
            help = code.map { Message(text: $0.help) }
            helpUri = code?.helpURI
            defaultConfiguration = code.map { Configuration(level: DiagnosticSARIFReporter.level($0.severity)) }
        }
    }

    struct Configuration: Encodable { var level: String }

    struct Message: Encodable { var text: String }

    struct Result: Encodable {
        var ruleId: String
        var level: String
        var message: Message
        var locations: [Location]
    }

    struct Location: Encodable { var physicalLocation: PhysicalLocation }

    struct PhysicalLocation: Encodable {
        var artifactLocation: ArtifactLocation
        var region: Region?
    }

    struct ArtifactLocation: Encodable { var uri: String }

    struct Region: Encodable {
        var startLine: Int
        var startColumn: Int
    }

    /// - Parameter ruleDescriptions: code → one-line description, overriding the registry's summary.
    public static func render(_ report: DiagnosticReport, toolVersion: String,
                              ruleDescriptions: [String: String] = [:]) -> String
    {
        let codes = Set(report.diagnostics.map(\.code)).sorted()
        let rules = codes.map { Rule(id: $0, description: ruleDescriptions[$0]) }
        let results = report.diagnostics.map { diagnostic in
            Result(
                ruleId: diagnostic.code, level: level(diagnostic.severity), message: Message(text: diagnostic.message),
                locations: diagnostic.location.map { location in
                    [Location(physicalLocation: PhysicalLocation(
                        artifactLocation: ArtifactLocation(uri: location.file),
                        region: location.line > 0
                            ? Region(startLine: location.line, startColumn: max(1, location.column)) : nil))]
                } ?? [])
        }
        let driver = Driver(name: "rillform", version: toolVersion,
                            informationUri: DiagnosticCode.documentationURI, rules: rules)
        return DiagnosticJSONEncoding.encode(Log(runs: [Run(tool: Tool(driver: driver), results: results)]))
    }

    static func level(_ severity: Diagnostic.Severity) -> String {
        switch severity {
        case .error: "error"
        case .warning: "warning"
        case .note: "note"
        }
    }
}
