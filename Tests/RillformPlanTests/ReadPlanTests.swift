import RillformModel
import Testing
@testable import RillformPlan

@Suite("Read plan: read only what planning needs")
struct ReadPlanTests {
    // MARK: - Fixtures

    /// Live: sales (prod + stopped dev), legacy (prod), old-web (prod; declared as web with previously old-web);
    /// services bi, etl (no org role), stray, old-bot (declared as bot with previously old-bot), with roles on
    /// several projects; old-bot has a token (tokens are read only for token policies, as before).
    static var live: LiveOrg {
        let prod = { (id: String) in LiveDeployment(id: id, environment: "prod") }
        let token = Fixture.token("t1", ageDays: 1)
        return Fixture.liveOrg(
            projects: [
                LiveProject(id: "p1", name: "sales", gitRemote: "https://github.com/acme/sales.git", deployments: [
                    prod("d1"),
                    LiveDeployment(id: "d2", environment: "dev", branch: "x", status: "DEPLOYMENT_STATUS_STOPPED"),
                ]),
                LiveProject(id: "p2", name: "legacy", deployments: [prod("d3")]),
                LiveProject(id: "p3", name: "old-web", gitRemote: "https://github.com/acme/web.git",
                            deployments: [prod("d4"), LiveDeployment(id: "d5", environment: "dev", branch: "y",
                                                                     status: "DEPLOYMENT_STATUS_STOPPED")]),
            ],
            services: [
                LiveService(id: "s1", name: "bi", orgRole: .viewer, projectRoles: ["sales": .viewer, "legacy": .admin]),
                LiveService(id: "s2", name: "etl", projectRoles: ["legacy": .editor]),
                LiveService(id: "s3", name: "stray", orgRole: .admin, projectRoles: ["sales": .admin]),
                LiveService(id: "s4", name: "old-bot", orgRole: .viewer, projectRoles: ["old-web": .viewer],
                            tokens: [token]),
            ])
    }

    /// Manages sales' deployments; renames old-web to web (unmanaged deployments: the rename restarts them);
    /// bi's roles are authoritative; etl gets an org role (a replace that carries its roles over); bot is renamed
    /// and has a token policy.
    static func desired(gitRemoteChange: Bool = false) -> DesiredOrg {
        Fixture.org(
            projects: [
                DesiredProject(name: Fixture.located("sales", 10),
                               gitRemote: gitRemoteChange ? Fixture.located("https://github.com/acme/new.git", 11) : nil,
                               deployments: [DesiredDeployment(environment: Fixture.located(.prod, 12))]),
                DesiredProject(name: Fixture.located("web", 14), previously: [Fixture.located("old-web", 15)]),
            ],
            services: [
                DesiredService(name: Fixture.located("bi", 20), orgRole: Fixture.located(.viewer, 21),
                               projectRoles: ["sales": Fixture.located(.viewer, 22)]),
                DesiredService(name: Fixture.located("etl", 24), orgRole: Fixture.located(.viewer, 25)),
                DesiredService(name: Fixture.located("bot", 27), previously: [Fixture.located("old-bot", 28)],
                               orgRole: Fixture.located(.viewer, 29), tokenPolicy: TokenPolicy(location: Fixture.at(30))),
            ])
    }

    static func readPlan(_ org: DesiredOrg, prune: Bool = false, policy: Policy = Policy()) -> ReadPlan {
        ReadPlan(desired: DesiredState(orgs: [org], policy: policy), options: Fixture.options(prune: prune))
    }

    /// `live` as the reader returns it when following `reads`: details not asked for are empty.
    static func trimmed(_ live: LiveOrg, to reads: OrgDetailReads) -> LiveOrg {
        var live = live
        for name in live.projects.keys where !reads.deployments.contains(name) { live.projects[name]?.deployments = [] }
        for name in live.services.keys {
            if !reads.projectRoles.contains(name) { live.services[name]?.projectRoles = [:] }
            if !reads.tokens.contains(name) { live.services[name]?.tokens = [] }
        }
        return live
    }

    /// The listings the read plan decides from: no deployments, roles or tokens.
    static func listed(_ live: LiveOrg) -> LiveOrg {
        trimmed(live, to: OrgDetailReads())
    }

    // MARK: - What is read

    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var prune: Bool
        var gitRemoteChange: Bool
        var deployments: Set<String>
        var roles: Set<String>
        var tokens: Set<String>
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        // sales: declared list; old-web: renamed (restarts deployments, the note names the stopped ones).
        Case(name: "managed only", prune: false, gitRemoteChange: false,
             deployments: ["sales", "old-web"], roles: ["bi", "etl", "old-bot"], tokens: ["old-bot"]),
        // Prune deletes legacy and stray: their deployments are counted in the note, stray's roles revoked.
        Case(name: "prune adds what it deletes", prune: true, gitRemoteChange: false,
             deployments: ["sales", "old-web", "legacy"], roles: ["bi", "etl", "old-bot", "stray"], tokens: ["old-bot"]),
        Case(name: "a git_remote change on a managed list changes nothing", prune: false, gitRemoteChange: true,
             deployments: ["sales", "old-web"], roles: ["bi", "etl", "old-bot"], tokens: ["old-bot"]),
    ]

    @Test(arguments: cases)
    func reads(_ test: Case) {
        let reads = Self.readPlan(Self.desired(gitRemoteChange: test.gitRemoteChange), prune: test.prune)
            .details(for: Self.listed(Self.live))
        #expect(reads.deployments == test.deployments)
        #expect(reads.projectRoles == test.roles)
        #expect(reads.tokens == test.tokens)
    }

    @Test("a project without a deployments list is read only when its update restarts deployments")
    func restartNeedsDeployments() {
        let still = Fixture.org(projects: [DesiredProject(name: Fixture.located("legacy", 10))])
        let moved = Fixture.org(projects: [DesiredProject(
            name: Fixture.located("legacy", 10), gitRemote: Fixture.located("https://github.com/acme/x.git", 11))])
        let described = Fixture.org(projects: [DesiredProject(
            name: Fixture.located("legacy", 10), description: Fixture.located("no restart", 11))])
        let live = Self.listed(Self.live)
        #expect(Self.readPlan(still).details(for: live).deployments == [])
        #expect(Self.readPlan(moved).details(for: live).deployments == ["legacy"])
        #expect(Self.readPlan(described).details(for: live).deployments == [])
    }

    @Test("policy.prune of the org counts like --prune")
    func policyPrune() {
        let reads = Self.readPlan(Self.desired(), policy: Policy(prune: Fixture.located(true, 5)))
            .details(for: Self.listed(Self.live))
        #expect(reads.deployments.contains("legacy"))
        #expect(reads.projectRoles.contains("stray"))
    }

    @Test("an org outside the manifest needs no details")
    func otherOrg() {
        var other = Self.live
        other.name = "other"
        #expect(Self.readPlan(Self.desired()).details(for: other) == OrgDetailReads())
        #expect(Self.readPlan(Self.desired()).orgs == ["acme"])
    }

    // MARK: - Per project or per service

    struct RoleCase: Sendable {
        var services: Int
        var projects: Int
        var source: OrgDetailReads.RoleSource
        var calls: Int
    }

    static let roleCases: [RoleCase] = [
        RoleCase(services: 1, projects: 3, source: .perService, calls: 1),
        RoleCase(services: 3, projects: 3, source: .perProject, calls: 3),  // a tie keeps the listing
        RoleCase(services: 2_000, projects: 500, source: .perProject, calls: 500),
        RoleCase(services: 40, projects: 500, source: .perService, calls: 40),
        RoleCase(services: 0, projects: 500, source: .perService, calls: 0),
        RoleCase(services: 0, projects: 0, source: .perProject, calls: 0),
    ]

    @Test(arguments: roleCases)
    func cheaperRoleSource(_ test: RoleCase) {
        let source = OrgDetailReads.cheaperRoleSource(services: test.services, projects: test.projects)
        #expect(source == test.source)
        let reads = OrgDetailReads(projectRoles: Set((0..<test.services).map { "s\($0)" }), roleSource: source)
        #expect(reads.callCount(projects: test.projects) == test.calls)
        #expect(reads.callCount(projects: test.projects) == min(test.services, test.projects))
    }

    @Test("the plan picks per service when it manages fewer services than the org has projects")
    func picksPerService() {
        let one = Fixture.org(services: [DesiredService(name: Fixture.located("bi", 20), orgRole: Fixture.located(.viewer, 21))])
        let reads = Self.readPlan(one).details(for: Self.listed(Self.live))
        #expect(reads.projectRoles == ["bi"])
        #expect(reads.roleSource == .perService)
        #expect(reads.callCount(projects: 3) == 1)
        let all = Self.readPlan(Self.desired(), prune: true).details(for: Self.listed(Self.live))
        #expect(all.roleSource == .perProject)  // 4 services wanted, 3 projects
        #expect(all.callCount(projects: 3) == 3 + 3 + 1)
    }

    @Test("everything: every project's deployments and every service's roles, tokens as asked")
    func everything() {
        let reads = OrgDetailReads.everything(Self.live, tokens: ["bi", "ghost"])
        #expect(reads.deployments == ["sales", "legacy", "old-web"])
        #expect(reads.projectRoles == ["bi", "etl", "stray", "old-bot"])
        #expect(reads.roleSource == .perProject)
        #expect(reads.tokens == ["bi"])
    }

    // MARK: - The plan sees what it needs

    /// Planning against the trimmed live state gives the same plan as against the full one, except the live
    /// counts (the mass-delete denominator counts what was read).
    @Test(arguments: [(false, false), (true, false), (false, true), (true, true)])
    func samePlan(prune: Bool, gitRemoteChange: Bool) {
        let org = Self.desired(gitRemoteChange: gitRemoteChange)
        let reads = Self.readPlan(org, prune: prune).details(for: Self.listed(Self.live))
        let options = Fixture.options(prune: prune)
        var full = Fixture.plan(org, Self.live, options: options)
        var partial = Fixture.plan(org, Self.trimmed(Self.live, to: reads), options: options)
        #expect(full.hasChanges)
        // Without prune, legacy's deployment is not read: the mass-delete denominator counts what was read.
        #expect(partial.liveCounts["acme"]?[.deployment] == (prune ? 5 : 4))
        #expect(full.liveCounts["acme"]?[.deployment] == 5)
        full.liveCounts = [:]
        partial.liveCounts = [:]
        #expect(partial == full)
    }
}
