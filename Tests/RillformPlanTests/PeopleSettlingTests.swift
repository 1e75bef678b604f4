import RillformModel
import Testing
@testable import RillformPlan

/// Plans that must settle (apply, then plan: no changes) although Rill does things on its own or hides them:
/// groups of pending invites, users Rill adds through allowed domains, group names in another case.
@Suite("Planner: people plans settle")
struct PeopleSettlingTests {
    @Test("a pending invite in a declared group is not planned again (Rill lists only real users), with RF310")
    func pendingInviteInGroup() {
        let desired = Fixture.peopleOrg(
            members: [Fixture.member("new@acme.com", .viewer, line: 10)],
            usergroups: [Fixture.group("analysts", line: 20, members: ["new@acme.com"])])
        let live = Fixture.livePeopleOrg(
            members: [LiveMember(email: "new@acme.com", isPendingInvite: true, orgRole: .viewer)],
            usergroups: [LiveUsergroup(id: "g1", name: "analysts", members: [], projectRoles: [:])])
        let plan = Fixture.plan(desired, live)
        #expect(!plan.changes.contains { $0.kind == .usergroupMember }, "\(plan.changes.map(\.address))")
        #expect(plan.diagnostics.contains { $0.code == PlanDiagnosticCode.pendingInvite && $0.message.contains("analysts") })

        // Control: a real member missing from the group is added.
        let real = Fixture.livePeopleOrg(
            members: [LiveMember(email: "new@acme.com", orgRole: .viewer)],
            usergroups: [LiveUsergroup(id: "g1", name: "analysts", members: [], projectRoles: [:])])
        #expect(Fixture.plan(desired, real).changes.contains {
            $0.address == .usergroupMember("acme", usergroup: "analysts", email: "new@acme.com") && $0.actions == [.create]
        })
    }

    @Test("users Rill added through a declared allowed domain stay, in the project and (with prune) in the org")
    func domainJoinedUsersStay() {
        let project = Fixture.peopleProject("sales", line: 30, members: [Fixture.projectMember("ana@acme.com", .editor, line: 31)],
                                            domains: [Fixture.projectDomain("acme.com", .viewer, line: 35)])
        let desired = Fixture.peopleOrg(members: [Fixture.member("ana@acme.com", .admin, line: 10)],
                                        domains: [Fixture.domain("acme.com", .viewer, line: 40)], projects: [project])
        let live = Fixture.livePeopleOrg(
            members: [LiveMember(email: "ana@acme.com", orgRole: .admin), LiveMember(email: "bo@acme.com", orgRole: .viewer),
                      LiveMember(email: "cy@acme.com", orgRole: .editor), LiveMember(email: "dee@other.com", orgRole: .viewer)],
            domains: [LiveAllowedDomain(domain: "acme.com", orgRole: .viewer)],
            projects: [Fixture.liveProject("sales", members: [
                LiveProjectMember(email: "ana@acme.com", role: .editor), LiveProjectMember(email: "bo@acme.com", role: .viewer),
                LiveProjectMember(email: "cy@acme.com", role: .admin),
            ], domains: [LiveProjectAllowedDomain(domain: "acme.com", role: .viewer)])])
        let plan = Fixture.plan(desired, live, options: Fixture.options(prune: true))
        let deleted = Set(plan.changes.filter { $0.actions == [.delete] }.map(\.address.description))
        // bo joined through the domains with their roles: kept. cy has another role, dee another domain: removed.
        #expect(deleted == ["member.acme/cy@acme.com", "member.acme/dee@other.com", "project_member.acme/sales/cy@acme.com"],
                "\(deleted)")
    }

    @Test("a live group whose name differs only in case is the declared group: no create, no prune delete")
    func usergroupNamesIgnoreCase() {
        let desired = Fixture.peopleOrg(usergroups: [Fixture.group("analysts", line: 20, description: "BI")])
        let live = Fixture.livePeopleOrg(usergroups: [LiveUsergroup(id: "g1", name: "Analysts", description: "BI",
                                                                    members: [], projectRoles: [:])])
        let plan = Fixture.plan(desired, live, options: Fixture.options(prune: true))
        #expect(plan.changes.isEmpty, "\(plan.changes.map { "\($0.address) \($0.actions)" })")
    }

    @Test("a new project waits for the org update that changes default_project_role; autogroup:members compares with the new role")
    func newProjectWaitsForDefaultRole() {
        var desired = Fixture.peopleOrg(
            usergroups: [Fixture.group("autogroup:members", line: 20, projectRoles: ["sales": .editor])],
            projects: [Fixture.peopleProject("sales", line: 30)])
        desired.defaultProjectRole = Fixture.located("editor", 3)
        var live = Fixture.livePeopleOrg(usergroups: [LiveUsergroup(id: "m", name: "autogroup:members", members: [],
                                                                     projectRoles: [:])])
        live.defaultProjectRole = "viewer"
        let plan = Fixture.plan(desired, live)
        #expect(plan.change("project.acme/sales")?.dependencies == [.org("acme")])
        // Rill will give autogroup:members "editor" on the new project: nothing more to plan for it.
        #expect(plan.change("usergroup_project_role.acme/autogroup:members/sales") == nil,
                "\(plan.changes.map { "\($0.address) \($0.actions)" })")
    }
}
