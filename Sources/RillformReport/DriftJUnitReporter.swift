import RillformModel
import RillformPlan

/// Renders a drift report as JUnit XML for CI test views: one `<testsuite>` per org, one `<testcase>` per declared
/// resource (`classname` = kind, `name` = address). In-sync resources pass; drifted and missing ones fail with a
/// `<failure>` listing the fields (live -> manifest). Unmanaged resources are testcases of their own and fail too
/// (`type="unmanaged"`), matching `drift`'s exit status 2 for them. Diagnostics at a resource's declaration (RF404:
/// a declared person still a pending invite) go to its `<system-out>`; they do not fail it, as they do not change
/// the exit status. Every attribute and text is XML-escaped.
public enum DriftJUnitReporter {
    public static func render(_ report: DriftReport) -> String {
        var suites: [String] = []
        var totals = (tests: 0, failures: 0)
        let orgs = Set(report.resources.map(\.address.org) + report.unmanaged.map(\.address.org) + report.scope).sorted()
        for org in orgs {
            var cases: [String] = []
            var failures = 0
            for resource in report.resources where resource.address.org == org {
                let notes = resource.location.map { location in
                    report.diagnostics.filter { $0.location == location }
                } ?? []
                cases.append(testcase(resource, diagnostics: notes))
                if resource.isDrifted { failures += 1 }
            }
            for resource in report.unmanaged where resource.address.org == org {
                cases.append(testcase(resource))
                failures += 1
            }
            totals.tests += cases.count
            totals.failures += failures
            suites.append("  <testsuite name=\"\(escape("rillform drift: " + org))\" tests=\"\(cases.count)\" "
                + "failures=\"\(failures)\" errors=\"0\" skipped=\"0\">\n" + cases.joined() + "  </testsuite>\n")
        }
        let errors = report.diagnostics.errors.count
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            + "<testsuites name=\"rillform drift\" tests=\"\(totals.tests)\" failures=\"\(totals.failures)\" "
            + "errors=\"\(errors)\">\n" + suites.joined() + "</testsuites>\n"
    }

    private static func testcase(_ resource: DriftResource, diagnostics: [Diagnostic]) -> String {
        let open = "    <testcase classname=\"\(escape(resource.kind.rawValue))\" name=\"\(escape(resource.address.description))\""
            + (resource.location.map { " file=\"\(escape($0.file))\" line=\"\($0.line)\"" } ?? "")
        let output = diagnostics.isEmpty ? ""
            : "      <system-out>" + escape(diagnostics.map(\.description).joined(separator: "\n")) + "</system-out>\n"
        guard resource.isDrifted else { return output.isEmpty ? open + "/>\n" : open + ">\n" + output + "    </testcase>\n" }
        let message: String
        var body: [String] = []
        if resource.isTokenFinding || resource.fields.isEmpty || resource.status == .missing {
            message = DriftWording.resourceMessage(resource)
            body.append(message)
            body += resource.fields.map { "\($0.field): \(DriftWording.values($0))" }
        } else {
            message = "drifted: " + resource.fields.map(\.field).joined(separator: ", ")
            body = resource.fields.map { field in
                "\(field.field): \(DriftWording.values(field))"
                    + (field.location.map { " (\($0))" } ?? "")
            }
            if let detail = resource.detail { body.append(detail) }
        }
        let type = resource.findingCode.name
        return open + ">\n      <failure message=\"\(escape(message))\" type=\"\(type)\">"
            + escape(body.joined(separator: "\n")) + "</failure>\n" + output + "    </testcase>\n"
    }

    private static func testcase(_ resource: DriftUnmanagedResource) -> String {
        let message = DriftWording.unmanagedMessage(resource)
        return "    <testcase classname=\"\(escape(resource.address.kind.rawValue))\" "
            + "name=\"\(escape(resource.address.description))\">\n"
            + "      <failure message=\"\(escape(message))\" type=\"\(DriftFindingCode.unmanagedResource.name)\">"
            + escape(message) + "</failure>\n    </testcase>\n"
    }

    /// Escapes the five XML specials; drops characters XML 1.0 cannot hold (other C0 controls).
    static func escape(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            case "\n": out += "&#10;"
            case "\t", "\r": out += "&#\(scalar.value);"
            default:
                if scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF {
                    out += "\u{FFFD}"
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }
}
