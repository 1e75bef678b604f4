import Foundation
import RillformManifest
import RillformModel
import RillformReport
import Testing

@Suite("Diagnostic reporters")
struct DiagnosticReporterTests {
    /// A fixed report: two errors (one with a related location), a warning, a diagnostic without a position.
    static let text = """
        apiVersion: rillform/v1
        orgs:
          - name: acme
            projects:
              - name: sales
                prod_slots: 0
                public: true
              - name: sales
        """

    static var invalidReport: (DiagnosticReport, [String: String]) {
        let result = ManifestLoader.load(text: text, path: "manifests/acme.yaml")
        var diagnostics = result.diagnostics
        diagnostics.append(.manifest(.unreadableFile, "no such file or directory: missing.yaml, with, commas: yes",
                                     at: nil))
        return (DiagnosticReport(diagnostics: diagnostics, fileCount: 2, inventory: nil),
                ["manifests/acme.yaml": text])
    }

    static var validReport: DiagnosticReport {
        let result = ManifestLoader.load(text: """
            apiVersion: rillform/v1
            orgs:
              - name: acme
                projects: [{name: sales, public: true}, {name: marketing}]
                services: [{name: bot, org_role: viewer}]
            """)
        return DiagnosticReport(diagnostics: result.diagnostics, fileCount: 1,
                                inventory: result.state.map(DiagnosticReport.Inventory.init))
    }

    static let rules = Dictionary(
        uniqueKeysWithValues: ManifestDiagnosticCode.allCases.map { ($0.rawValue, $0.summary) })

    @Test("text without a terminal: one line per diagnostic and the summary")
    func textPlain() {
        let (report, sources) = Self.invalidReport
        Fixtures.goldens.check(DiagnosticTextReporter.render(report, sources: sources), against: "Golden/invalid.txt")
    }

    @Test("text on a terminal: caret snippets under each positioned diagnostic")
    func textWithSnippets() {
        let (report, sources) = Self.invalidReport
        Fixtures.goldens.check(DiagnosticTextReporter.render(report, sources: sources, snippets: true),
                               against: "Golden/invalid-snippets.txt")
    }

    @Test("text summary of a valid manifest counts files, orgs, projects and services")
    func textValid() {
        let output = DiagnosticTextReporter.render(Self.validReport)
        #expect(output.hasSuffix("Manifest is valid with 1 warning (1 file, 1 org, 2 projects, 1 service).\n"))
        var strict = Self.validReport
        strict.strict = true
        #expect(!strict.isValid)
        #expect(strict.summaryLine == "0 errors, 1 warning in 1 file (--strict treats warnings as errors).")
    }

    @Test("json is versioned and golden")
    func json() throws {
        let (report, _) = Self.invalidReport
        let output = DiagnosticJSONReporter.render(report)
        Fixtures.goldens.check(output, against: "Golden/invalid.json")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any])
        #expect(object["format_version"] as? String == "1.0")
        #expect(object["valid"] as? Bool == false)
    }

    @Test("sarif 2.1.0 with rules sorted by id and 1-based regions")
    func sarif() throws {
        let (report, _) = Self.invalidReport
        let output = DiagnosticSARIFReporter.render(report, toolVersion: "0.0.0-test", ruleDescriptions: Self.rules)
        Fixtures.goldens.check(output, against: "Golden/invalid.sarif")
        let log = try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any])
        let run = try #require((log["runs"] as? [[String: Any]])?.first)
        let rules = ((run["tool"] as? [String: Any])?["driver"] as? [String: Any])?["rules"] as? [[String: Any]]
        let ids = rules?.compactMap { $0["id"] as? String } ?? []
        #expect(ids == ids.sorted())
        #expect(ids == ["RF127", "RF140", "RF180", "RF190"])
    }

    @Test("github workflow commands with escaped properties")
    func github() {
        let (report, _) = Self.invalidReport
        let output = DiagnosticGitHubReporter.render(report)
        Fixtures.goldens.check(output, against: "Golden/invalid.github.txt")
        #expect(output.contains("::error file=manifests/acme.yaml,line=6,col=21::'prod_slots' must be a positive"))
        #expect(output.contains("::error::no such file or directory: missing.yaml, with, commas: yes [RF190]"))
    }
}
