import Foundation
import RillformModel
import RillformPlan
import Testing
@testable import RillformReport

@Suite("People: how reports word access, pending invites and drift warnings")
struct PeopleWordingTests {
    private static let ana = ResourceAddress.member("acme", email: "ana@acme.com")
    private static let sales = ResourceAddress.project("acme", "sales")
    private static let analysts = ResourceAddress.usergroup("acme", "analysts")

    @Test("a group-derived role says which side of the change the group explains", arguments: [
        (AccessChange.Kind.grant, nil, "viewer",
         "member.acme/ana@acme.com gains \"viewer\" on project.acme/sales (through usergroup.acme/analysts)"),
        (.revoke, "editor", nil,
         "member.acme/ana@acme.com loses \"editor\" on project.acme/sales (held through usergroup.acme/analysts)"),
        (.change, "admin", "editor",
         "member.acme/ana@acme.com on project.acme/sales: \"admin\" -> \"editor\" (now through usergroup.acme/analysts)"),
    ] as [(AccessChange.Kind, String?, String?, String)])
    func via(kind: AccessChange.Kind, before: String?, after: String?, expected: String) {
        let access = AccessChange(identity: Self.ana, scope: Self.sales, before: before, after: after, kind: kind,
                                  via: Self.analysts)
        #expect(PlanWording.access(access) == expected)
        var direct = access
        direct.via = nil
        #expect(!PlanWording.access(direct).contains("through"))
    }

    @Test("a pending invite is marked in its change header and its access lines, in text and Markdown")
    func pendingInviteMarked() {
        let plan = PeopleReportFixtures.plan
        let text = PlanTextReporter.render(plan, color: false)
        #expect(text.contains("# member.acme/inv@partner.io will be updated in-place (pending invite)\n"))
        #expect(text.contains("~ member.acme/inv@partner.io (pending invite) on org.acme: \"viewer\" -> \"editor\"\n"))
        // Only the invite: members with an account are never marked.
        #expect(text.components(separatedBy: "(pending invite)").count - 1 == 2)
        let markdown = PlanMarkdownReporter.render(plan)
        #expect(markdown.contains("| acme/inv@partner.io (pending invite) | org_role |"))
        #expect(markdown.contains("member.acme/inv@partner.io (pending invite) on org.acme"))
    }

    @Test("RF404 reaches every CI format: GitHub warning, SARIF result with its rule, JUnit output without failing")
    func pendingInviteDrift() throws {
        let report = PeopleReportFixtures.driftReport
        let warning = try #require(report.diagnostics.first { $0.code == DiagnosticCode.inviteNotAccepted.id })

        let github = DriftGitHubReporter.render(report)
        #expect(github.contains("::warning file=Examples/people/rillform.yaml,line=11,col=5::\(warning.message) [RF404]\n"))

        let sarif = try #require(try JSONSerialization.jsonObject(
            with: Data(DriftSARIFReporter.render(report, toolVersion: "0").utf8)) as? [String: Any])
        let run = try #require((sarif["runs"] as? [[String: Any]])?.first)
        let results = try #require(run["results"] as? [[String: Any]])
        let result = try #require(results.first { $0["ruleId"] as? String == "RF404" })
        #expect(result["level"] as? String == "warning")
        let rules = try #require((run["tool"] as? [String: Any]).flatMap { $0["driver"] as? [String: Any] }?["rules"]
            as? [[String: Any]])
        #expect(rules.compactMap { $0["id"] as? String } == ["RF400", "RF401", "RF402", "RF404"])

        let junit = DriftJUnitReporter.render(report)
        let invite = try #require(junit.components(separatedBy: "<testcase ")
            .first { $0.contains("name=\"member.acme/inv@partner.io\"") })
        #expect(invite.contains("<system-out>") && invite.contains("[RF404]"))
        #expect(!invite.contains("<failure"))
    }
}
