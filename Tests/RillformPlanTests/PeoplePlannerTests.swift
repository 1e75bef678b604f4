import RillformModel
import Testing
@testable import RillformPlan

@Suite("Planner: people (members, usergroups, project members, allowed domains)")
struct PeoplePlannerTests {
    private static let ana = "ana@acme.com"
    private static let bo = "bo@acme.com"

    struct MemberCase: CustomTestStringConvertible, Sendable {
        var name: String
        var live: LiveMember?
        var desired: DesiredMember
        var actions: [Action]?
        var fields: [String: (JSONValue?, JSONValue?)]
        var pendingInviteNote: Bool = false
        var testDescription: String { name }
    }

    static let memberCases: [MemberCase] = [
        MemberCase(name: "create with attributes", live: nil,
                   desired: Fixture.member(ana, .editor, line: 10, attributes: ["team": .string("bi")]),
                   actions: [.create],
                   fields: ["org_role": (nil, .string("editor")), "attributes": (nil, .object(["team": .string("bi")]))]),
        MemberCase(name: "role change", live: LiveMember(email: ana, orgRole: .viewer),
                   desired: Fixture.member(ana, .admin, line: 10), actions: [.update],
                   fields: ["org_role": (.string("viewer"), .string("admin"))]),
        MemberCase(name: "attributes replaced whole",
                   live: LiveMember(email: ana, orgRole: .viewer, attributes: ["team": .string("a"), "x": .number(1)]),
                   desired: Fixture.member(ana, .viewer, line: 10, attributes: ["team": .string("b")]),
                   actions: [.update],
                   fields: ["attributes": (.object(["team": .string("a"), "x": .number(1)]),
                                           .object(["team": .string("b")]))]),
        MemberCase(name: "in sync", live: LiveMember(email: ana, orgRole: .viewer, attributes: ["a": .bool(true)]),
                   desired: Fixture.member(ana, .viewer, line: 10, attributes: ["a": .bool(true)]),
                   actions: nil, fields: [:]),
        MemberCase(name: "pending invite: attributes not planned, RF310",
                   live: LiveMember(email: ana, isPendingInvite: true, orgRole: .viewer),
                   desired: Fixture.member(ana, .viewer, line: 10, attributes: ["team": .string("bi")]),
                   actions: nil, fields: [:], pendingInviteNote: true),
        MemberCase(name: "pending invite: role still changes",
                   live: LiveMember(email: ana, isPendingInvite: true, orgRole: .viewer),
                   desired: Fixture.member(ana, .editor, line: 10, attributes: ["team": .string("bi")]),
                   actions: [.update], fields: ["org_role": (.string("viewer"), .string("editor"))],
                   pendingInviteNote: true),
    ]

    @Test("org members: create, update, in sync, pending invites", arguments: memberCases)
    func members(_ test: MemberCase) {
        // A live direct admin besides ana: Rill refuses any member's role change in an org without one (RF324).
        let admin = LiveMember(email: "root@acme.com", orgRole: .admin)
        let plan = Fixture.plan(Fixture.peopleOrg(members: [test.desired]),
                                Fixture.livePeopleOrg(members: (test.live.map { [$0] } ?? []) + [admin]))
        let change = plan.change("member.acme/\(Self.ana)")
        #expect(change?.actions == test.actions)
        #expect(change?.fieldChanges.count ?? 0 == test.fields.count)
        for (field, (before, after)) in test.fields {
            #expect(change?.fieldChange(field)?.before == before, "\(field)")
            #expect(change?.fieldChange(field)?.after == after, "\(field)")
        }
        let notes = plan.diagnostics.filter { $0.code == PlanDiagnosticCode.pendingInvite }
        #expect(notes.count == (test.pendingInviteNote ? 1 : 0))
        if test.pendingInviteNote {
            #expect(notes.first?.message.contains("member.acme/ana@acme.com is a pending invite") == true)
            #expect(notes.first?.location == Fixture.at(12))
            #expect(plan.isPendingInvite(.member("acme", email: Self.ana)))
        }
        #expect(!plan.diagnostics.contains { $0.severity == .error })
    }

    @Test("undeclared live members: unmanaged without prune, deleted with it; nil list manages nobody")
    func undeclaredMembers() throws {
        let live = Fixture.livePeopleOrg(members: [
            LiveMember(email: Self.ana, orgRole: .admin),
            LiveMember(email: Self.bo, orgRole: .viewer, attributes: ["t": .string("x")]),
            LiveMember(email: "new@x.io", isPendingInvite: true, orgRole: .guest),
        ])
        let desired = Fixture.peopleOrg(members: [Fixture.member(Self.ana, .admin, line: 10)])
        let kept = Fixture.plan(desired, live)
        #expect(kept.changes.isEmpty)
        #expect(kept.unmanaged.map(\.address.description) == ["member.acme/bo@acme.com", "member.acme/new@x.io"])
        #expect(kept.unmanaged.map(\.detail) == ["org role \"viewer\"", "pending invite, org role \"guest\""])

        let pruned = Fixture.plan(desired, live, options: Fixture.options(prune: true))
        #expect(pruned.addresses == ["member.acme/bo@acme.com", "member.acme/new@x.io"])
        let bo = try #require(pruned.change("member.acme/bo@acme.com"))
        #expect(bo.actions == [.delete])
        #expect(bo.fieldChanges.map(\.field) == ["attributes", "org_role"])
        #expect(pruned.change("member.acme/new@x.io")?.notes == ["the pending invite is cancelled"])
        #expect(pruned.pendingInvites == [.member("acme", email: "new@x.io")])

        let unmanagedPeople = Fixture.plan(Fixture.peopleOrg(), live, options: Fixture.options(prune: true))
        #expect(unmanagedPeople.changes.isEmpty && unmanagedPeople.unmanaged.isEmpty)
    }

    @Test("usergroups: create, rename through previously, update, undeclared with and without prune")
    func usergroups() throws {
        let live = Fixture.livePeopleOrg(usergroups: [
            LiveUsergroup(id: "g1", name: "data-analysts", description: "old", members: [], projectRoles: [:]),
            LiveUsergroup(id: "g2", name: "stray", orgRole: .viewer, members: [Self.bo], projectRoles: ["sales": .viewer]),
            LiveUsergroup(id: "g3", name: "autogroup:members", members: [Self.bo], projectRoles: [:]),
        ])
        let desired = Fixture.peopleOrg(usergroups: [
            Fixture.group("analysts", line: 10, previously: ["data-analysts"], description: "Analysts"),
            Fixture.group("admins", line: 40, description: "Admins", orgRole: .admin),
        ])
        let plan = Fixture.plan(desired, live)
        let created = try #require(plan.change("usergroup.acme/admins"))
        #expect(created.actions == [.create])
        #expect(created.fieldChanges.map(\.field) == ["description", "org_role"])
        #expect(created.notes.count == 2)
        let renamed = try #require(plan.change("usergroup.acme/analysts"))
        #expect(renamed.actions == [.update])
        #expect(renamed.rename?.from == "data-analysts")
        #expect(renamed.live?.name == "data-analysts" && renamed.live?.id == "g1")
        #expect(renamed.fieldChanges.map(\.field) == ["description", "name"])
        // Managed groups are never listed as unmanaged; stray is.
        #expect(plan.unmanaged.map(\.address.description) == ["usergroup.acme/stray"])

        let pruned = Fixture.plan(desired, live, options: Fixture.options(prune: true))
        let deleted = try #require(pruned.change("usergroup.acme/stray"))
        #expect(deleted.actions == [.delete])
        #expect(deleted.fieldChanges.map(\.field) == ["members", "org_role", "project_roles.sales"])
        #expect(pruned.change("usergroup.acme/autogroup:members") == nil)
    }

    @Test("usergroup members and project roles are authoritative per group; absent lists manage nothing")
    func usergroupMembersAndRoles() throws {
        let live = Fixture.livePeopleOrg(
            usergroups: [LiveUsergroup(id: "g1", name: "analysts", members: [Self.ana, "old@acme.com"],
                                       projectRoles: ["sales": .viewer, "legacy": .admin, "web": .viewer])],
            projects: [Fixture.liveProject("sales"), Fixture.liveProject("legacy", id: "p2"),
                       Fixture.liveProject("web", id: "p3")])
        let desired = Fixture.peopleOrg(
            usergroups: [Fixture.group("analysts", line: 10, members: [Self.ana, Self.bo],
                                       projectRoles: ["sales": .editor, "web": .viewer])],
            projects: [DesiredProject(name: Fixture.located("sales", 50)), DesiredProject(name: Fixture.located("legacy", 51)),
                       DesiredProject(name: Fixture.located("web", 52))])
        let plan = Fixture.plan(desired, live)
        #expect(plan.addresses == [
            "usergroup_member.acme/analysts/bo@acme.com", "usergroup_member.acme/analysts/old@acme.com",
            "usergroup_project_role.acme/analysts/legacy", "usergroup_project_role.acme/analysts/sales",
        ])
        #expect(plan.change("usergroup_member.acme/analysts/bo@acme.com")?.actions == [.create])
        #expect(plan.change("usergroup_member.acme/analysts/old@acme.com")?.actions == [.delete])
        let sales = try #require(plan.change("usergroup_project_role.acme/analysts/sales"))
        #expect(sales.actions == [.update])
        #expect(sales.fieldChanges == [FieldChange(field: "project_roles.sales", before: .string("viewer"),
                                                   after: .string("editor"), location: Fixture.at(30))])
        let legacy = try #require(plan.change("usergroup_project_role.acme/analysts/legacy"))
        #expect(legacy.actions == [.delete])
        #expect(legacy.fieldChanges.first?.before == .string("admin"))
        // The ana membership and web role match: counted as unchanged.
        #expect(plan.summary.unchanged >= 2)

        let unmanaged = Fixture.plan(Fixture.peopleOrg(usergroups: [Fixture.group("analysts", line: 10)],
                                                       projects: desired.projects), live)
        #expect(unmanaged.changes.isEmpty)
    }

    @Test("a group role on an unknown project is RF302; on a renamed project's old name RF308")
    func usergroupRoleProjects() {
        let desired = Fixture.peopleOrg(usergroups: [Fixture.group("analysts", line: 10, projectRoles: ["nope": .viewer])])
        let plan = Fixture.plan(desired, Fixture.livePeopleOrg())
        #expect(plan.diagnostics.map(\.code).contains(PlanDiagnosticCode.unknownProjectInRoles))
        #expect(plan.change("usergroup_project_role.acme/analysts/nope") == nil)
    }

    @Test("managed groups: only project roles; missing live is an error; never created, renamed, edited or deleted")
    func managedGroups() throws {
        let live = Fixture.livePeopleOrg(
            usergroups: [LiveUsergroup(id: "g3", name: "autogroup:members", members: [Self.bo], projectRoles: [:])],
            projects: [Fixture.liveProject("sales")])
        let desired = Fixture.peopleOrg(
            usergroups: [Fixture.group("autogroup:members", line: 10, projectRoles: ["sales": .viewer]),
                         Fixture.group("autogroup:guests", line: 30)],
            projects: [DesiredProject(name: Fixture.located("sales", 50))])
        let plan = Fixture.plan(desired, live, options: Fixture.options(prune: true))
        #expect(plan.addresses == ["usergroup_project_role.acme/autogroup:members/sales"])
        let missing = plan.diagnostics.filter { $0.severity == .error }
        #expect(missing.map(\.code) == [PlanDiagnosticCode.managedUsergroupMissing])
        #expect(missing.first?.message.hasPrefix("usergroup.acme/autogroup:guests does not exist") == true)
        #expect(missing.first?.location == Fixture.at(30))
    }

    @Test("new org and projects: the creator's admin roles and autogroup:members' default role count as live")
    func creatorsAndDefaults() throws {
        let desired = Fixture.peopleOrg(
            members: [Fixture.member("me@acme.com", .admin, line: 10), Fixture.member(Self.bo, .viewer, line: 15)],
            usergroups: [Fixture.group("autogroup:members", line: 20, projectRoles: ["sales": .viewer, "web": .editor])],
            projects: [Fixture.peopleProject("sales", line: 50, members: [Fixture.projectMember(Self.bo, .viewer, line: 60)]),
                       Fixture.peopleProject("web", line: 70), Fixture.peopleProject("docs", line: 80)])
        let options = PlanOptions(now: Fixture.now, runningUserEmail: "Me@acme.com")
        let plan = Fixture.plan(desired, nil, options: options)
        // me is the new org's admin already; viewer on sales is the default role; web's default is raised; docs'
        // default role is not in the authoritative map and goes once the project exists.
        #expect(plan.change("member.acme/me@acme.com") == nil)
        #expect(plan.change("usergroup_project_role.acme/autogroup:members/sales") == nil)
        let web = try #require(plan.change("usergroup_project_role.acme/autogroup:members/web"))
        #expect(web.actions == [.update])
        #expect(web.dependencies == [.org("acme"), .project("acme", "web")])
        let docs = try #require(plan.change("usergroup_project_role.acme/autogroup:members/docs"))
        #expect(docs.actions == [.delete])
        #expect(docs.dependencies == [.project("acme", "docs")])
        // The creator is the direct admin of every project it creates; sales' list leaves them out.
        let creator = try #require(plan.change("project_member.acme/sales/me@acme.com"))
        #expect(creator.actions == [.delete])
        #expect(creator.dependencies == [.project("acme", "sales")])
        #expect(plan.change("project_member.acme/web/me@acme.com") == nil)
        #expect(!plan.diagnostics.contains { $0.severity == .error })
    }

    @Test("project members: create, update, delete (authoritative), pending project invites")
    func projectMembers() throws {
        let live = Fixture.livePeopleOrg(projects: [Fixture.liveProject("sales", members: [
            LiveProjectMember(email: Self.ana, role: .viewer),
            LiveProjectMember(email: "gone@acme.com", role: .editor, restrictResources: true, resources: ["explore/x"]),
            LiveProjectMember(email: "inv@x.io", isPendingInvite: true, role: .viewer),
        ])])
        let project = Fixture.peopleProject("sales", line: 50, members: [
            Fixture.projectMember(Self.ana, .viewer, line: 60, restrict: true, resources: ["explore/pipeline"]),
            Fixture.projectMember(Self.bo, .editor, line: 70),
            Fixture.projectMember("inv@x.io", .editor, line: 80),
        ])
        let plan = Fixture.plan(Fixture.peopleOrg(projects: [project]), live)
        #expect(plan.addresses == ["project_member.acme/sales/ana@acme.com", "project_member.acme/sales/bo@acme.com",
                                   "project_member.acme/sales/gone@acme.com", "project_member.acme/sales/inv@x.io"])
        let ana = try #require(plan.change("project_member.acme/sales/ana@acme.com"))
        #expect(ana.actions == [.update])
        #expect(ana.fieldChanges.map(\.field) == ["resources", "restrict_resources"])
        #expect(ana.fieldChange("resources")?.after == .array([.string("explore/pipeline")]))
        #expect(plan.change("project_member.acme/sales/bo@acme.com")?.actions == [.create])
        let gone = try #require(plan.change("project_member.acme/sales/gone@acme.com"))
        #expect(gone.actions == [.delete])
        #expect(gone.fieldChanges.map(\.field) == ["resources", "restrict_resources", "role"])
        #expect(plan.change("project_member.acme/sales/inv@x.io")?.notes == ["pending invite: the role applies when they sign up"])
        #expect(plan.pendingInvites == [.projectMember("acme", project: "sales", email: "inv@x.io")])
    }

    @Test("allowed domains (org and project): create, replace for a new role, delete without prune")
    func allowedDomains() throws {
        let live = Fixture.livePeopleOrg(
            domains: [LiveAllowedDomain(domain: "acme.com", orgRole: .viewer), LiveAllowedDomain(domain: "old.com", orgRole: .guest)],
            projects: [Fixture.liveProject("sales", domains: [LiveProjectAllowedDomain(domain: "acme.com", role: .viewer)])])
        let desired = Fixture.peopleOrg(
            domains: [Fixture.domain("acme.com", .editor, line: 10), Fixture.domain("new.com", .viewer, line: 20)],
            projects: [Fixture.peopleProject("sales", line: 50, domains: [Fixture.projectDomain("acme.com", .viewer, line: 60)])])
        let plan = Fixture.plan(desired, live)
        #expect(plan.addresses == ["allowed_domain.acme/acme.com", "allowed_domain.acme/new.com", "allowed_domain.acme/old.com"])
        let replaced = try #require(plan.change("allowed_domain.acme/acme.com"))
        #expect(replaced.actions == [.delete, .create])
        #expect(replaced.replaceReason == OrgPlanner.allowedDomainReplaceReason)
        #expect(replaced.fieldChange("org_role")?.forcesReplacement == true)
        #expect(plan.change("allowed_domain.acme/new.com")?.actions == [.create])
        #expect(plan.change("allowed_domain.acme/old.com")?.actions == [.delete])

        let projectChange = Fixture.peopleOrg(projects: [Fixture.peopleProject("sales", line: 50, domains: [
            Fixture.projectDomain("acme.com", .editor, line: 60), Fixture.projectDomain("b.io", .viewer, line: 70)])])
        let projectPlan = Fixture.plan(projectChange, live)
        #expect(projectPlan.addresses == ["project_allowed_domain.acme/sales/acme.com", "project_allowed_domain.acme/sales/b.io"])
        #expect(projectPlan.change("project_allowed_domain.acme/sales/acme.com")?.actions == [.delete, .create])
        let emptied = Fixture.plan(Fixture.peopleOrg(projects: [Fixture.peopleProject("sales", line: 50, domains: [])]), live)
        #expect(emptied.change("project_allowed_domain.acme/sales/acme.com")?.actions == [.delete])
    }

    @Test("dependencies: memberships wait for new members, groups and projects; admin grants before demotions")
    func dependencies() throws {
        let live = Fixture.livePeopleOrg(members: [LiveMember(email: Self.ana, orgRole: .admin)])
        let desired = Fixture.peopleOrg(
            members: [Fixture.member(Self.ana, .viewer, line: 10), Fixture.member(Self.bo, .admin, line: 20)],
            usergroups: [Fixture.group("analysts", line: 30, members: [Self.bo], projectRoles: ["sales": .viewer])],
            projects: [Fixture.peopleProject("sales", line: 50, members: [Fixture.projectMember(Self.bo, .viewer, line: 60)])])
        let plan = Fixture.plan(desired, live)
        let bo = ResourceAddress.member("acme", email: Self.bo)
        #expect(plan.change("usergroup_member.acme/analysts/bo@acme.com")?.dependencies
            == [bo, .usergroup("acme", "analysts")])
        #expect(plan.change("usergroup_project_role.acme/analysts/sales")?.dependencies
            == [.project("acme", "sales"), .usergroup("acme", "analysts")])
        #expect(plan.change("project_member.acme/sales/bo@acme.com")?.dependencies == [.project("acme", "sales"), bo])
        #expect(plan.change("member.acme/ana@acme.com")?.dependencies == [bo])
        // bo is new: he may become a pending invite, which Rill does not count as an admin, so demoting ana (the
        // only direct admin) in the same plan is refused; the ordering above still holds.
        #expect(plan.diagnostics.contains { $0.code == PlanDiagnosticCode.lastAdminRemoval })

        // A pruned person's memberships are removed before the person.
        let liveWithGroup = Fixture.livePeopleOrg(
            members: [LiveMember(email: Self.ana, orgRole: .admin), LiveMember(email: Self.bo, orgRole: .viewer)],
            usergroups: [LiveUsergroup(id: "g1", name: "analysts", members: [Self.bo], projectRoles: [:])])
        let pruned = Fixture.plan(
            Fixture.peopleOrg(members: [Fixture.member(Self.ana, .admin, line: 10)],
                              usergroups: [Fixture.group("analysts", line: 30, members: [])]),
            liveWithGroup, options: Fixture.options(prune: true))
        #expect(pruned.change("member.acme/bo@acme.com")?.dependencies == [.usergroupMember("acme", usergroup: "analysts", email: Self.bo)])
    }

    @Test("live counts per people kind feed the mass-delete threshold; protect covers people")
    func countsAndGuards() {
        let emails = (0..<10).map { "p\($0)@acme.com" }
        let live = Fixture.livePeopleOrg(
            members: emails.map { LiveMember(email: $0, orgRole: .viewer) } + [LiveMember(email: Self.ana, orgRole: .admin)],
            usergroups: [LiveUsergroup(id: "g", name: "g", members: [Self.ana], projectRoles: ["sales": .viewer]),
                         LiveUsergroup(id: "m", name: "autogroup:members", members: [Self.ana], projectRoles: [:])],
            domains: [LiveAllowedDomain(domain: "acme.com", orgRole: .viewer)],
            projects: [Fixture.liveProject("sales", members: [LiveProjectMember(email: Self.ana, role: .viewer)])])
        let desired = Fixture.peopleOrg(members: [Fixture.member(Self.ana, .admin, line: 10)],
                                        policy: Policy(protect: [Fixture.located(.member("acme", email: "p0@acme.com"), 90)]))
        let plan = Fixture.plan(desired, live, options: Fixture.options(prune: true))
        #expect(plan.liveCounts["acme"]?[.member] == 11)
        #expect(plan.liveCounts["acme"]?[.usergroup] == 1)
        #expect(plan.liveCounts["acme"]?[.usergroupMember] == 1, "members of managed groups are not counted")
        #expect(plan.liveCounts["acme"]?[.usergroupProjectRole] == 1)
        #expect(plan.liveCounts["acme"]?[.projectMember] == 1)
        #expect(plan.liveCounts["acme"]?[.allowedDomain] == 1)
        let guards = PlanGuards.check(plan, desired: DesiredState(orgs: [desired]))
        #expect(guards.map(\.code).sorted() == [PlanDiagnosticCode.protectedResource, PlanDiagnosticCode.massDelete].sorted())
        #expect(guards.contains { $0.message == "deleting 10 of 11 members in org acme (90.91% > 30%)" })
    }

    @Test("--target on a usergroup keeps its memberships and what they wait for")
    func targeting() {
        let desired = Fixture.peopleOrg(
            members: [Fixture.member(Self.bo, .viewer, line: 20), Fixture.member("c@acme.com", .viewer, line: 25)],
            usergroups: [Fixture.group("analysts", line: 30, members: [Self.bo])])
        let plan = Fixture.plan(desired, Fixture.livePeopleOrg(), options: Fixture.options(targets: ["usergroup.acme/analysts"]))
        #expect(plan.addresses == ["member.acme/bo@acme.com", "usergroup.acme/analysts",
                                   "usergroup_member.acme/analysts/bo@acme.com"])
    }

    @Test("plan JSON keeps pending invites and an access entry's group")
    func json() throws {
        let live = Fixture.livePeopleOrg(
            members: [LiveMember(email: Self.ana, orgRole: .admin), LiveMember(email: "i@x.io", isPendingInvite: true, orgRole: .viewer)],
            usergroups: [LiveUsergroup(id: "g", name: "analysts", members: [], projectRoles: ["sales": .editor])],
            projects: [Fixture.liveProject("sales")])
        let desired = Fixture.peopleOrg(
            members: [Fixture.member(Self.ana, .admin, line: 10), Fixture.member("i@x.io", .viewer, line: 15)],
            usergroups: [Fixture.group("analysts", line: 30, members: [Self.ana])],
            projects: [DesiredProject(name: Fixture.located("sales", 50))])
        let plan = Fixture.plan(desired, live)
        let text = String(decoding: try plan.jsonData(), as: UTF8.self)
        #expect(text.contains("\"pending_invites\" : [\n    \"member.acme/i@x.io\"\n  ]"))
        #expect(text.contains("\"via\" : \"usergroup.acme/analysts\""))
        let decoded = try Plan(jsonData: plan.jsonData())
        #expect(decoded.pendingInvites == plan.pendingInvites)
        #expect(decoded.accessChanges == plan.accessChanges)
    }
}
