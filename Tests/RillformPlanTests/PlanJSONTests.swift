import Foundation
import RillformModel
import Testing
@testable import RillformPlan

@Suite("Plan JSON: the saved-plan document")
struct PlanJSONTests {
    private func samplePlan() -> Plan {
        let org = Fixture.org(
            projects: [DesiredProject(name: Fixture.located("revenue", 10), previously: [Fixture.located("sales", 11)],
                                      description: Fixture.located("R", 12))],
            services: [DesiredService(name: Fixture.located("etl", 20), orgRole: Fixture.located(.viewer, 21),
                                      projectRoles: ["revenue": Fixture.located(.editor, 22)],
                                      tokenPolicy: TokenPolicy(location: Fixture.at(23), rotateAfterDays: Fixture.located(30, 24)))])
        let live = Fixture.liveOrg(
            projects: [LiveProject(id: "p1", name: "sales", updatedOn: Fixture.now.addingTimeInterval(-3600.125))],
            services: [LiveService(id: "s1", name: "etl", tokens: [Fixture.token("t1", ageDays: 40)])])
        return Fixture.plan(org, live, options: Fixture.options(prune: true))
    }

    @Test("a plan survives encode → decode unchanged (what apply plan.json relies on)")
    func roundTrip() throws {
        let plan = samplePlan()
        #expect(plan.changes.count >= 3)
        let decoded = try Plan(jsonData: try plan.jsonData())
        #expect(decoded == plan)
    }

    @Test("Terraform-shaped keys: format_version, resource_changes[].change.actions, change_summary")
    func shape() throws {
        let object = try #require(try JSONSerialization.jsonObject(with: try samplePlan().jsonData()) as? [String: Any])
        #expect(object["format_version"] as? String == "1.0")
        let changes = try #require(object["resource_changes"] as? [[String: Any]])
        let project = try #require(changes.first { $0["address"] as? String == "project.acme/revenue" })
        #expect(project["type"] as? String == "project")
        let change = try #require(project["change"] as? [String: Any])
        #expect(change["actions"] as? [String] == ["update"])
        #expect((change["after"] as? [String: Any])?["name"] as? String == "revenue")
        #expect((project["live"] as? [String: Any])?["id"] as? String == "p1")
        let summary = try #require(object["change_summary"] as? [String: Int])
        #expect(summary["remove"] == 1 && summary["add"] == 3 && summary["rename"] == 1)
    }

    @Test("another major format version is refused")
    func refusesOtherMajor() throws {
        var plan = samplePlan()
        plan.formatVersion = "2.0"
        #expect(throws: Plan.DecodingFailure.self) { try Plan(jsonData: try plan.jsonData()) }
        plan.formatVersion = "1.7"
        #expect(try Plan(jsonData: try plan.jsonData()).formatVersion == "1.7")
    }
}

@Suite("Plan JSON: refusing what rillform never writes")
struct PlanJSONValidationTests {
    @Test("an unknown action array is a decoding error, not a silent no-op")
    func unknownActions() throws {
        let plan = Plan(plannedAt: Fixture.now, changes: [ResourceChange(address: .org("acme"), actions: [.update])])
        let text = String(decoding: try plan.jsonData(), as: UTF8.self)
        let tampered = text.replacingOccurrences(of: "\"update\"", with: "\"create\",\n\"delete\"")
        #expect(tampered != text)
        #expect(throws: DecodingError.self) { try Plan(jsonData: Data(tampered.utf8)) }
    }

    @Test("a dev deployment without a branch is an error, not an unparseable address")
    func devWithoutBranch() {
        let org = Fixture.org(projects: [DesiredProject(name: Fixture.located("p", 10), deployments: [
            DesiredDeployment(environment: Fixture.located(.dev, 11))])])
        let plan = Fixture.plan(org, Fixture.liveOrg(projects: [LiveProject(id: "p1", name: "p")]))
        #expect(plan.changes.isEmpty)
        #expect(plan.diagnostics.map(\.code) == [PlanDiagnosticCode.devDeploymentWithoutBranch])
    }
}
