import RillformModel
import Testing
@testable import RillformPlan

@Suite("Plan guards: protection and the mass-delete threshold")
struct PlanGuardsTests {
    private func liveProjects(_ count: Int) -> LiveOrg {
        Fixture.liveOrg(projects: (0..<count).map { LiveProject(id: "p\($0)", name: "p\($0)") })
    }

    @Test("a protected address blocks its delete, pointing at the protect entry")
    func protection() {
        let policy = Policy(prune: Fixture.located(true, 40), protect: [Fixture.located(.project("acme", "p1"), 41)])
        let plan = Fixture.plan(Fixture.org(), liveProjects(2), policy: policy)
        let desired = DesiredState(orgs: [Fixture.org()], policy: policy)
        let diagnostics = PlanGuards.check(plan, desired: desired)
        #expect(diagnostics.map(\.code) == [PlanDiagnosticCode.protectedResource])
        #expect(diagnostics.first?.message == "project.acme/p1 would be deleted, but policy.protect entry project.acme/p1 (rillform.yaml:41:3) protects it")
        #expect(diagnostics.first?.location == Fixture.at(41))
        // Protection has no override.
        #expect(PlanGuards.check(plan, desired: desired, allowMassDelete: true).count == 1)
    }

    @Test("deleting more than the threshold of one kind is refused with the numbers; below it or overridden, not")
    func massDelete() {
        let policy = Policy(prune: Fixture.located(true, 40))
        let desired = DesiredState(orgs: [Fixture.org(projects: (0..<6).map { DesiredProject(name: Fixture.located("p\($0)", 10 + $0)) })],
                                   policy: policy)
        let plan = Planner.plan(desired: desired, live: LiveState(orgs: ["acme": liveProjects(10)]), options: Fixture.options())
        #expect(plan.summary.destroy == 4)
        let diagnostics = PlanGuards.check(plan, desired: desired)
        #expect(diagnostics.map(\.message) == [
            "deleting 4 of 10 projects in org acme (40% > 30%)"])
        #expect(PlanGuards.check(plan, desired: desired, allowMassDelete: true).isEmpty)

        // Under the minimum of 10 live resources the threshold does not apply.
        let small = DesiredState(orgs: [Fixture.org(projects: [DesiredProject(name: Fixture.located("p0", 10))])], policy: policy)
        let smallPlan = Planner.plan(desired: small, live: LiveState(orgs: ["acme": liveProjects(9)]), options: Fixture.options())
        #expect(smallPlan.summary.destroy == 8)
        #expect(PlanGuards.check(smallPlan, desired: small).isEmpty)
    }
}
