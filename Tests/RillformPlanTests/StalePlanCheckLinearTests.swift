import Foundation
import RillformModel
import Testing
@testable import RillformPlan

/// The saved-plan freshness check with the plan's live names indexed once (it scanned all changes per change):
/// same answers, renames included.
@Suite("Stale-plan check: indexed live names")
struct StalePlanCheckLinearTests {
    /// `sales` renamed to `revenue`, `reporting` renamed to `bi` with its role on the project raised to editor.
    private func renamePlan() -> (Plan, LiveOrg) {
        let org = Fixture.org(
            projects: [DesiredProject(name: Fixture.located("revenue", 10), previously: [Fixture.located("sales", 11)])],
            services: [DesiredService(name: Fixture.located("bi", 20), previously: [Fixture.located("reporting", 21)],
                                      projectRoles: ["revenue": Fixture.located(.editor, 22)])])
        let live = Fixture.liveOrg(
            projects: [LiveProject(id: "p1", name: "sales")],
            services: [LiveService(id: "s1", name: "reporting", projectRoles: ["sales": .viewer])])
        return (Fixture.plan(org, live), live)
    }

    @Test("the objects to re-read are found under their live (old) names, each once")
    func readsUseLiveNames() throws {
        let (plan, _) = renamePlan()
        #expect(plan.change("service_project_role.acme/bi/revenue")?.actions == [.update])
        let reads = StalePlanReads(plan: plan)
        #expect(reads.orgs == ["acme"])
        #expect(reads.projects == [StalePlanReads.Object(org: "acme", name: "sales")])
        #expect(reads.services == [StalePlanReads.Object(org: "acme", name: "reporting")])
        #expect(reads.deploymentsOf.isEmpty && reads.tokensOf.isEmpty)
    }

    @Test("a role moved on a renamed service and project is stale; untouched objects are not")
    func renamedRoleIsStale() throws {
        let (plan, live) = renamePlan()
        #expect(StalePlanCheck.staleResources(in: plan, current: LiveState(orgs: ["acme": live])).isEmpty)
        var moved = live
        moved.services["reporting"]?.projectRoles["sales"] = .admin
        let stale = StalePlanCheck.staleResources(in: plan, current: LiveState(orgs: ["acme": moved]))
        #expect(stale.map(\.address.description) == ["service_project_role.acme/bi/revenue"])
    }

    @Test("on many changes the indexed check agrees with fingerprinting each change on its own")
    func agreesWithPerChangeFingerprints() throws {
        let count = 300
        let projects = (0..<count).map { LiveProject(id: "p\($0)", name: "p\($0)") }
        let services = (0..<count).map { LiveService(id: "s\($0)", name: "s\($0)", projectRoles: ["p\($0)": .viewer]) }
        let org = Fixture.org(
            projects: (0..<count).map { DesiredProject(name: Fixture.located("p\($0)", 10)) },
            services: (0..<count).map {
                DesiredService(name: Fixture.located("s\($0)", 20), projectRoles: ["p\($0)": Fixture.located(.editor, 21)])
            })
        let live = Fixture.liveOrg(projects: projects, services: services)
        let plan = Fixture.plan(org, live)
        #expect(plan.changes.count == count)
        var moved = live
        for index in stride(from: 0, to: count, by: 7) { moved.services["s\(index)"]?.projectRoles = [:] }
        let current = LiveState(orgs: ["acme": moved])

        let expected = plan.changes.compactMap { change -> ResourceAddress? in
            guard let planned = change.fingerprint else { return nil }
            let now = PlanFingerprints.fingerprint(of: change, in: plan.changes, live: current)
            return planned.differences(to: now).isEmpty ? nil : change.address
        }.sorted()
        let stale = StalePlanCheck.staleResources(in: plan, current: current)
        #expect(stale.map(\.address) == expected)
        #expect(stale.count == (count + 6) / 7)
        #expect(StalePlanReads(plan: plan).services.count == count)
    }
}
