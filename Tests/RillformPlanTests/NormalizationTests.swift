import RillformModel
import Testing
@testable import RillformPlan

/// Pairs of equal states written differently: none may produce a change.
@Suite("Planner: normalisation cases that must not diff")
struct NormalizationTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var desired: DesiredOrg
        var live: LiveOrg
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "empty string vs Rill's empty default",
             desired: Fixture.org(projects: [DesiredProject(name: Fixture.located("p", 10), description: Fixture.located("", 11),
                                                            subpath: Fixture.located("", 12))]),
             live: Fixture.liveOrg(projects: [LiveProject(id: "p1", name: "p")])),
        Case(name: "default_project_role \"\" (cleared) vs none live",
             desired: DesiredOrg(name: Fixture.located("acme", 1), defaultProjectRole: Fixture.located("", 2)),
             live: Fixture.liveOrg()),
        Case(name: "prod_ttl_seconds 0 (no expiry) on both sides",
             desired: Fixture.org(projects: [DesiredProject(name: Fixture.located("p", 10), prodTtlSeconds: Fixture.located(0, 11))]),
             live: Fixture.liveOrg(projects: [LiveProject(id: "p1", name: "p", prodTtlSeconds: 0)])),
        Case(name: "prod_slots as int vs int64 string already parsed",
             desired: Fixture.org(projects: [DesiredProject(name: Fixture.located("p", 10), prodSlots: Fixture.located(2, 11))]),
             live: Fixture.liveOrg(projects: [LiveProject(id: "p1", name: "p", prodSlots: 2)])),
        Case(name: "prod_version latest vs empty live default",
             desired: Fixture.org(projects: [DesiredProject(name: Fixture.located("p", 10), prodVersion: Fixture.located("latest", 11))]),
             live: Fixture.liveOrg(projects: [LiveProject(id: "p1", name: "p", prodVersion: "")])),
        Case(name: "attributes: 2 vs 2.0 and key order",
             desired: Fixture.org(services: [DesiredService(
                name: Fixture.located("s", 20), orgRole: Fixture.located(.viewer, 21),
                attributes: Fixture.located(["n": .number(2), "tags": .array([.string("a")]), "m": .object(["x": .bool(true)])], 22))]),
             live: Fixture.liveOrg(services: [LiveService(id: "s1", name: "s", orgRole: .viewer,
                attributes: ["m": .object(["x": .bool(true)]), "tags": .array([.string("a")]), "n": .number(2.0)])])),
        Case(name: "attributes: {} vs none live",
             desired: Fixture.org(services: [DesiredService(name: Fixture.located("s", 20), orgRole: Fixture.located(.viewer, 21),
                                                            attributes: Fixture.located([:], 22))]),
             live: Fixture.liveOrg(services: [LiveService(id: "s1", name: "s", orgRole: .viewer)])),
        Case(name: "project roles as a map, any order",
             desired: Fixture.org(
                projects: [DesiredProject(name: Fixture.located("a", 10)), DesiredProject(name: Fixture.located("b", 11))],
                services: [DesiredService(name: Fixture.located("s", 20), orgRole: Fixture.located(.viewer, 21),
                                          projectRoles: ["b": Fixture.located(.viewer, 22), "a": Fixture.located(.admin, 23)])]),
             live: Fixture.liveOrg(projects: [LiveProject(id: "pa", name: "a"), LiveProject(id: "pb", name: "b")],
                                   services: [LiveService(id: "s1", name: "s", orgRole: .viewer,
                                                          projectRoles: ["a": .admin, "b": .viewer])])),
        Case(name: "deployment PENDING counts as running",
             desired: Fixture.org(projects: [DesiredProject(name: Fixture.located("p", 10), deployments: [
                DesiredDeployment(environment: Fixture.located(.prod, 11), state: Fixture.located(.running, 12))])]),
             live: Fixture.liveOrg(projects: [LiveProject(id: "p1", name: "p", deployments: [
                LiveDeployment(id: "d1", environment: "prod", status: "DEPLOYMENT_STATUS_PENDING")])])),
        Case(name: "unmanaged fields (absent from the manifest) are never compared",
             desired: Fixture.org(projects: [DesiredProject(name: Fixture.located("p", 10))]),
             live: Fixture.liveOrg(projects: [LiveProject(id: "p1", name: "p", description: "anything", isPublic: true,
                                                          gitRemote: "https://github.com/a/b.git", prodSlots: 9)],
                                   description: "live only")),
    ]

    @Test(arguments: cases)
    func doesNotDiff(_ testCase: Case) {
        let plan = Fixture.plan(testCase.desired, testCase.live)
        #expect(plan.changes.isEmpty, "\(plan.changes.map(\.fieldChanges))")
        #expect(plan.unmanaged.isEmpty)
    }

    @Test("these do diff: git remotes are compared exactly, {} clears attributes, 2 vs 3")
    func doesDiff() {
        let remote = Fixture.plan(
            Fixture.org(projects: [DesiredProject(name: Fixture.located("p", 10), gitRemote: Fixture.located("https://github.com/a/b", 11))]),
            Fixture.liveOrg(projects: [LiveProject(id: "p1", name: "p", gitRemote: "https://github.com/a/b.git")]))
        #expect(remote.change("project.acme/p")?.fieldChanges.map(\.field) == ["git_remote"])

        let clear = Fixture.plan(
            Fixture.org(services: [DesiredService(name: Fixture.located("s", 20), orgRole: Fixture.located(.viewer, 21),
                                                  attributes: Fixture.located([:], 22))]),
            Fixture.liveOrg(services: [LiveService(id: "s1", name: "s", orgRole: .viewer, attributes: ["a": .number(1)])]))
        #expect(clear.change("service.acme/s")?.fieldChange("attributes")?.after == .object([:]))
        #expect(clear.accessChanges.map(\.aspect) == [.attributes])
    }
}
