import Foundation
import RillformModel
import Testing
@testable import RillformPlan

@Suite("Planner: token policy")
struct TokenPolicyTests {
    private func plan(tokens: [LiveToken], policy: TokenPolicy, issued: Set<String> = []) -> Plan {
        let org = Fixture.org(services: [DesiredService(name: Fixture.located("bi", 20),
                                                        orgRole: Fixture.located(.viewer, 21), tokenPolicy: policy)])
        let live = Fixture.liveOrg(services: [LiveService(id: "s1", name: "bi", orgRole: .viewer, tokens: tokens)])
        return Fixture.plan(org, live, options: Fixture.options(issued: issued))
    }

    @Test("ensure issues one token when none is live, and nothing when one is")
    func ensure() throws {
        let none = plan(tokens: [], policy: TokenPolicy(location: Fixture.at(30)))
        let change = try #require(none.change("service_token.acme/bi"))
        #expect(change.actions == [.create])
        #expect(change.tokenChange == TokenChange(issue: 1, revokeIDs: [], reason: "ensure: no live token",
                                                  revokeAfterIssue: false))
        #expect(change.location == Fixture.at(30))
        #expect(change.dependencies == [])  // the service exists and is unchanged

        let some = plan(tokens: [Fixture.token("t1", ageDays: 400)], policy: TokenPolicy(location: Fixture.at(30)))
        #expect(some.changes.isEmpty)
        #expect(some.summary.unchanged == 3)  // org, service, tokens
    }

    @Test("rotation issues a new token and revokes the old ones once the newest is older than N days")
    func rotate() throws {
        let policy = TokenPolicy(location: Fixture.at(30), rotateAfterDays: Fixture.located(90, 31))
        let due = plan(tokens: [Fixture.token("old", ageDays: 200), Fixture.token("newer", ageDays: 120)], policy: policy)
        let change = try #require(due.change("service_token.acme/bi"))
        #expect(change.actions == [.update])
        #expect(change.tokenChange == TokenChange(
            issue: 1, revokeIDs: ["newer", "old"], reason: "rotate_after_days = 90: newest token is 120 days old",
            revokeAfterIssue: true))
        #expect(change.location == Fixture.at(31))
        #expect(due.summary.tokenIssue == 1 && due.summary.tokenRevoke == 2)

        let fresh = plan(tokens: [Fixture.token("old", ageDays: 200), Fixture.token("new", ageDays: 10)], policy: policy)
        #expect(fresh.changes.isEmpty)

        let undated = plan(tokens: [Fixture.token("x", ageDays: nil)], policy: policy)
        #expect(undated.changes.isEmpty)
        #expect(undated.diagnostics.map(\.code) == [PlanDiagnosticCode.tokenAgeUnknown])
    }

    @Test("revoke_unknown revokes tokens rillform did not issue; ensure then issues a replacement if none remain")
    func revokeUnknown() throws {
        let policy = TokenPolicy(location: Fixture.at(30), revokeUnknown: Fixture.located(true, 32))
        let mixed = plan(tokens: [Fixture.token("mine", ageDays: 1), Fixture.token("theirs", ageDays: 1)],
                         policy: policy, issued: ["mine"])
        #expect(mixed.change("service_token.acme/bi")?.tokenChange == TokenChange(
            issue: 0, revokeIDs: ["theirs"], reason: "revoke_unknown: 1 token(s) not issued by rillform",
            revokeAfterIssue: false))

        let allUnknown = plan(tokens: [Fixture.token("theirs", ageDays: 1)], policy: policy)
        let change = try #require(allUnknown.change("service_token.acme/bi"))
        #expect(change.tokenChange?.issue == 1)
        #expect(change.tokenChange?.revokeIDs == ["theirs"])
        #expect(change.tokenChange?.revokeAfterIssue == true)

        let noEnsure = TokenPolicy(location: Fixture.at(30), ensure: false, revokeUnknown: Fixture.located(true, 32))
        let emptied = plan(tokens: [Fixture.token("theirs", ageDays: 1)], policy: noEnsure)
        #expect(emptied.change("service_token.acme/bi")?.actions == [.delete])
    }

    @Test("no secret ever appears in a plan: only ids and counts")
    func noSecrets() throws {
        let plan = plan(tokens: [Fixture.token("t1", ageDays: 1)],
                        policy: TokenPolicy(location: Fixture.at(30), revokeUnknown: Fixture.located(true, 32)))
        let json = String(decoding: try plan.jsonData(), as: UTF8.self)
        #expect(!json.contains("rill_svc_"))
    }
}
