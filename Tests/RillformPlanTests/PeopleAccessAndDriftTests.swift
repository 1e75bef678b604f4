import RillformModel
import Testing
@testable import RillformPlan

@Suite("People: access impact, drift RF404, read plan")
struct PeopleAccessAndDriftTests {
    private static let ana = "ana@acme.com"
    private static let bo = "bo@acme.com"

    private static let live = Fixture.livePeopleOrg(
        members: [LiveMember(email: ana, orgRole: .viewer), LiveMember(email: bo, orgRole: .editor),
                  LiveMember(email: "inv@x.io", isPendingInvite: true, orgRole: .viewer)],
        usergroups: [
            LiveUsergroup(id: "g1", name: "analysts", orgRole: .viewer, members: [bo], projectRoles: ["sales": .editor]),
            LiveUsergroup(id: "g2", name: "autogroup:members", members: [ana, bo], projectRoles: ["sales": .viewer]),
        ],
        projects: [Fixture.liveProject("sales", members: [LiveProjectMember(email: bo, role: .admin)])])

    private static let project = DesiredProject(name: Fixture.located("sales", 50))

    private static func entries(_ plan: Plan) -> [String] {
        plan.accessChanges.map { change in
            "\(change.identity) \(change.scope) \(change.before ?? "-")->\(change.after ?? "-")"
                + (change.via.map { " via \($0)" } ?? "")
        }
    }

    @Test("joining a group grants its project role; the effective role is the highest of direct and group roles")
    func joinGroup() {
        let plan = Fixture.plan(Fixture.peopleOrg(
            usergroups: [Fixture.group("analysts", line: 10, members: [Self.ana, Self.bo], projectRoles: ["sales": .editor])],
            projects: [Self.project]), Self.live)
        // ana: viewer on sales through autogroup:members, editor through analysts now. bo is admin directly:
        // unchanged. The group's org role viewer is no more than ana's direct viewer.
        #expect(Self.entries(plan) == [
            "member.acme/ana@acme.com project.acme/sales viewer->editor via usergroup.acme/analysts",
        ])
        #expect(plan.accessChanges.first?.kind == .change)
        // At ana's line in the group's members list.
        #expect(plan.accessChanges.first?.location == Fixture.at(20))
    }

    @Test("a group's role change, a group delete and a member removal show per person")
    func groupChanges() {
        let raised = Fixture.plan(Fixture.peopleOrg(
            usergroups: [Fixture.group("analysts", line: 10, orgRole: .admin)], projects: [Self.project]), Self.live)
        #expect(Self.entries(raised) == ["member.acme/bo@acme.com org.acme editor->admin via usergroup.acme/analysts"])

        let deleted = Fixture.plan(Fixture.peopleOrg(usergroups: [], projects: [Self.project]), Self.live,
                                   options: Fixture.options(prune: true))
        // bo keeps admin on sales directly and editor on the org directly: no entry for bo.
        #expect(Self.entries(deleted).isEmpty)

        let removed = Fixture.plan(Fixture.peopleOrg(
            members: [Fixture.member(Self.bo, .editor, line: 10), Fixture.member("inv@x.io", .viewer, line: 15)],
            projects: [Self.project]), Self.live, options: Fixture.options(prune: true))
        #expect(Self.entries(removed) == [
            "member.acme/ana@acme.com org.acme viewer->-",
            "member.acme/ana@acme.com project.acme/sales viewer->- via usergroup.acme/autogroup:members",
        ])
        #expect(removed.accessChanges.map(\.kind) == [.revoke, .revoke])
    }

    @Test("direct project and org roles; service entries stay as they were")
    func directRoles() {
        var org = Fixture.peopleOrg(
            members: [Fixture.member(Self.ana, .editor, line: 10), Fixture.member(Self.bo, .editor, line: 15),
                      Fixture.member("inv@x.io", .viewer, line: 17), Fixture.member("new@acme.com", .guest, line: 20)],
            projects: [Fixture.peopleProject("sales", line: 50, members: [
                Fixture.projectMember(Self.bo, .viewer, line: 60), Fixture.projectMember("new@acme.com", .viewer, line: 70)])])
        org.services = [DesiredService(name: Fixture.located("bi", 80), orgRole: Fixture.located(.viewer, 81))]
        let plan = Fixture.plan(org, Self.live)
        #expect(Self.entries(plan) == [
            "service.acme/bi org.acme -->viewer",
            "member.acme/ana@acme.com org.acme viewer->editor",
            // bo: direct admin on sales goes, editor through analysts stays.
            "member.acme/bo@acme.com project.acme/sales admin->editor via usergroup.acme/analysts",
            "member.acme/new@acme.com org.acme -->guest",
            "member.acme/new@acme.com project.acme/sales -->viewer",
        ])
        #expect(plan.accessChanges.first { $0.identity == .member("acme", email: "new@acme.com") }?.location == Fixture.at(20))
    }

    @Test("drift: RF404 per declared person still a pending invite; people kinds drift like other kinds")
    func drift() throws {
        let desired = Fixture.peopleOrg(
            members: [Fixture.member(Self.ana, .editor, line: 10), Fixture.member(Self.bo, .editor, line: 15),
                      Fixture.member("inv@x.io", .viewer, line: 20)],
            usergroups: [Fixture.group("analysts", line: 30, members: [Self.bo])],
            projects: [Self.project])
        let plan = Fixture.plan(desired, Self.live)
        let report = DriftReport(plan: plan, desired: DesiredState(orgs: [desired]), options: Fixture.options())
        let warnings = report.diagnostics.filter { $0.code == DiagnosticCode.inviteNotAccepted.id }
        #expect(warnings.map(\.message) == ["member.acme/inv@x.io: inv@x.io is still a pending invite to org acme: they never signed up"])
        #expect(warnings.first?.severity == .warning)
        #expect(warnings.first?.location == Fixture.at(20))
        let ana = try #require(report.resources.first { $0.address == .member("acme", email: Self.ana) })
        #expect(ana.status == .changed)
        #expect(ana.fields.map(\.field) == ["org_role"])
        let boInGroup = report.resources.first { $0.address == .usergroupMember("acme", usergroup: "analysts", email: Self.bo) }
        #expect(boInGroup?.status == .inSync)
    }

    @Test("read plan: people when declared, project people for declaring projects, group roles on every project")
    func readPlan() {
        let liveOrg = Fixture.livePeopleOrg(projects: [Fixture.liveProject("sales"), Fixture.liveProject("old-web", id: "p2"),
                                                       Fixture.liveProject("legacy", id: "p3")])
        func reads(_ org: DesiredOrg) -> OrgDetailReads {
            ReadPlan(desired: DesiredState(orgs: [org]), options: Fixture.options()).details(for: liveOrg)
        }
        let none = reads(Fixture.peopleOrg(projects: [Self.project]))
        #expect(!none.people && none.projectPeople.isEmpty && none.usergroupRoles.isEmpty)

        #expect(reads(Fixture.peopleOrg(members: [])).people)
        #expect(reads(Fixture.peopleOrg(domains: [])).people)
        let groups = reads(Fixture.peopleOrg(usergroups: [Fixture.group("a", line: 10)]))
        #expect(groups.people && groups.usergroupRoles.isEmpty)
        let roles = reads(Fixture.peopleOrg(usergroups: [Fixture.group("a", line: 10, projectRoles: [:])]))
        #expect(roles.usergroupRoles == ["sales", "old-web", "legacy"])

        var web = Fixture.peopleProject("web", line: 60, members: [])
        web.previously = [Fixture.located("old-web", 61)]
        let projectPeople = reads(Fixture.peopleOrg(projects: [Self.project, web,
            Fixture.peopleProject("legacy", line: 70, domains: [])]))
        #expect(projectPeople.projectPeople == ["old-web", "legacy"])
        // The org's people and the groups' roles on those projects come along, for the access view.
        #expect(projectPeople.people)
        #expect(projectPeople.usergroupRoles == ["old-web", "legacy"])
    }
}
