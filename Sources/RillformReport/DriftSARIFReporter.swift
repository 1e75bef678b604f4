import RillformModel
import RillformPlan

/// SARIF 2.1.0 for code-scanning uploads: rules RF400–RF403 and those of the report's diagnostics (those that
/// occur, sorted by id, with the registry's metadata), one result per drifted field, missing resource, unmet token
/// policy and unmanaged resource, then one per diagnostic at its severity (RF404 pending invites, planner errors),
/// located at the manifest (`physicalLocation` with a 1-based region, only when the line is known and > 0).
/// Unmanaged resources point at their org's declaration, where a declaration would go.
public enum DriftSARIFReporter {
    public static func render(_ report: DriftReport, toolVersion: String) -> String {
        typealias SARIF = DiagnosticSARIFReporter
        var findings: [(ruleId: String, level: String, location: SourceLocation?, message: String)] = []
        for resource in report.drifted {
            for finding in DriftWording.findings(resource) {
                findings.append((finding.code.rawValue, "warning", finding.location, finding.message))
            }
        }
        for resource in report.unmanaged {
            findings.append((DriftFindingCode.unmanagedResource.rawValue, resource.deletedByApply ? "warning" : "note",
                             resource.location, DriftWording.unmanagedMessage(resource)))
        }
        for diagnostic in report.diagnostics {
            findings.append((diagnostic.code, diagnostic.severity.rawValue, diagnostic.location, diagnostic.message))
        }
        let rules = Set(findings.map(\.ruleId)).sorted().map { SARIF.Rule(id: $0) }
        let results = findings.map { finding in
            SARIF.Result(
                ruleId: finding.ruleId, level: finding.level, message: SARIF.Message(text: finding.message),
                locations: finding.location.map { location in
                    [SARIF.Location(physicalLocation: SARIF.PhysicalLocation(
                        artifactLocation: SARIF.ArtifactLocation(uri: location.file),
                        region: location.line > 0
                            ? SARIF.Region(startLine: location.line, startColumn: max(1, location.column)) : nil))]
                } ?? [])
        }
        let driver = SARIF.Driver(name: "rillform", version: toolVersion,
                                  informationUri: DiagnosticCode.documentationURI, rules: rules)
        return DiagnosticJSONEncoding.encode(SARIF.Log(runs: [SARIF.Run(tool: SARIF.Tool(driver: driver), results: results)]))
    }
}
