import Foundation
import RillformModel
import Testing
@testable import RillformPlan

/// Rill-specific deployment behaviour the planner must anticipate: projects without a source cannot deploy,
/// some project updates restart every deployment, and deleted deployments linger as DELETING.
@Suite("Planner: project sources, restarts and transitional deployments")
struct ProjectSourceAndRestartTests {
    static let remote = "https://github.com/acme/sales.git"

    @Test("a new project without git_remote is created with skip_deploy; with one, Rill deploys prod",
          arguments: [(nil as String?, true), (remote, false)])
    func skipDeployFollowsSource(remote: String?, skip: Bool) throws {
        let org = Fixture.org(projects: [DesiredProject(
            name: Fixture.located("sales", 10), gitRemote: remote.map { Fixture.located($0, 11) })])
        let change = try #require(Fixture.plan(org, Fixture.liveOrg()).change("project.acme/sales"))
        #expect(change.skipDeploy == skip)
        #expect(change.notes.contains { $0.contains(skip ? "no git_remote" : "Rill creates the prod deployment") })
    }

    /// (changed field, desired value, does Rill restart the deployments?)
    static let restartCases: [(String, DesiredProject, Bool)] = [
        ("prod_slots", project(prodSlots: 4), true),
        ("prod_version", project(prodVersion: "v0.79.0"), true),
        ("primary_branch", project(primaryBranch: "release"), true),
        ("subpath", project(subpath: "rill"), true),
        ("git_remote", project(gitRemote: "https://github.com/acme/other.git"), true),
        ("description", project(description: "new words"), false),
        ("prod_ttl_seconds", project(prodTtlSeconds: 3600), false),
        ("public", project(isPublic: true), false),
    ]

    static func project(description: String? = nil, isPublic: Bool? = nil, gitRemote: String = remote,
                        primaryBranch: String? = nil, subpath: String? = nil, prodSlots: Int? = nil,
                        prodVersion: String? = nil, prodTtlSeconds: Int? = nil) -> DesiredProject {
        DesiredProject(
            name: Fixture.located("sales", 10), description: description.map { Fixture.located($0, 11) },
            isPublic: isPublic.map { Fixture.located($0, 12) }, gitRemote: Fixture.located(gitRemote, 13),
            primaryBranch: primaryBranch.map { Fixture.located($0, 14) }, subpath: subpath.map { Fixture.located($0, 15) },
            prodSlots: prodSlots.map { Fixture.located($0, 16) }, prodVersion: prodVersion.map { Fixture.located($0, 17) },
            prodTtlSeconds: prodTtlSeconds.map { Fixture.located($0, 18) },
            deployments: [DesiredDeployment(environment: Fixture.located(.prod, 20), state: Fixture.located(.stopped, 21))])
    }

    static let liveStoppedProject = LiveProject(
        id: "p1", name: "sales", gitRemote: remote, primaryBranch: "main", prodSlots: 2, prodVersion: "latest",
        prodTtlSeconds: 0, deployments: [LiveDeployment(id: "d1", environment: "prod", branch: "main",
                                                        status: "DEPLOYMENT_STATUS_STOPPED")])

    @Test("an update that restarts deployments re-stops a declared-stopped deployment after it",
          arguments: restartCases)
    func restartingUpdates(field: String, desired: DesiredProject, restarts: Bool) throws {
        let plan = Fixture.plan(Fixture.org(projects: [desired]), Fixture.liveOrg(projects: [Self.liveStoppedProject]))
        let project = try #require(plan.change("project.acme/sales"))
        #expect(project.fieldChanges.map(\.field).contains(field))
        #expect(DeploymentRestart.restartsDeployments(project) == restarts)
        let prod = plan.change("deployment.acme/sales/prod")
        if restarts {
            let prod = try #require(prod)
            #expect(prod.actions == [.update])
            #expect(prod.fieldChange("state")?.after == .string("stopped"))
            #expect(prod.dependencies == [.project("acme", "sales")])
            #expect(project.notes.contains { $0.contains("UpdateDeploymentsForProject") })
        } else {
            #expect(prod == nil || prod?.operation == .noOp)
        }
    }

    @Test("a rename restarts deployments; an unmanaged stopped deployment is named in the note")
    func renameWithUnmanagedDeployments() throws {
        var desired = DesiredProject(name: Fixture.located("revenue", 10), previously: [Fixture.located("sales", 11)])
        desired.deployments = nil
        let plan = Fixture.plan(Fixture.org(projects: [desired]), Fixture.liveOrg(projects: [Self.liveStoppedProject]))
        let project = try #require(plan.change("project.acme/revenue"))
        #expect(DeploymentRestart.restartsDeployments(project))
        #expect(project.notes.contains { $0.contains("stopped deployments (prod) will be running afterwards") })
    }

    @Test("a stop on a project whose update does not restart deployments does not wait for the update")
    func noNeedlessDependency() throws {
        var live = Self.liveStoppedProject
        live.deployments[0].status = "DEPLOYMENT_STATUS_RUNNING"
        let plan = Fixture.plan(Fixture.org(projects: [Self.project(description: "x")]),
                                Fixture.liveOrg(projects: [live]))
        #expect(plan.change("deployment.acme/sales/prod")?.dependencies == [])
    }

    /// Transitional statuses right after an apply must not produce a new plan (no flapping).
    static let transitional: [(String, DeploymentState?, Bool)] = [
        ("DEPLOYMENT_STATUS_PENDING", .running, false),
        ("DEPLOYMENT_STATUS_UPDATING", .running, false),
        ("DEPLOYMENT_STATUS_STOPPING", .stopped, false),
        ("DEPLOYMENT_STATUS_DELETING", nil, true),
        ("DEPLOYMENT_STATUS_DELETED", nil, true),
    ]

    @Test("transitional statuses do not flap: pending counts as running, stopping as stopped, deleting as gone",
          arguments: transitional)
    func transitionalStatuses(status: String, state: DeploymentState?, gone: Bool) throws {
        let dev = LiveDeployment(id: "d2", environment: "dev", branch: "old", status: status)
        var live = Self.liveStoppedProject
        live.deployments = [LiveDeployment(id: "d1", environment: "prod", branch: "main", status: status), dev]
        var desired = Self.project()
        desired.deployments = state.map {
            [DesiredDeployment(environment: Fixture.located(.prod, 20), state: Fixture.located($0, 21))]
        } ?? []
        let plan = Fixture.plan(Fixture.org(projects: [desired]), Fixture.liveOrg(projects: [live]))
        // The dev deployment is not declared: deleted unless it is already going away.
        #expect((plan.change("deployment.acme/sales/dev@old")?.operation == .delete) == !gone)
        if gone {
            #expect(plan.change("deployment.acme/sales/prod") == nil)
        } else {
            #expect(plan.change("deployment.acme/sales/prod") == nil, "a transitional status must not plan a change")
        }
    }
}
