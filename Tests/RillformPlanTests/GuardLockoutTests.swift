import RillformModel
import Testing
@testable import RillformPlan

@Suite("Guard: lockout and mass-delete messages")
struct GuardLockoutTests {
    private let live = LiveState(orgs: ["acme": Fixture.liveOrg(services: [
        LiveService(id: "s1", name: "ci", orgRole: .admin),
        LiveService(id: "s2", name: "bot", orgRole: .admin),
    ])])
    private let runner = RunningIdentity(isUser: false, description: "a service account",
                                         serviceNames: ["acme": "ci"], adminOrgs: ["acme"])

    private func plan(ci: OrgRole?, bot: OrgRole? = .admin, prune: Bool = false) -> Plan {
        var services = [DesiredService(name: Fixture.located("ci", 20), orgRole: ci.map { Fixture.located($0, 21) })]
        if let bot { services.append(DesiredService(name: Fixture.located("bot", 30), orgRole: Fixture.located(bot, 31))) }
        return Planner.plan(desired: DesiredState(orgs: [Fixture.org(services: services)]), live: live,
                            options: Fixture.options(prune: prune))
    }

    @Test("demoting the running service account is refused at its manifest line")
    func selfDemotion() {
        let diagnostics = LockoutGuard.check(plan(ci: .viewer), live: live, identity: runner)
        #expect(diagnostics.map(\.code) == [PlanDiagnosticCode.lockout])
        #expect(diagnostics.first?.message.contains("service.acme/ci would demote") == true)
        #expect(diagnostics.first?.location == Fixture.at(20))
        // Another service may be demoted; a user caller may demote ci.
        #expect(LockoutGuard.check(plan(ci: .admin, bot: .viewer), live: live, identity: runner).isEmpty)
        let user = RunningIdentity(isUser: true, description: "user a@acme.com", adminOrgs: ["acme"])
        #expect(LockoutGuard.check(plan(ci: .viewer), live: live, identity: user).isEmpty)
    }

    @Test("deleting the running service account (prune) is refused")
    func selfDeletion() {
        let pruned = plan(ci: .admin, bot: nil, prune: true)
        #expect(LockoutGuard.check(pruned, live: live, identity: runner).isEmpty)
        let runnerIsBot = RunningIdentity(isUser: false, description: "a service account", serviceNames: ["acme": "bot"])
        let diagnostics = LockoutGuard.check(pruned, live: live, identity: runnerIsBot)
        #expect(diagnostics.map(\.message).first?.hasPrefix("service.acme/bot would delete the service account running rillform") == true)
    }

    @Test("leaving an org with no visible admin is refused unless the caller is an admin user")
    func lastAdmin() {
        let plan = plan(ci: .viewer, bot: .viewer)
        let unknownRunner = RunningIdentity(isUser: false, description: "a service account")
        let messages = LockoutGuard.check(plan, live: live, identity: unknownRunner).map(\.message)
        #expect(messages.contains("org.acme would be left without any admin rillform can see: admin services now bot, ci, none after this plan"))
        let user = RunningIdentity(isUser: true, description: "user a@acme.com", adminOrgs: ["acme"])
        #expect(LockoutGuard.check(plan, live: live, identity: user).isEmpty)
    }

    @Test("mass-delete message: numbers, plural kind, percentages without noise")
    func massDeleteMessage() {
        #expect(PlanGuards.format(40) == "40")
        #expect(PlanGuards.format(100.0 / 3) == "33.33")
        #expect(PlanGuards.format(12.5) == "12.5")
        #expect(PlanGuards.pluralName(.service) == "services")
        #expect(PlanGuards.pluralName(.serviceToken) == "service tokens")
    }
}
