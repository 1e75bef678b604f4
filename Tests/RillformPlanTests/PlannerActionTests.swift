import Foundation
import RillformModel
import Testing
@testable import RillformPlan

@Suite("Planner: one test per action kind")
struct PlannerActionTests {
    @Test("an org missing live is created with everything in it, parents first")
    func createsMissingOrg() throws {
        let org = Fixture.org(
            projects: [DesiredProject(name: Fixture.located("sales", 10), description: Fixture.located("Sales", 11),
                                      prodSlots: Fixture.located(2, 12))],
            services: [DesiredService(name: Fixture.located("reporting", 20), orgRole: Fixture.located(.viewer, 21),
                                      projectRoles: ["sales": Fixture.located(.editor, 22)],
                                      tokenPolicy: TokenPolicy(location: Fixture.at(23)))],
            description: "Acme")
        let plan = Fixture.plan(org, nil)

        #expect(plan.addresses == [
            "org.acme", "project.acme/sales", "service.acme/reporting",
            "service_project_role.acme/reporting/sales", "service_token.acme/reporting",
        ])
        #expect(plan.changes.allSatisfy { $0.actions == [.create] })
        let project = try #require(plan.change("project.acme/sales"))
        #expect(project.fieldChanges.map(\.field) == ["description", "prod_slots"])
        #expect(project.fieldChange("prod_slots")?.after == .number(2))
        #expect(project.fieldChange("prod_slots")?.before == nil)
        #expect(project.location == Fixture.at(10))
        #expect(project.fieldChange("description")?.location == Fixture.at(11))
        #expect(project.dependencies == [.org("acme")])
        let token = try #require(plan.change("service_token.acme/reporting"))
        #expect(token.tokenChange?.issue == 1)
        #expect(token.tokenChange?.reason == "ensure: no live token")
        #expect(plan.summary.add == 5 && plan.summary.change == 0 && plan.summary.destroy == 0)
        #expect(plan.summary.tokenIssue == 1)
    }

    @Test("changed fields give one in-place update listing only what differs")
    func updatesInPlace() throws {
        let org = Fixture.org(projects: [DesiredProject(
            name: Fixture.located("sales", 10), description: Fixture.located("new", 11),
            isPublic: Fixture.located(false, 12), prodSlots: Fixture.located(4, 13))])
        let live = Fixture.liveOrg(projects: [LiveProject(id: "p1", name: "sales", description: "old", prodSlots: 2)])
        let plan = Fixture.plan(org, live)

        let change = try #require(plan.change("project.acme/sales"))
        #expect(change.actions == [.update])
        #expect(change.fieldChanges == [
            FieldChange(field: "description", before: .string("old"), after: .string("new"), location: Fixture.at(11)),
            FieldChange(field: "prod_slots", before: .number(2), after: .number(4), location: Fixture.at(13)),
        ])
        #expect(change.unchangedFieldCount == 1)
        #expect(change.live == LiveReference(id: "p1", name: "sales"))
        #expect(plan.summary.change == 1)
        #expect(plan.summary.unchanged == 1)  // the org
    }

    @Test("matching state plans nothing and counts the resources as unchanged")
    func noOp() {
        let org = Fixture.org(projects: [DesiredProject(name: Fixture.located("sales", 10),
                                                        description: Fixture.located("Sales", 11))],
                              description: "Acme")
        let live = Fixture.liveOrg(projects: [LiveProject(id: "p1", name: "sales", description: "Sales")],
                                   description: "Acme")
        let plan = Fixture.plan(org, live)
        #expect(plan.changes.isEmpty)
        #expect(plan.summary == PlanSummary(unchanged: 2))
        #expect(!plan.hasChanges)
    }

    @Test("an undeclared project is deleted only when pruning")
    func deletesWithPrune() throws {
        let live = Fixture.liveOrg(projects: [LiveProject(id: "p9", name: "legacy", gitRemote: "https://g/x.git")])
        let kept = Fixture.plan(Fixture.org(), live)
        #expect(kept.changes.isEmpty)
        #expect(kept.unmanaged.map(\.address.description) == ["project.acme/legacy"])

        let pruned = Fixture.plan(Fixture.org(), live, options: Fixture.options(prune: true))
        let change = try #require(pruned.change("project.acme/legacy"))
        #expect(change.actions == [.delete])
        #expect(change.location == nil)
        #expect(change.live?.id == "p9")
        #expect(change.fieldChange("git_remote")?.before == .string("https://g/x.git"))
        #expect(pruned.unmanaged.isEmpty)
        #expect(pruned.summary.destroy == 1)
    }

    @Test("policy.prune in the manifest prunes like --prune")
    func policyPrune() {
        let live = Fixture.liveOrg(services: [LiveService(id: "s9", name: "old", orgRole: .admin)])
        let plan = Fixture.plan(Fixture.org(policy: Policy(prune: Fixture.located(true, 5))), live)
        #expect(plan.change("service.acme/old")?.actions == [.delete])
        #expect(plan.accessChanges == [AccessChange(identity: .service("acme", "old"), scope: .org("acme"),
                                                    before: "admin", after: nil, kind: .revoke)])
    }

    @Test("adding an org role to a service without one is a replace, marked as forced")
    func replacesServiceForOrgRole() throws {
        let org = Fixture.org(services: [DesiredService(
            name: Fixture.located("etl", 20), orgRole: Fixture.located(.viewer, 21), tokenPolicy: TokenPolicy(location: Fixture.at(22)))])
        let live = Fixture.liveOrg(
            projects: [LiveProject(id: "p1", name: "sales")],
            services: [LiveService(id: "s1", name: "etl", orgRole: nil, attributes: ["team": .string("data")],
                                   projectRoles: ["sales": .editor], tokens: [Fixture.token("t1", ageDays: 3)])])
        let plan = Fixture.plan(org, live)

        let service = try #require(plan.change("service.acme/etl"))
        #expect(service.actions == [.delete, .create])
        #expect(service.operation == .replace)
        #expect(service.fieldChange("org_role") == FieldChange(field: "org_role", before: nil, after: .string("viewer"),
                                                               location: Fixture.at(21), forcesReplacement: true))
        // Unmanaged attributes are carried over into the new service.
        #expect(service.fieldChange("attributes")?.after == .object(["team": .string("data")]))
        #expect(service.replaceReason?.contains("404") == true)
        // Roles and tokens die with the old service: granted again, a token issued again.
        let role = try #require(plan.change("service_project_role.acme/etl/sales"))
        #expect(role.actions == [.create])
        #expect(role.dependencies == [.service("acme", "etl")])
        #expect(plan.change("service_token.acme/etl")?.tokenChange?.issue == 1)
        #expect(plan.summary.replace == 1 && plan.summary.add == 3 && plan.summary.destroy == 1)
        // The access view shows the new org role but no false grant of the re-created project role.
        #expect(plan.accessChanges == [AccessChange(identity: .service("acme", "etl"), scope: .org("acme"),
                                                    before: nil, after: "viewer", kind: .grant, location: Fixture.at(21))])
    }

    @Test("changing an existing org role is an in-place update")
    func updatesOrgRole() throws {
        let org = Fixture.org(services: [DesiredService(name: Fixture.located("etl", 20),
                                                        orgRole: Fixture.located(.editor, 21))])
        let live = Fixture.liveOrg(services: [LiveService(id: "s1", name: "etl", orgRole: .viewer)])
        let plan = Fixture.plan(org, live)
        #expect(plan.change("service.acme/etl")?.actions == [.update])
        #expect(plan.accessChanges.map(\.kind) == [.change])
    }

    @Test("a dev deployment whose editable flag differs is replaced; a state change is an update")
    func deployments() throws {
        let org = Fixture.org(projects: [DesiredProject(name: Fixture.located("sales", 10), deployments: [
            DesiredDeployment(environment: Fixture.located(.prod, 11), state: Fixture.located(.stopped, 12)),
            DesiredDeployment(environment: Fixture.located(.dev, 13), branch: Fixture.located("feature", 14),
                              editable: Fixture.located(true, 15)),
            DesiredDeployment(environment: Fixture.located(.dev, 16), branch: Fixture.located("new", 17)),
        ])])
        let live = Fixture.liveOrg(projects: [LiveProject(id: "p1", name: "sales", deployments: [
            LiveDeployment(id: "d1", environment: "prod", branch: "main"),
            LiveDeployment(id: "d2", environment: "dev", branch: "feature", editable: false),
        ])])
        let plan = Fixture.plan(org, live)

        let prod = try #require(plan.change("deployment.acme/sales/prod"))
        #expect(prod.actions == [.update])
        #expect(prod.fieldChanges == [FieldChange(field: "state", before: .string("running"), after: .string("stopped"),
                                                  location: Fixture.at(12))])
        #expect(prod.live?.id == "d1")
        let feature = try #require(plan.change("deployment.acme/sales/dev@feature"))
        #expect(feature.actions == [.delete, .create])
        #expect(feature.fieldChange("editable")?.forcesReplacement == true)
        #expect(feature.live?.id == "d2")
        #expect(plan.change("deployment.acme/sales/dev@new")?.actions == [.create])
    }

    @Test("a new project's prod deployment comes from the project create; without prod it is skip_deploy")
    func projectCreateAndProdDeployment() throws {
        let withProd = Fixture.org(projects: [DesiredProject(
            name: Fixture.located("sales", 10), gitRemote: Fixture.located("https://github.com/acme/sales.git", 9),
            deployments: [
            DesiredDeployment(environment: Fixture.located(.prod, 11)),
            DesiredDeployment(environment: Fixture.located(.dev, 12), branch: Fixture.located("x", 13)),
        ])])
        let plan = Fixture.plan(withProd, Fixture.liveOrg())
        #expect(plan.addresses == ["project.acme/sales", "deployment.acme/sales/dev@x"])
        #expect(plan.change("project.acme/sales")?.skipDeploy == false)
        #expect(plan.change("deployment.acme/sales/dev@x")?.dependencies == [.project("acme", "sales")])

        let withoutProd = Fixture.org(projects: [DesiredProject(name: Fixture.located("sales", 10), deployments: [])])
        let skipped = Fixture.plan(withoutProd, Fixture.liveOrg())
        #expect(skipped.change("project.acme/sales")?.skipDeploy == true)
    }

    @Test("a previously: name found live is renamed in place, and fields diff against the old object")
    func renames() throws {
        let org = Fixture.org(
            projects: [DesiredProject(name: Fixture.located("revenue", 10), previously: [Fixture.located("sales", 11)],
                                      description: Fixture.located("same", 12))],
            services: [DesiredService(name: Fixture.located("bi", 20), previously: [Fixture.located("reporting", 21)],
                                      projectRoles: ["revenue": Fixture.located(.viewer, 22)])])
        let live = Fixture.liveOrg(
            projects: [LiveProject(id: "p1", name: "sales", description: "same")],
            services: [LiveService(id: "s1", name: "reporting", projectRoles: ["sales": .viewer])])
        let plan = Fixture.plan(org, live)

        let project = try #require(plan.change("project.acme/revenue"))
        #expect(project.actions == [.update])
        #expect(project.rename == RenameInfo(from: "sales", location: Fixture.at(11)))
        #expect(project.fieldChanges.map(\.field) == ["name"])
        #expect(project.live?.name == "sales")
        #expect(project.unchangedFieldCount == 1)
        let service = try #require(plan.change("service.acme/bi"))
        #expect(service.rename?.from == "reporting")
        // The role on the renamed project is recognised under its new name: nothing to do.
        #expect(plan.change("service_project_role.acme/bi/revenue") == nil)
        #expect(plan.unmanaged.isEmpty)
        #expect(plan.summary.rename == 2 && plan.summary.change == 2 && plan.summary.add == 0)
        #expect(!plan.changes.contains { $0.destroysLiveObject })
    }

    @Test("when both the name and a previous name exist live, the old one is left alone with a warning")
    func renameConflict() {
        let org = Fixture.org(projects: [DesiredProject(name: Fixture.located("revenue", 10),
                                                        previously: [Fixture.located("sales", 11)])])
        let live = Fixture.liveOrg(projects: [LiveProject(id: "p1", name: "sales"), LiveProject(id: "p2", name: "revenue")])
        let plan = Fixture.plan(org, live)
        #expect(plan.changes.isEmpty)
        #expect(plan.unmanaged.map(\.address.description) == ["project.acme/sales"])
        #expect(plan.diagnostics.map(\.code) == [PlanDiagnosticCode.renameConflict])
    }

    @Test("project roles: create, update, and an unknown project is an error")
    func projectRoles() throws {
        let org = Fixture.org(
            projects: [DesiredProject(name: Fixture.located("a", 10)), DesiredProject(name: Fixture.located("b", 11))],
            services: [DesiredService(name: Fixture.located("bi", 20), projectRoles: [
                "a": Fixture.located(.editor, 21), "b": Fixture.located(.viewer, 22), "ghost": Fixture.located(.viewer, 23),
            ])])
        let live = Fixture.liveOrg(
            projects: [LiveProject(id: "pa", name: "a"), LiveProject(id: "pb", name: "b")],
            services: [LiveService(id: "s1", name: "bi", projectRoles: ["a": .viewer])])
        let plan = Fixture.plan(org, live)
        #expect(plan.change("service_project_role.acme/bi/a")?.actions == [.update])
        #expect(plan.change("service_project_role.acme/bi/b")?.actions == [.create])
        #expect(plan.change("service_project_role.acme/bi/ghost") == nil)
        #expect(plan.diagnostics.map(\.code) == [PlanDiagnosticCode.unknownProjectInRoles])
        #expect(plan.diagnostics.first?.location == Fixture.at(23))
        #expect(plan.accessChanges.map(\.kind) == [.change, .grant])
    }

    @Test("a new service without an org role is created with its first project role")
    func serviceCreatedWithProjectRole() throws {
        let org = Fixture.org(
            projects: [DesiredProject(name: Fixture.located("b", 10)), DesiredProject(name: Fixture.located("a", 11))],
            services: [DesiredService(name: Fixture.located("bi", 20), projectRoles: [
                "b": Fixture.located(.viewer, 21), "a": Fixture.located(.editor, 22)])])
        let plan = Fixture.plan(org, Fixture.liveOrg())
        let service = try #require(plan.change("service.acme/bi"))
        #expect(service.initialProjectRole == InitialProjectRole(project: "a", role: .editor))
        #expect(service.dependencies == [.project("acme", "a")])

        let roleless = Fixture.plan(Fixture.org(services: [DesiredService(name: Fixture.located("x", 30))]), Fixture.liveOrg())
        #expect(roleless.diagnostics.map(\.code) == [PlanDiagnosticCode.serviceWithoutRole])
        #expect(roleless.diagnostics.hasErrors)
    }
}
