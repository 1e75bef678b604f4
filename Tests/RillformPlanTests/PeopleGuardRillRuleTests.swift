import Foundation
import RillformModel
import Testing
@testable import RillformPlan

/// The people guards follow Rill's own refusals: RF324 is `FindOrganizationMemberUserAdminStatus` (no *other*
/// direct admin user → role change or removal refused), an org the plan creates has its creator as admin, and the
/// running user stays admin while any admin source (direct role or admin usergroup) is kept.
@Suite("People guards follow Rill: RF324 rule, created orgs, RF322 admin sources")
struct PeopleGuardRillRuleTests {
    private static let ana = "ana@acme.com"
    private static let bo = "bo@acme.com"
    private static let runner = "ops@acme.com"

    struct LastAdminCase: CustomTestStringConvertible, Sendable {
        var name: String
        var live: [LiveMember]
        var declared: [DesiredMember]
        var prune = false
        /// Nil: no RF324; otherwise the whole message.
        var refusal: String?
        var testDescription: String { name }
    }

    static let lastAdminCases: [LastAdminCase] = [
        LastAdminCase(name: "no direct admin: a role change is refused",
                      live: [LiveMember(email: bo, orgRole: .viewer)],
                      declared: [Fixture.member(bo, .editor, line: 20)],
                      refusal: "org.acme has no direct admin user, and Rill then refuses every member role change and "
                        + "removal (it finds no other admin): this plan changes bo@acme.com's role to editor; add a "
                        + "direct admin member (a person with a Rill account) in an earlier apply"),
        LastAdminCase(name: "no direct admin: a promotion is refused too, an admin invite does not count",
                      live: [LiveMember(email: bo, orgRole: .viewer),
                             LiveMember(email: "inv@x.io", isPendingInvite: true, orgRole: .admin)],
                      declared: [Fixture.member(bo, .admin, line: 20), Fixture.member("inv@x.io", .admin, line: 30)],
                      refusal: "org.acme has no direct admin user, and Rill then refuses every member role change and "
                        + "removal (it finds no other admin): this plan changes bo@acme.com's role to admin; add a "
                        + "direct admin member (a person with a Rill account) in an earlier apply"),
        LastAdminCase(name: "no direct admin: a removal is refused, a new admin cannot stand in",
                      live: [LiveMember(email: bo, orgRole: .viewer)],
                      declared: [Fixture.member("new@acme.com", .admin, line: 30)], prune: true,
                      refusal: "org.acme has no direct admin user, and Rill then refuses every member role change and "
                        + "removal (it finds no other admin): this plan removes bo@acme.com (new@acme.com, added as "
                        + "admin by this plan, cannot stand in: without a Rill account a new member is a pending "
                        + "invite, and Rill counts no invite; add the new admin in an earlier apply)"),
        LastAdminCase(name: "no direct admin: invites and creates are never refused",
                      live: [LiveMember(email: "inv@x.io", isPendingInvite: true, orgRole: .viewer),
                             LiveMember(email: "gone@x.io", isPendingInvite: true, orgRole: .viewer)],
                      declared: [Fixture.member("inv@x.io", .editor, line: 30), Fixture.member(bo, .admin, line: 20)],
                      prune: true),
        LastAdminCase(name: "the only admin demoted for a new admin: the new admin does not count",
                      live: [LiveMember(email: ana, orgRole: .admin)],
                      declared: [Fixture.member(ana, .viewer, line: 10), Fixture.member("new@acme.com", .admin, line: 30)],
                      refusal: "org.acme would be left without an admin user: this plan demotes ana@acme.com to viewer, "
                        + "and no other member is a direct admin (new@acme.com, added as admin by this plan, cannot "
                        + "stand in: without a Rill account a new member is a pending invite, and Rill counts no "
                        + "invite; add the new admin in an earlier apply); Rill refuses to remove the last admin"),
        LastAdminCase(name: "the only admin demoted for a promoted invite: refused",
                      live: [LiveMember(email: ana, orgRole: .admin),
                             LiveMember(email: "inv@x.io", isPendingInvite: true, orgRole: .viewer)],
                      declared: [Fixture.member(ana, .viewer, line: 10), Fixture.member("inv@x.io", .admin, line: 30)],
                      refusal: "org.acme would be left without an admin user: this plan demotes ana@acme.com to viewer, "
                        + "and no other member is a direct admin; Rill refuses to remove the last admin"),
        LastAdminCase(name: "the only admin demoted for a promoted live member: allowed (promotion first)",
                      live: [LiveMember(email: ana, orgRole: .admin), LiveMember(email: bo, orgRole: .viewer)],
                      declared: [Fixture.member(ana, .viewer, line: 10), Fixture.member(bo, .admin, line: 20)]),
        LastAdminCase(name: "another member's role changes while an admin stays: allowed",
                      live: [LiveMember(email: ana, orgRole: .admin), LiveMember(email: bo, orgRole: .viewer)],
                      declared: [Fixture.member(ana, .admin, line: 10), Fixture.member(bo, .editor, line: 20)]),
        LastAdminCase(name: "one of two admins removed: allowed",
                      live: [LiveMember(email: ana, orgRole: .admin), LiveMember(email: bo, orgRole: .admin)],
                      declared: [Fixture.member(bo, .admin, line: 20)], prune: true),
        LastAdminCase(name: "both admins demoted: refused, naming both",
                      live: [LiveMember(email: ana, orgRole: .admin), LiveMember(email: bo, orgRole: .admin)],
                      declared: [Fixture.member(ana, .editor, line: 10), Fixture.member(bo, .viewer, line: 20)],
                      refusal: "org.acme would be left without an admin user: this plan demotes ana@acme.com to editor "
                        + "and demotes bo@acme.com to viewer, and no other member is a direct admin; Rill refuses to "
                        + "remove the last admin"),
    ]

    @Test("RF324 follows FindOrganizationMemberUserAdminStatus", arguments: lastAdminCases)
    func lastAdmin(_ example: LastAdminCase) {
        let plan = Fixture.plan(Fixture.peopleOrg(members: example.declared),
                                Fixture.livePeopleOrg(members: example.live), options: Fixture.options(prune: example.prune))
        let refusals = plan.diagnostics.filter { $0.code == PlanDiagnosticCode.lastAdminRemoval }
        #expect(refusals.map(\.message) == (example.refusal.map { [$0] } ?? []))
    }

    struct CreatedOrgCase: CustomTestStringConvertible, Sendable {
        var name: String
        var declared: [DesiredMember]
        var billingEmail: String?
        var runner: String? = PeopleGuardRillRuleTests.runner
        /// Expected codes from the planner (RF324, RF325) and from the lockout guard (RF322), sorted.
        var planCodes: [String] = []
        var lockout: [String] = []
        var testDescription: String { name }
    }

    static let createdOrgCases: [CreatedOrgCase] = [
        CreatedOrgCase(name: "the runner left out of a new org: removed, last admin, billing email, lockout",
                       declared: [Fixture.member("x@acme.com", .admin, line: 30)],
                       planCodes: [PlanDiagnosticCode.lastAdminRemoval, PlanDiagnosticCode.billingEmailUserRemoval],
                       lockout: ["member.acme/ops@acme.com would remove the user running rillform (user ops@acme.com) "
                           + "from org acme; its token would stop working mid-apply"]),
        CreatedOrgCase(name: "the runner left out, billing email moved: still the last admin and locked out",
                       declared: [Fixture.member("x@acme.com", .admin, line: 30)], billingEmail: "x@acme.com",
                       planCodes: [PlanDiagnosticCode.lastAdminRemoval],
                       lockout: ["member.acme/ops@acme.com would remove the user running rillform (user ops@acme.com) "
                           + "from org acme; its token would stop working mid-apply"]),
        CreatedOrgCase(name: "the runner declared viewer in a new org: demotion of the last admin, lockout",
                       declared: [Fixture.member(runner, .viewer, line: 10), Fixture.member("x@acme.com", .admin, line: 30)],
                       planCodes: [PlanDiagnosticCode.lastAdminRemoval],
                       lockout: ["member.acme/ops@acme.com would demote the user running rillform (user ops@acme.com) "
                           + "from admin of org acme to viewer; rillform needs org admin to finish"]),
        CreatedOrgCase(name: "the runner declared admin in a new org: nothing refused",
                       declared: [Fixture.member(runner, .admin, line: 10), Fixture.member("x@acme.com", .viewer, line: 30)]),
        CreatedOrgCase(name: "a service token creates nothing it could lose", declared: [Fixture.member("x@acme.com", .admin, line: 30)],
                       runner: nil),
    ]

    @Test("An org the plan creates has the running user as its admin", arguments: createdOrgCases)
    func createdOrg(_ example: CreatedOrgCase) {
        let options = PlanOptions(prune: true, now: Fixture.now, runningUserEmail: example.runner)
        let plan = Fixture.plan(Fixture.peopleOrg(members: example.declared, billingEmail: example.billingEmail), nil,
                                options: options)
        #expect(plan.change("org.acme")?.operation == .create)
        let codes = [PlanDiagnosticCode.lastAdminRemoval, PlanDiagnosticCode.billingEmailUserRemoval]
        #expect(plan.diagnostics.filter { codes.contains($0.code) && $0.severity == .error }.map(\.code).sorted()
            == example.planCodes.sorted())
        let identity = example.runner.map {
            RunningIdentity(isUser: true, description: "user \($0)", email: $0)
        } ?? RunningIdentity(isUser: false, description: "a service account")
        #expect(LockoutGuard.check(plan, live: LiveState(), identity: identity).map(\.message) == example.lockout)
    }

    struct AdminSourceCase: CustomTestStringConvertible, Sendable {
        var name: String
        var declared: [DesiredMember]
        var groups: [DesiredUsergroup]
        var prune = false
        /// The start of each RF322 message, in order.
        var lockout: [String] = []
        var testDescription: String { name }
    }

    /// bo runs rillform and is admin through usergroups `g1` and `g2`; ana is a direct admin and in `g1`.
    static let adminSourceCases: [AdminSourceCase] = [
        AdminSourceCase(name: "left one of two admin groups: still admin through the other",
                        declared: [], groups: [Fixture.group("g1", line: 40, orgRole: .admin, members: [ana])]),
        AdminSourceCase(name: "left both admin groups: refused for each",
                        declared: [], groups: [Fixture.group("g1", line: 40, orgRole: .admin, members: [ana]),
                                               Fixture.group("g2", line: 70, orgRole: .admin, members: [])],
                        lockout: ["usergroup.acme/g1: the plan would remove them from usergroup g1",
                                  "usergroup.acme/g2: the plan would remove them from usergroup g2"]),
        AdminSourceCase(name: "left one group, the other deleted: refused for each",
                        declared: [], groups: [Fixture.group("g1", line: 40, orgRole: .admin, members: [ana])],
                        prune: true,
                        lockout: ["usergroup.acme/g1: the plan would remove them from usergroup g1",
                                  "usergroup.acme/g2: the plan would delete usergroup g2"]),
        AdminSourceCase(name: "one group demoted, the other kept: still admin",
                        declared: [], groups: [Fixture.group("g1", line: 40, orgRole: .viewer)]),
    ]

    @Test("RF322 refuses only when none of the running user's admin sources remains", arguments: adminSourceCases)
    func adminSources(_ example: AdminSourceCase) {
        let live = Fixture.livePeopleOrg(members: [
            LiveMember(email: Self.ana, orgRole: .admin), LiveMember(email: Self.bo, orgRole: .viewer),
        ], usergroups: [
            LiveUsergroup(id: "g1", name: "g1", orgRole: .admin, members: [Self.ana, Self.bo], projectRoles: [:]),
            LiveUsergroup(id: "g2", name: "g2", orgRole: .admin, members: [Self.bo], projectRoles: [:]),
        ])
        let plan = Fixture.plan(Fixture.peopleOrg(usergroups: example.groups), live,
                                options: Fixture.options(prune: example.prune))
        let boRuns = RunningIdentity(isUser: true, description: "user bo@acme.com", adminOrgs: ["acme"], email: Self.bo)
        let messages = LockoutGuard.check(plan, live: LiveState(orgs: ["acme": live]), identity: boRuns).map(\.message)
        #expect(messages.count == example.lockout.count)
        for (message, start) in zip(messages, example.lockout) {
            #expect(message.hasPrefix(start), "\(message)")
        }
    }

    @Test("RF322: a demoted direct admin who stays admin through a group is not locked out, unless the group goes too")
    func demotedButInAdminGroup() {
        let live = Fixture.livePeopleOrg(members: [
            LiveMember(email: Self.ana, orgRole: .admin), LiveMember(email: Self.bo, orgRole: .admin),
        ], usergroups: [LiveUsergroup(id: "g1", name: "g1", orgRole: .admin, members: [Self.ana], projectRoles: [:])])
        let state = LiveState(orgs: ["acme": live])
        let anaRuns = RunningIdentity(isUser: true, description: "user ana@acme.com", adminOrgs: ["acme"], email: Self.ana)
        let demoted = [Fixture.member(Self.ana, .viewer, line: 10), Fixture.member(Self.bo, .admin, line: 20)]
        let keepsGroup = Fixture.plan(Fixture.peopleOrg(members: demoted), live)
        #expect(LockoutGuard.check(keepsGroup, live: state, identity: anaRuns).isEmpty)
        let losesGroup = Fixture.plan(Fixture.peopleOrg(members: demoted, usergroups: [
            Fixture.group("g1", line: 40, orgRole: .admin, members: [])]), live)
        let messages = LockoutGuard.check(losesGroup, live: state, identity: anaRuns).map(\.message)
        #expect(messages.count == 2)
        #expect(messages.contains { $0.hasPrefix("member.acme/ana@acme.com would demote the user running rillform") })
        #expect(messages.contains { $0.hasPrefix("usergroup.acme/g1: the plan would remove them from usergroup g1") })
    }
}
