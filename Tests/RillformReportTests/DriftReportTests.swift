import Foundation
import RillformModel
import RillformPlan
import Testing
@testable import RillformReport

#if canImport(FoundationXML)
import FoundationXML
#endif

@Suite("Drift report: content and format contracts")
struct DriftReportTests {
    let report = DriftFixtures.richReport

    @Test("classifies every declared resource: changed, missing (with its children), tokens, in sync")
    func classification() throws {
        func status(_ text: String) -> DriftResource.Status? {
            report.resources.first { $0.address.description == text }?.status
        }
        #expect(status("project.acme/sales") == .changed)
        #expect(status("deployment.acme/sales/prod") == .changed)
        #expect(status("project.acme/finance") == .missing)
        // Created by its project's create, so the plan has no change for it: still missing.
        #expect(status("deployment.acme/finance/prod") == .missing)
        #expect(status("service.acme/loader") == .changed)
        #expect(status("service_project_role.acme/reporting/sales") == .changed)
        #expect(status("org.acme") == .inSync)
        // Re-granting the replaced service's live roles is part of the replace, not a finding of its own.
        #expect(status("service_project_role.acme/loader/archive") == nil)
        #expect(status("project.acme/archive") == .inSync)
        let tokens = try #require(report.resources.first { $0.address.description == "service_token.acme/reporting" })
        #expect(tokens.isTokenFinding && tokens.status == .missing)

        let sales = try #require(report.resources.first { $0.address.description == "project.acme/sales" })
        #expect(sales.fields.map(\.field) == ["description", "prod_slots"])
        #expect(sales.fields[0].live == .string("Sales | edited in the UI"))
        #expect(sales.fields[0].desired == .string("Sales <pipeline> & \"forecast\""))
        #expect(sales.fields[0].location == SourceLocation(file: "rillform.yaml", line: 8, column: 5))

        #expect(report.unmanaged.map(\.address.description) == [
            "project.acme/legacy", "deployment.acme/archive/prod", "service.acme/stray", "project.globex/old",
        ])
        #expect(report.unmanaged.first { $0.address.description == "project.globex/old" }?.deletedByApply == true)
        #expect(report.summary == DriftSummary(drifted: 8, missing: 3, unmanaged: 4, inSync: 3))
        #expect(report.hasDrift)
        #expect(!DriftFixtures.inSyncReport.hasDrift)
    }

    @Test("summary line wording")
    func summaryLine() {
        #expect(DriftWording.summaryLine(DriftSummary(drifted: 2, unmanaged: 1, inSync: 5))
            == "Drift: 2 resources drifted, 1 unmanaged.")
        #expect(DriftWording.summaryLine(DriftSummary(drifted: 1, missing: 1)) == "Drift: 1 resource drifted (1 missing), 0 unmanaged.")
        #expect(DriftWording.summaryLine(DriftSummary(inSync: 4)) == "No drift. Live state matches the manifest.")
    }

    @Test("JSON has format_version, in_sync and live/desired per field")
    func json() throws {
        let data = Data(try DriftJSONReporter.render(report).utf8)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(object["format_version"] as? String == "1.0")
        #expect(object["in_sync"] as? Bool == false)
        let drift = try #require(object["resource_drift"] as? [[String: Any]])
        #expect(drift.count == 8)
        let sales = try #require(drift.first { $0["address"] as? String == "project.acme/sales" })
        let fields = try #require(sales["fields"] as? [[String: Any]])
        #expect(fields.first?["live"] as? String == "Sales | edited in the UI")
    }

    @Test("Markdown stays under the comment limit, keeps the marker and summary, says what was cut")
    func markdownLimit() {
        let org = "acme"
        var resources: [DriftResource] = []
        for index in 0..<3_000 {
            resources.append(DriftResource(
                address: .project(org, "project-\(index)"), status: .changed,
                location: SourceLocation(file: "rillform.yaml", line: index + 1, column: 5),
                fields: [DriftedField(field: "description", live: .string(String(repeating: "x", count: 40)),
                                      desired: .string("wanted \(index)"))]))
        }
        let big = DriftReport(checkedAt: DriftFixtures.now, scope: [org], resources: resources)
        let output = DriftMarkdownReporter.render(big)
        #expect(output.unicodeScalars.count <= MarkdownDocument.commentLimit)
        #expect(output.hasPrefix("<!-- rillform:drift -->\n\n**Drift: 3000 resources drifted, 0 unmanaged.**"))
        #expect(output.contains("Full drift report: omitted"))
        #expect(output.contains("row(s) cut from the middle"))
        #expect(output.contains("acme/project-0 "))
        #expect(output.contains("acme/project-2999 "))
    }

    @Test("JUnit XML is well-formed even with markup and control characters in values")
    func junitWellFormed() throws {
        let nasty = DriftReport(checkedAt: DriftFixtures.now, scope: ["acme"], resources: [
            DriftResource(address: .project("acme", "sales"), status: .changed,
                          fields: [DriftedField(field: "description", live: .string("a<b>&\"c\"'d\u{01}]]>"),
                                                desired: .string("</testcase>"))]),
        ])
        let xml = DriftJUnitReporter.render(nasty)
        #expect(!xml.contains("</testcase>\""))
        #if canImport(FoundationXML) || canImport(Darwin)
        let parser = XMLParser(data: Data(xml.utf8))
        #expect(parser.parse(), "JUnit output does not parse: \(String(describing: parser.parserError))")
        #endif
        let rich = DriftJUnitReporter.render(report)
        #expect(XMLParser(data: Data(rich.utf8)).parse())
        #expect(rich.contains("<testsuites name=\"rillform drift\" tests=\"15\" failures=\"12\""))
    }

    @Test("SARIF: rules sorted, regions only for real lines")
    func sarif() throws {
        var sample = report
        sample.unmanaged[0].location = SourceLocation(file: "rillform.yaml", line: 0, column: 0)
        let data = Data(DriftSARIFReporter.render(sample, toolVersion: "1").utf8)
        let log = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(log["version"] as? String == "2.1.0")
        let run = try #require((log["runs"] as? [[String: Any]])?.first)
        let driver = try #require((run["tool"] as? [String: Any])?["driver"] as? [String: Any])
        let ids = try #require(driver["rules"] as? [[String: Any]]).compactMap { $0["id"] as? String }
        #expect(ids == ["RF400", "RF401", "RF402", "RF403"])
        let results = try #require(run["results"] as? [[String: Any]])
        let lineZero = try #require(results.first { ($0["message"] as? [String: Any])?["text"] as? String
            == DriftWording.unmanagedMessage(sample.unmanaged[0]) })
        let location = try #require((lineZero["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any])
        #expect(location["region"] == nil)
        #expect((location["artifactLocation"] as? [String: Any])?["uri"] as? String == "rillform.yaml")
    }

    @Test("GitHub annotations carry file, line and column, escaped")
    func github() {
        let output = DriftGitHubReporter.render(report)
        #expect(output.contains("::warning file=rillform.yaml,line=8,col=5::project.acme/sales: description has drifted"))
        #expect(output.hasSuffix("Drift: 8 resources drifted (3 missing), 4 unmanaged.\n"))
        let multiline = DriftReport(checkedAt: DriftFixtures.now, unmanaged: [
            DriftUnmanagedResource(address: .service("acme", "x"), detail: "a\nb%c",
                                   location: SourceLocation(file: "dir,name:x.yaml", line: 2, column: 3)),
        ])
        #expect(DriftGitHubReporter.render(multiline).hasPrefix(
            "::notice file=dir%2Cname%3Ax.yaml,line=2,col=3::service.acme/x exists live but is not declared in the "
                + "manifest (a%0Ab%25c) [RF401]\n"))
    }
}
