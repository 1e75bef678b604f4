import RillformModel
import Testing
@testable import RillformPlan

@Suite("Planner: dependencies, --target and --exclude")
struct TargetingAndDependencyTests {
    /// Everything new: org, project (+dev deployment), service with a role on the project and a token.
    private func fresh(_ options: PlanOptions = Fixture.options()) -> Plan {
        let org = Fixture.org(
            projects: [DesiredProject(name: Fixture.located("sales", 10), deployments: [
                DesiredDeployment(environment: Fixture.located(.prod, 11)),
                DesiredDeployment(environment: Fixture.located(.dev, 12), branch: Fixture.located("x", 13))])],
            services: [DesiredService(name: Fixture.located("bi", 20), orgRole: Fixture.located(.viewer, 21),
                                      projectRoles: ["sales": Fixture.located(.viewer, 22)],
                                      tokenPolicy: TokenPolicy(location: Fixture.at(23)))])
        return Planner.plan(desired: DesiredState(orgs: [org]), live: LiveState(), options: options)
    }

    @Test("creates wait for their parents, a role for its service and its project")
    func createEdges() {
        let plan = fresh()
        let edges = Dictionary(uniqueKeysWithValues: plan.changes.map { ($0.address.description, $0.dependencies.map(\.description)) })
        #expect(edges == [
            "org.acme": [],
            "project.acme/sales": ["org.acme"],
            "deployment.acme/sales/dev@x": ["project.acme/sales"],
            "service.acme/bi": ["org.acme"],
            "service_project_role.acme/bi/sales": ["project.acme/sales", "service.acme/bi"],
            "service_token.acme/bi": ["service.acme/bi"],
        ])
        // Sorted by address, so parents come first in the list as well.
        #expect(plan.addresses.first == "org.acme")
    }

    @Test("--target keeps what is inside the target plus what it needs")
    func target() {
        let plan = fresh(Fixture.options(targets: ["service_project_role.acme/bi/sales"]))
        #expect(plan.addresses == ["org.acme", "project.acme/sales", "service.acme/bi", "service_project_role.acme/bi/sales"])
        #expect(plan.skipped.map(\.description) == ["deployment.acme/sales/dev@x", "service_token.acme/bi"])
        #expect(plan.diagnostics.map(\.code) == [PlanDiagnosticCode.skippedByTargeting])
    }

    @Test("a project target also contains the service roles granted on it")
    func projectTarget() {
        let plan = fresh(Fixture.options(targets: ["project.acme/sales"]))
        #expect(plan.addresses.contains("service_project_role.acme/bi/sales"))
        #expect(plan.addresses.contains("deployment.acme/sales/dev@x"))
        #expect(!plan.addresses.contains("service_token.acme/bi"))
    }

    @Test("--exclude drops the excluded change and everything that depends on it")
    func exclude() {
        let plan = fresh(Fixture.options(excludes: ["service.acme/bi"]))
        #expect(plan.addresses == ["org.acme", "project.acme/sales", "deployment.acme/sales/dev@x"])
        #expect(plan.skipped.map(\.description) == [
            "service.acme/bi", "service_project_role.acme/bi/sales", "service_token.acme/bi"])
        #expect(plan.summary.add == 3)
        #expect(plan.accessChanges.isEmpty)
    }

    @Test("excluded and untargeted unmanaged resources are not listed")
    func unmanagedFiltered() {
        let live = Fixture.liveOrg(projects: [LiveProject(id: "p1", name: "a"), LiveProject(id: "p2", name: "b")])
        let plan = Fixture.plan(Fixture.org(), live, options: Fixture.options(excludes: ["project.acme/a"]))
        #expect(plan.unmanaged.map(\.address.description) == ["project.acme/b"])
    }

    @Test("a rename runs before deletes and creates that name the renamed parent")
    func renameOrdering() {
        let org = Fixture.org(
            projects: [DesiredProject(name: Fixture.located("revenue", 10), previously: [Fixture.located("sales", 11)])],
            services: [DesiredService(name: Fixture.located("bi", 20), previously: [Fixture.located("old", 21)],
                                      projectRoles: ["revenue": Fixture.located(.editor, 22)])])
        let live = Fixture.liveOrg(projects: [LiveProject(id: "p1", name: "sales"), LiveProject(id: "p2", name: "x")],
                                   services: [LiveService(id: "s1", name: "old", projectRoles: ["sales": .viewer, "x": .viewer])])
        let plan = Fixture.plan(org, live, options: Fixture.options(prune: true))
        #expect(plan.change("service_project_role.acme/bi/revenue")?.dependencies.map(\.description)
                == ["project.acme/revenue", "service.acme/bi"])
        #expect(plan.change("service_project_role.acme/bi/x")?.dependencies.map(\.description) == ["service.acme/bi"])
        #expect(plan.change("project.acme/x")?.dependencies.map(\.description) == ["service_project_role.acme/bi/x"])
    }
}
