import Foundation
import RillformModel
import RillformPlan

/// Plans built by the real planner from small states, so the goldens show what users will see.
enum ReportFixtures {
    static let now = Date(timeIntervalSince1970: 1_795_000_000)
    static let file = "Examples/quickstart/rillform.yaml"

    static func at(_ line: Int, _ column: Int = 5) -> SourceLocation { SourceLocation(file: file, line: line, column: column) }
    static func located<T>(_ value: T, _ line: Int, _ column: Int = 5) -> Located<T> { Located(value, at: at(line, column)) }

    /// One of everything: create, update, rename, replace, delete (prune), token issue and rotation, access changes,
    /// an unmanaged resource, a diagnostic.
    static var richPlan: Plan {
        let org = DesiredOrg(
            name: located("acme", 1, 3), description: located("Acme | Analytics", 2),
            projects: [
                DesiredProject(name: located("revenue", 5), previously: [located("sales", 6)],
                               description: located("Revenue dashboards", 7), prodSlots: located(4, 8)),
                DesiredProject(name: located("marketing", 10), gitRemote: located("https://github.com/acme/marketing.git", 11),
                               deployments: [DesiredDeployment(environment: located(.prod, 12)),
                                             DesiredDeployment(environment: located(.dev, 13), branch: located("preview", 14))]),
            ],
            services: [
                DesiredService(name: located("etl", 20), orgRole: located(.viewer, 21),
                               tokenPolicy: TokenPolicy(location: at(22))),
                DesiredService(name: located("reporting", 25), orgRole: located(.editor, 26),
                               projectRoles: ["revenue": located(.viewer, 27), "marketing": located(.viewer, 28)],
                               attributes: located(["region": .string("eu"), "tier": .number(2)], 29),
                               tokenPolicy: TokenPolicy(location: at(30), rotateAfterDays: located(90, 31))),
                DesiredService(name: located("loader", 35), projectRoles: [:]),
            ])
        let live = LiveOrg(
            id: "org-1", name: "acme", description: "Acme",
            projects: [
                "sales": LiveProject(id: "p-sales", name: "sales", description: "Sales", prodSlots: 2),
                "legacy": LiveProject(id: "p-legacy", name: "legacy"),
                "scratch": LiveProject(id: "p-scratch", name: "scratch"),
            ],
            services: [
                "etl": LiveService(id: "s-etl", name: "etl", orgRole: nil, projectRoles: ["legacy": .editor],
                                   tokens: [LiveToken(id: "tok-etl-1", prefix: "rill_svc_aaaa", createdOn: now.addingTimeInterval(-5 * 86_400))]),
                "reporting": LiveService(id: "s-rep", name: "reporting", orgRole: .viewer,
                                         attributes: ["region": .string("us"), "tier": .number(2.0)],
                                         projectRoles: ["sales": .viewer],
                                         tokens: [LiveToken(id: "tok-rep-1", prefix: "rill_svc_bbbb", createdOn: now.addingTimeInterval(-120 * 86_400))]),
                "loader": LiveService(id: "s-load", name: "loader", orgRole: .viewer, projectRoles: ["scratch": .admin]),
                "stray": LiveService(id: "s-stray", name: "stray", orgRole: .admin),
            ])
        var options = PlanOptions(now: now)
        options.excludes = [ResourceAddress.project("acme", "scratch")]
        let desired = DesiredState(orgs: [org], policy: Policy(prune: located(true, 40)))
        return Planner.plan(desired: desired, live: LiveState(orgs: ["acme": live]), options: options)
    }

    static var emptyPlan: Plan {
        let org = DesiredOrg(name: located("acme", 1, 3), description: located("Acme", 2))
        let live = LiveOrg(id: "org-1", name: "acme", description: "Acme",
                           projects: ["legacy": LiveProject(id: "p-legacy", name: "legacy")])
        return Planner.plan(desired: DesiredState(orgs: [org]), live: LiveState(orgs: ["acme": live]),
                            options: PlanOptions(now: now))
    }
}
