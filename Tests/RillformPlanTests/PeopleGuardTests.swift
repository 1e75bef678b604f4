import RillformModel
import Testing
@testable import RillformPlan

@Suite("Guards on people: RF324 last admin, RF325 billing email, RF322 the running user")
struct PeopleGuardTests {
    private static let ana = "ana@acme.com"
    private static let bo = "bo@acme.com"

    private static func errors(_ plan: Plan, _ code: String) -> [Diagnostic] {
        plan.diagnostics.filter { $0.code == code }
    }

    @Test("RF324: demoting or removing the last direct admin user; a new admin or another admin avoids it")
    func lastAdmin() throws {
        let live = Fixture.livePeopleOrg(members: [
            LiveMember(email: Self.ana, orgRole: .admin), LiveMember(email: Self.bo, orgRole: .viewer),
            LiveMember(email: "inv@x.io", isPendingInvite: true, orgRole: .admin),
        ], usergroups: [LiveUsergroup(id: "g", name: "admins", orgRole: .admin, members: [Self.bo])])
        let demoted = Fixture.plan(Fixture.peopleOrg(members: [
            Fixture.member(Self.ana, .editor, line: 10), Fixture.member(Self.bo, .viewer, line: 20),
            Fixture.member("inv@x.io", .admin, line: 30),
        ]), live)
        let refusal = try #require(Self.errors(demoted, PlanDiagnosticCode.lastAdminRemoval).first)
        // The invite and bo's admin group do not count (Rill reads direct roles of users).
        #expect(refusal.message == "org.acme would be left without an admin user: this plan demotes ana@acme.com to "
            + "editor, and no other member is a direct admin; Rill refuses to remove the last admin")
        #expect(refusal.location == Fixture.at(11))

        let removed = Fixture.plan(Fixture.peopleOrg(members: [Fixture.member(Self.bo, .viewer, line: 20)]), live,
                                   options: Fixture.options(prune: true))
        #expect(Self.errors(removed, PlanDiagnosticCode.lastAdminRemoval).first?.message
            .contains("this plan removes ana@acme.com") == true)

        let handedOver = Fixture.plan(Fixture.peopleOrg(members: [
            Fixture.member(Self.ana, .editor, line: 10), Fixture.member(Self.bo, .admin, line: 20),
        ]), live)
        #expect(Self.errors(handedOver, PlanDiagnosticCode.lastAdminRemoval).isEmpty)
        #expect(handedOver.change("member.acme/ana@acme.com")?.dependencies == [.member("acme", email: Self.bo)])

        // Left out by --exclude: the demotion does not run, so nothing is refused.
        let excluded = Fixture.plan(Fixture.peopleOrg(members: [
            Fixture.member(Self.ana, .editor, line: 10), Fixture.member(Self.bo, .viewer, line: 20),
        ]), live, options: Fixture.options(excludes: ["member.acme/ana@acme.com"]))
        #expect(Self.errors(excluded, PlanDiagnosticCode.lastAdminRemoval).isEmpty)
    }

    @Test("RF325: removing the billing-email user, unless the plan moves the billing email first")
    func billingEmail() throws {
        let live = Fixture.livePeopleOrg(members: [
            LiveMember(email: Self.ana, orgRole: .admin), LiveMember(email: Self.bo, orgRole: .viewer),
        ], billingEmail: "Bo@acme.com")
        let options = Fixture.options(prune: true)
        let removes = Fixture.plan(Fixture.peopleOrg(members: [Fixture.member(Self.ana, .admin, line: 10)]), live,
                                   options: options)
        let refusal = try #require(Self.errors(removes, PlanDiagnosticCode.billingEmailUserRemoval).first)
        #expect(refusal.message.hasPrefix("member.acme/bo@acme.com would remove bo@acme.com from org acme, but "
            + "bo@acme.com is the org's billing email"))
        #expect(refusal.location == Fixture.at(1))

        let moved = Fixture.plan(Fixture.peopleOrg(members: [Fixture.member(Self.ana, .admin, line: 10)],
                                                   billingEmail: Self.ana), live, options: options)
        #expect(Self.errors(moved, PlanDiagnosticCode.billingEmailUserRemoval).isEmpty)
        #expect(moved.change("member.acme/bo@acme.com")?.dependencies == [.org("acme")])

        let movedToBo = Fixture.plan(Fixture.peopleOrg(members: [Fixture.member(Self.ana, .admin, line: 10)],
                                                       billingEmail: "other@acme.com"), live, options: options)
        #expect(Self.errors(movedToBo, PlanDiagnosticCode.billingEmailUserRemoval).isEmpty)
    }

    @Test("RF322 with a user token: never remove or demote the running user, nor take their admin group away")
    func runningUser() {
        let live = Fixture.livePeopleOrg(members: [
            LiveMember(email: Self.ana, orgRole: .admin), LiveMember(email: Self.bo, orgRole: .viewer),
            LiveMember(email: "c@acme.com", orgRole: .admin),
        ], usergroups: [LiveUsergroup(id: "g", name: "admins", orgRole: .admin, members: [Self.bo], projectRoles: [:])])
        let state = LiveState(orgs: ["acme": live])
        let anaRuns = RunningIdentity(isUser: true, description: "user ana@acme.com", adminOrgs: ["acme"], email: Self.ana)
        let boRuns = RunningIdentity(isUser: true, description: "user bo@acme.com", adminOrgs: ["acme"], email: Self.bo)
        let all = [Fixture.member(Self.ana, .admin, line: 10), Fixture.member(Self.bo, .viewer, line: 20),
                   Fixture.member("c@acme.com", .admin, line: 30)]

        let demote = Fixture.plan(Fixture.peopleOrg(members: [Fixture.member(Self.ana, .viewer, line: 10)] + all.dropFirst()), live)
        let demoted = LockoutGuard.check(demote, live: state, identity: anaRuns)
        #expect(demoted.map(\.message) == ["member.acme/ana@acme.com would demote the user running rillform "
            + "(user ana@acme.com) from admin of org acme to viewer; rillform needs org admin to finish"])
        #expect(demoted.first?.location == Fixture.at(11))
        #expect(LockoutGuard.check(demote, live: state, identity: boRuns).isEmpty)

        let remove = Fixture.plan(Fixture.peopleOrg(members: Array(all.dropFirst())), live, options: Fixture.options(prune: true))
        #expect(LockoutGuard.check(remove, live: state, identity: anaRuns).first?.message
            .hasPrefix("member.acme/ana@acme.com would remove the user running rillform (user ana@acme.com) from org acme") == true)

        // bo is admin only through the admins group.
        let leaveGroup = Fixture.plan(Fixture.peopleOrg(members: all, usergroups: [
            Fixture.group("admins", line: 40, orgRole: .admin, members: [])]), live)
        #expect(LockoutGuard.check(leaveGroup, live: state, identity: boRuns).map(\.message) == [
            "usergroup.acme/admins: the plan would remove them from usergroup admins, which makes the user running "
                + "rillform (user bo@acme.com) an org admin, and nothing else keeps them admin (no direct admin role, "
                + "no other admin usergroup); rillform needs org admin to finish",
        ])
        let groupDemoted = Fixture.plan(Fixture.peopleOrg(members: all, usergroups: [
            Fixture.group("admins", line: 40, orgRole: .viewer)]), live)
        #expect(LockoutGuard.check(groupDemoted, live: state, identity: boRuns).first?.message
            .contains("change usergroup admins's org role to viewer") == true)
        let groupDeleted = Fixture.plan(Fixture.peopleOrg(members: all, usergroups: []), live,
                                        options: Fixture.options(prune: true))
        #expect(LockoutGuard.check(groupDeleted, live: state, identity: boRuns).first?.message
            .contains("delete usergroup admins") == true)
        // Made admin directly in the same plan: the group may go.
        let promoted = Fixture.plan(Fixture.peopleOrg(
            members: [all[0], Fixture.member(Self.bo, .admin, line: 20), all[2]], usergroups: []), live,
            options: Fixture.options(prune: true))
        #expect(LockoutGuard.check(promoted, live: state, identity: boRuns).isEmpty)
        // A service token has no email: the people checks do not apply.
        let service = RunningIdentity(isUser: false, description: "a service account")
        #expect(LockoutGuard.check(leaveGroup, live: state, identity: service).isEmpty)
    }
}
