import RillformModel
import Testing
@testable import RillformPlan

@Suite("Planner: unmanaged resources and prune")
struct UnmanagedAndPruneTests {
    /// A manifest that manages deployments and project roles, against live state with extras of every kind.
    private func scenario(prune: Bool) -> Plan {
        let org = Fixture.org(
            projects: [DesiredProject(name: Fixture.located("sales", 10), deployments: [
                DesiredDeployment(environment: Fixture.located(.prod, 11))])],
            services: [DesiredService(name: Fixture.located("bi", 20), orgRole: Fixture.located(.viewer, 21),
                                      projectRoles: ["sales": Fixture.located(.viewer, 22)])])
        let live = Fixture.liveOrg(
            projects: [
                LiveProject(id: "p1", name: "sales", deployments: [
                    LiveDeployment(id: "d1", environment: "prod"),
                    LiveDeployment(id: "d2", environment: "dev", branch: "old", status: "DEPLOYMENT_STATUS_STOPPED"),
                ]),
                LiveProject(id: "p2", name: "legacy"),
            ],
            services: [
                LiveService(id: "s1", name: "bi", orgRole: .viewer, projectRoles: ["sales": .viewer, "legacy": .admin]),
                LiveService(id: "s2", name: "stray", orgRole: .admin),
            ])
        return Fixture.plan(org, live, options: Fixture.options(prune: prune))
    }

    @Test("without prune, undeclared live resources are listed, not deleted; managed collections are authoritative")
    func listed() {
        let plan = scenario(prune: false)
        #expect(plan.unmanaged.map(\.address.description) == ["project.acme/legacy", "service.acme/stray"])
        // sales declares its deployments and bi its project roles: their extras are removed even without prune.
        #expect(plan.addresses == ["deployment.acme/sales/dev@old", "service_project_role.acme/bi/legacy"])
        #expect(plan.changes.allSatisfy { $0.actions == [.delete] })
        #expect(plan.change("service_project_role.acme/bi/legacy")?.location == Fixture.located("bi", 20).location)
        #expect(plan.change("deployment.acme/sales/dev@old")?.location == Fixture.located("sales", 10).location)
    }

    @Test("with prune they become deletes, children before parents")
    func pruned() throws {
        let plan = scenario(prune: true)
        #expect(plan.unmanaged.isEmpty)
        #expect(plan.addresses == [
            "project.acme/legacy", "deployment.acme/sales/dev@old", "service.acme/stray",
            "service_project_role.acme/bi/legacy",
        ])
        #expect(plan.changes.allSatisfy { $0.actions == [.delete] })
        // The role on legacy goes before legacy itself.
        #expect(plan.change("project.acme/legacy")?.dependencies == [.serviceProjectRole("acme", service: "bi", project: "legacy")])
        #expect(plan.change("deployment.acme/sales/dev@old")?.live?.id == "d2")
        #expect(plan.accessChanges.map(\.kind) == [.revoke, .revoke])
        #expect(plan.summary.destroy == 4)
    }

    @Test("orgs outside the manifest are never touched or listed, even with prune")
    func outOfScope() {
        let plan = Planner.plan(
            desired: DesiredState(orgs: [Fixture.org()]),
            live: LiveState(orgs: ["acme": Fixture.liveOrg(), "other": LiveOrg(id: "o2", name: "other", projects: [
                "x": LiveProject(id: "px", name: "x")])]),
            options: Fixture.options(prune: true))
        #expect(plan.changes.isEmpty && plan.unmanaged.isEmpty)
        #expect(plan.scope == ["acme"])
    }

    @Test("unmanaged collections are not listed: deployments nil, project_roles nil")
    func unmanagedCollections() {
        let org = Fixture.org(projects: [DesiredProject(name: Fixture.located("sales", 10))],
                              services: [DesiredService(name: Fixture.located("bi", 20), orgRole: Fixture.located(.viewer, 21))])
        let live = Fixture.liveOrg(
            projects: [LiveProject(id: "p1", name: "sales", deployments: [LiveDeployment(id: "d2", environment: "dev", branch: "x")])],
            services: [LiveService(id: "s1", name: "bi", orgRole: .viewer, projectRoles: ["sales": .admin])])
        let plan = Fixture.plan(org, live, options: Fixture.options(prune: true))
        #expect(plan.changes.isEmpty && plan.unmanaged.isEmpty)
    }

    @Test("an explicitly empty project_roles map revokes every live project role, prune or not")
    func emptyRoleMapClears() {
        let org = Fixture.org(services: [DesiredService(name: Fixture.located("bi", 20), orgRole: Fixture.located(.viewer, 21),
                                                        projectRoles: [:])])
        let live = Fixture.liveOrg(projects: [LiveProject(id: "p1", name: "sales")],
                                   services: [LiveService(id: "s1", name: "bi", orgRole: .viewer, projectRoles: ["sales": .admin])])
        let plan = Fixture.plan(org, live)
        #expect(plan.addresses == ["service_project_role.acme/bi/sales"])
        #expect(plan.change("service_project_role.acme/bi/sales")?.actions == [.delete])
        #expect(!plan.unmanaged.contains { $0.address.kind == .serviceProjectRole })
    }
}

@Suite("Plan: what the safety guards will read")
struct DestructionQueryTests {
    @Test("deletes per org and kind, and live counts as the denominator")
    func counts() {
        let live = Fixture.liveOrg(
            projects: [LiveProject(id: "p1", name: "a", deployments: [LiveDeployment(id: "d1", environment: "prod")]),
                       LiveProject(id: "p2", name: "b")],
            services: [LiveService(id: "s1", name: "x", orgRole: .viewer, tokens: [Fixture.token("t", ageDays: 1)])])
        let plan = Fixture.plan(Fixture.org(projects: [DesiredProject(name: Fixture.located("a", 10))]), live,
                                options: Fixture.options(prune: true))
        #expect(plan.destroyedAddresses.map(\.description) == ["project.acme/b", "service.acme/x"])
        #expect(plan.destructionCounts == ["acme": [.project: 1, .service: 1]])
        #expect(plan.liveCounts == ["acme": [.org: 1, .project: 2, .deployment: 1, .service: 1, .serviceToken: 1]])
    }
}
