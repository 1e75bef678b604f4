import Foundation
import RillformModel
import RillformPlan
import RillformReport
import Testing

/// The one registry of diagnostic codes: well-formed, documented in the README exactly, and the source of SARIF
/// rule metadata.
@Suite("Diagnostic code registry")
struct DiagnosticCodeRegistryTests {
    static var readme: String {
        get throws {
            let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
                .deletingLastPathComponent()
            return try String(contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8)
        }
    }

    @Test("ids are RFnnn, unique, in their stage's range; names are unique kebab-case; summaries fit a table row")
    func wellFormed() {
        let codes = DiagnosticCode.allCases
        #expect(Set(codes.map(\.id)).count == codes.count)
        #expect(Set(codes.map(\.name)).count == codes.count)
        for code in codes {
            #expect(code.id.wholeMatch(of: /RF[1-4][0-9][0-9]/) != nil, "\(code.id)")
            #expect(code.name.wholeMatch(of: /[a-z0-9]+(-[a-z0-9]+)*/) != nil, "\(code.name)")
            #expect(!code.summary.isEmpty && !code.summary.contains("|") && !code.summary.contains("\n"),
                    "\(code.id)")
            #expect(!code.help.isEmpty, "\(code.id)")
            #expect(DiagnosticCode(id: code.id) == code)
        }
        #expect(codes.filter { $0.stage == .preflight }.map(\.id) == ["RF330", "RF331", "RF332", "RF333", "RF334"])
        #expect(PlanDiagnosticCode.guardCodes == ["RF320", "RF321", "RF322", "RF323", "RF324", "RF325"])
        #expect(PlanDiagnosticCode.devDeploymentWithoutBranch == "RF309")
        #expect(DriftFindingCode.unmanagedResource.name == "unmanaged-resource")
    }

    @Test("the README's table lists exactly the registry's codes, with their names, severities and summaries")
    func readmeTable() throws {
        let readme = try Self.readme
        let rows = readme.split(separator: "\n", omittingEmptySubsequences: false).filter { $0.hasPrefix("| RF") }
        let expected = DiagnosticCodeTable.markdown().split(separator: "\n").filter { $0.hasPrefix("| RF") }
        #expect(rows == expected, "README rows differ from the registry; the table should be:\n\(DiagnosticCodeTable.markdown())")
        #expect(readme.contains(DiagnosticCodeTable.markdown()), "the table is not one contiguous block")
        #expect(readme.contains("### Diagnostic codes\n"), "the anchor #\(DiagnosticCode.readmeAnchor) is gone")
    }

    @Test("SARIF rules carry name, summary, help, README link and default level from the registry")
    func sarifRuleMetadata() throws {
        let report = DiagnosticReport(
            diagnostics: [
                Diagnostic(.unknownKey, "unknown key 'prod_slot' (did you mean 'prod_slots'?)",
                           at: SourceLocation(file: "rillform.yaml", line: 6, column: 9)),
                Diagnostic(.publicProject, "project.acme/sales is public",
                           at: SourceLocation(file: "rillform.yaml", line: 7, column: 9)),
                Diagnostic(.orgAdminMissing, "org.acme: needs org admin (manageOrg)"),
                .error("RF999", "a code the registry does not know"),
            ],
            fileCount: 1, inventory: nil)
        let rules = try Self.rules(DiagnosticSARIFReporter.render(report, toolVersion: "0.0.0-test"))
        #expect(rules.map { $0["id"] as? String } == ["RF120", "RF180", "RF332", "RF999"])
        for (rule, code) in zip(rules, [DiagnosticCode.unknownKey, .publicProject, .orgAdminMissing]) {
            #expect(rule["name"] as? String == code.name)
            #expect((rule["shortDescription"] as? [String: Any])?["text"] as? String == code.summary)
            #expect((rule["help"] as? [String: Any])?["text"] as? String == code.help)
            #expect(rule["helpUri"] as? String == "https://github.com/rillform/rillform#diagnostic-codes")
            #expect((rule["defaultConfiguration"] as? [String: Any])?["level"] as? String
                == code.severity.rawValue)
        }
        let unknown = try #require(rules.last)
        #expect((unknown["shortDescription"] as? [String: Any])?["text"] as? String == "RF999")
        #expect(unknown["help"] == nil && unknown["name"] == nil)
    }

    @Test("drift SARIF rules come from the same registry")
    func driftSARIFRuleMetadata() throws {
        let rules = try Self.rules(DriftSARIFReporter.render(DriftFixtures.richReport, toolVersion: "0.0.0-test"))
        #expect(!rules.isEmpty)
        for rule in rules {
            let id = try #require(rule["id"] as? String)
            let code = try #require(DiagnosticCode(id: id))
            #expect(code.stage == .drift)
            #expect(rule["name"] as? String == code.name)
            #expect((rule["shortDescription"] as? [String: Any])?["text"] as? String == code.summary)
            #expect((rule["help"] as? [String: Any])?["text"] as? String == code.help)
        }
    }

    static func rules(_ sarif: String) throws -> [[String: Any]] {
        let log = try #require(try JSONSerialization.jsonObject(with: Data(sarif.utf8)) as? [String: Any])
        let run = try #require((log["runs"] as? [[String: Any]])?.first)
        let driver = try #require((run["tool"] as? [String: Any])?["driver"] as? [String: Any])
        return try #require(driver["rules"] as? [[String: Any]])
    }
}
