import Foundation
import RillformAPI
import RillformModel
import RillformTestSupport
import Testing

/// Issue 14's refusals of people changes, end to end (built binary, real emulator): RF324 (last direct admin),
/// RF325 (the billing-email person) and RF322 (the running user's own admin access). Each refusal exits 3 from
/// `plan` and from `apply --auto-approve` before any write; each has a control showing the same kind of change
/// applies when it is safe.
@Suite("Guards end to end: people")
struct PeopleGuardCLITests {
    /// An org manifest: `members` as `email: role` lines, optional extra keys (billing email, usergroups).
    static func manifest(members: [(String, String)], services: Bool = true, billingEmail: String? = nil,
                         usergroups: String = "") -> String {
        var lines = ["apiVersion: rillform/v1", "orgs:", "  - name: acme"]
        if let billingEmail { lines.append("    billing_email: \(billingEmail)") }
        if services { lines += ["    services:", "      - name: ci-bot", "        org_role: admin"] }
        lines.append("    members:")
        for (email, role) in members { lines.append("      - {email: \(email), org_role: \(role)}") }
        if !usergroups.isEmpty { lines.append(usergroups) }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Creates accounts for `emails`, applies `manifest` as the bootstrap admin, and returns the ci-bot's token.
    @discardableResult
    static func setUp(_ harness: GuardHarness, accounts emails: [String], manifest: String) async throws -> String {
        for email in emails { _ = try await harness.emulator.createUser(email: email) }
        try harness.write("base.yaml", manifest)
        let setup = try await harness.rillform(["apply", "-f", "base.yaml", "--auto-approve"])
        try #require(setup.exitCode == 0, "\(setup.combined)")
        return try await harness.client().writer.issueServiceToken(org: "acme", service: "ci-bot").revealSecret()
    }

    /// `plan` and `apply --auto-approve` of `file` (with `extra` arguments) both exit 3, with nothing written;
    /// returns the apply's stderr joined to the plan's for the callers' message checks.
    static func expectRefused(_ harness: GuardHarness, _ file: String, extra: [String] = [], token: String? = nil,
                              sourceLocation: Testing.SourceLocation = #_sourceLocation) async throws -> String {
        await harness.emulator.resetAccessLog()
        let plan = try await harness.rillform(["plan", "-f", file] + extra, token: token)
        #expect(plan.exitCode == 3, "\(plan.combined)", sourceLocation: sourceLocation)
        let apply = try await harness.rillform(["apply", "-f", file, "--auto-approve"] + extra, token: token)
        #expect(apply.exitCode == 3, "\(apply.combined)", sourceLocation: sourceLocation)
        #expect(await harness.writes().isEmpty, sourceLocation: sourceLocation)
        return plan.stderr + "\n" + apply.stderr
    }

    static func orgRoles(_ harness: GuardHarness, token: String? = nil) async throws -> [String: OrgRole] {
        try await harness.client(token: token).reader.orgPeople(org: "acme").compactMapValues(\.orgRole)
    }

    // MARK: RF324

    @Test("RF324: demoting the last direct admin user is refused (exit 3, names the person and the org)")
    func lastAdminDemotion() async throws {
        try await GuardHarness.run { harness in
            // A service token runs it: the running-user lockout (RF322) stays out of the way.
            let ciToken = try await Self.setUp(harness, accounts: ["bo@acme.com"], manifest: Self.manifest(
                members: [("admin@rillform.local", "admin"), ("bo@acme.com", "viewer")]))
            try harness.write("demote.yaml", Self.manifest(
                members: [("admin@rillform.local", "viewer"), ("bo@acme.com", "viewer")]))
            let stderr = try await Self.expectRefused(harness, "demote.yaml", token: ciToken)
            #expect(stderr.contains("[RF324]"), "\(stderr)")
            #expect(stderr.contains("org.acme would be left without an admin user"), "\(stderr)")
            #expect(stderr.contains("demotes admin@rillform.local to viewer"), "\(stderr)")
            #expect(!stderr.contains("[RF322]"), "\(stderr)")
            #expect(try await Self.orgRoles(harness)["admin@rillform.local"] == .admin)

            // Control: promoting bo in the same plan keeps a direct admin; it applies.
            try harness.write("handover.yaml", Self.manifest(
                members: [("admin@rillform.local", "viewer"), ("bo@acme.com", "admin")]))
            await harness.emulator.resetAccessLog()
            let handover = try await harness.rillform(["apply", "-f", "handover.yaml", "--auto-approve"], token: ciToken)
            #expect(handover.exitCode == 0, "\(handover.combined)")
            // Rill would refuse the demotion while it leaves no admin: the promotion goes first.
            let writes = await harness.writes()
            let promotion = writes.firstIndex { $0.contains("/members/bo") }
            let demotion = writes.firstIndex { $0.contains("/members/admin") }
            #expect(promotion != nil && demotion != nil && (promotion ?? 0) < (demotion ?? 0), "\(writes)")
            // The bootstrap admin is a viewer now, who may not list members: read as the ci-bot.
            let roles = try await Self.orgRoles(harness, token: ciToken)
            #expect(roles["admin@rillform.local"] == .viewer && roles["bo@acme.com"] == .admin, "\(roles)")
        }
    }

    @Test("RF324: removing the last direct admin user with --prune is refused (exit 3, names the person and the org)")
    func lastAdminRemoval() async throws {
        try await GuardHarness.run { harness in
            let ciToken = try await Self.setUp(harness, accounts: ["bo@acme.com"], manifest: Self.manifest(
                members: [("admin@rillform.local", "admin"), ("bo@acme.com", "viewer")]))
            try harness.write("remove.yaml", Self.manifest(members: [("bo@acme.com", "viewer")]))
            let stderr = try await Self.expectRefused(harness, "remove.yaml", extra: ["--prune"], token: ciToken)
            #expect(stderr.contains("[RF324]"), "\(stderr)")
            #expect(stderr.contains("org.acme would be left without an admin user"), "\(stderr)")
            #expect(stderr.contains("removes admin@rillform.local"), "\(stderr)")
            #expect(try await Self.orgRoles(harness)["admin@rillform.local"] == .admin)
        }
    }

    // MARK: RF325

    @Test("RF325: pruning the billing-email person is refused; moving billing_email in the same manifest applies")
    func billingEmailPerson() async throws {
        try await GuardHarness.run { harness in
            try await Self.setUp(harness, accounts: ["bo@acme.com"], manifest: Self.manifest(
                members: [("admin@rillform.local", "admin"), ("bo@acme.com", "viewer")], billingEmail: "bo@acme.com"))
            try harness.write("remove.yaml", Self.manifest(
                members: [("admin@rillform.local", "admin")], billingEmail: "bo@acme.com"))
            let stderr = try await Self.expectRefused(harness, "remove.yaml", extra: ["--prune"])
            #expect(stderr.contains("[RF325]"), "\(stderr)")
            #expect(stderr.contains("would remove bo@acme.com from org acme, but bo@acme.com is the org's billing email"),
                    "\(stderr)")
            // Also when the manifest leaves billing_email unmanaged: the live value counts.
            try harness.write("unmanaged.yaml", Self.manifest(members: [("admin@rillform.local", "admin")]))
            let unmanaged = try await Self.expectRefused(harness, "unmanaged.yaml", extra: ["--prune"])
            #expect(unmanaged.contains("[RF325]") && unmanaged.contains("bo@acme.com"), "\(unmanaged)")
            #expect(try await Self.orgRoles(harness)["bo@acme.com"] == .viewer)

            // The same removal with billing_email moved to the admin: the org update runs first, then the removal.
            try harness.write("handover.yaml", Self.manifest(
                members: [("admin@rillform.local", "admin")], billingEmail: "admin@rillform.local"))
            await harness.emulator.resetAccessLog()
            let apply = try await harness.rillform(["apply", "-f", "handover.yaml", "--auto-approve", "--prune"])
            #expect(apply.exitCode == 0, "\(apply.combined)")
            let writes = await harness.writes()
            let orgUpdate = writes.firstIndex { $0.hasPrefix("PATCH /v1/orgs/acme") && !$0.contains("/members") }
            let removal = writes.firstIndex { $0.hasPrefix("DELETE /v1/orgs/acme/members/bo") }
            #expect(orgUpdate != nil && removal != nil && (orgUpdate ?? 0) < (removal ?? 0), "\(writes)")
            #expect(try await Self.orgRoles(harness)["bo@acme.com"] == nil)
            let org = try await harness.client().reader.getOrganization("acme")
            #expect(org?.org.billingEmail == "admin@rillform.local")
        }
    }

    // MARK: RF322 with a user token

    /// ana and ben are direct admins; cy is a viewer made admin by the `admins` usergroup.
    static let lockoutMembers = [("admin@rillform.local", "admin"), ("ana@acme.com", "admin"),
                                 ("ben@acme.com", "admin"), ("cy@acme.com", "viewer")]
    static func adminsGroup(members: [String]) -> String {
        """
            usergroups:
              - name: admins
                org_role: admin
                members: [\(members.joined(separator: ", "))]
        """
    }

    static func lockoutManifest(members: [(String, String)], groupMembers: [String] = ["cy@acme.com"]) -> String {
        manifest(members: members, services: false, usergroups: adminsGroup(members: groupMembers))
    }

    /// User tokens of the three people.
    struct LockoutTokens {
        var ana: String
        var ben: String
        var cy: String
    }

    /// Creates the three people's accounts and applies the base manifest as the bootstrap admin.
    static func setUpLockout(_ harness: GuardHarness) async throws -> LockoutTokens {
        let tokens = LockoutTokens(ana: try await harness.emulator.createUser(email: "ana@acme.com"),
                                   ben: try await harness.emulator.createUser(email: "ben@acme.com"),
                                   cy: try await harness.emulator.createUser(email: "cy@acme.com"))
        try harness.write("base.yaml", lockoutManifest(members: lockoutMembers))
        let setup = try await harness.rillform(["apply", "-f", "base.yaml", "--auto-approve"])
        try #require(setup.exitCode == 0, "\(setup.combined)")
        return tokens
    }

    @Test("RF322: the running user removing themself is refused; another admin removing them applies")
    func runningUserRemoved() async throws {
        try await GuardHarness.run { harness in
            let tokens = try await Self.setUpLockout(harness)
            try harness.write("remove.yaml", Self.lockoutManifest(members: Self.lockoutMembers.filter {
                $0.0 != "ana@acme.com"
            }))
            let stderr = try await Self.expectRefused(harness, "remove.yaml", extra: ["--prune"],
                                                      token: tokens.ana)
            #expect(stderr.contains("[RF322]"), "\(stderr)")
            #expect(stderr.contains("member.acme/ana@acme.com would remove the user running rillform "
                + "(user ana@acme.com) from org acme"), "\(stderr)")

            let byAdmin = try await harness.rillform(["apply", "-f", "remove.yaml", "--auto-approve", "--prune"])
            #expect(byAdmin.exitCode == 0, "\(byAdmin.combined)")
            #expect(try await Self.orgRoles(harness)["ana@acme.com"] == nil)
        }
    }

    @Test("RF322: the running user demoting themself from admin is refused; another admin demoting them applies")
    func runningUserDemoted() async throws {
        try await GuardHarness.run { harness in
            let tokens = try await Self.setUpLockout(harness)
            let demoted = Self.lockoutMembers.map { $0.0 == "ben@acme.com" ? ($0.0, "editor") : $0 }
            try harness.write("demote.yaml", Self.lockoutManifest(members: demoted))
            let stderr = try await Self.expectRefused(harness, "demote.yaml", token: tokens.ben)
            #expect(stderr.contains("[RF322]"), "\(stderr)")
            #expect(stderr.contains("member.acme/ben@acme.com would demote the user running rillform "
                + "(user ben@acme.com) from admin of org acme to editor"), "\(stderr)")

            let byAdmin = try await harness.rillform(["apply", "-f", "demote.yaml", "--auto-approve"],
                                                     token: tokens.ana)
            #expect(byAdmin.exitCode == 0, "\(byAdmin.combined)")
            #expect(try await Self.orgRoles(harness)["ben@acme.com"] == .editor)
        }
    }

    @Test("RF322: the running user leaving the admin usergroup that makes them admin is refused; another admin may")
    func runningUserLeavesAdminGroup() async throws {
        try await GuardHarness.run { harness in
            let tokens = try await Self.setUpLockout(harness)
            try harness.write("leave.yaml", Self.lockoutManifest(members: Self.lockoutMembers, groupMembers: []))
            let stderr = try await Self.expectRefused(harness, "leave.yaml", token: tokens.cy)
            #expect(stderr.contains("[RF322]"), "\(stderr)")
            #expect(stderr.contains("usergroup.acme/admins: the plan would remove them from usergroup admins, which "
                + "makes the user running rillform (user cy@acme.com) an org admin"), "\(stderr)")
            #expect(try await harness.client().reader.listUsergroupMembers(org: "acme", usergroup: "admins")
                == ["cy@acme.com"])

            let byAdmin = try await harness.rillform(["apply", "-f", "leave.yaml", "--auto-approve"])
            #expect(byAdmin.exitCode == 0, "\(byAdmin.combined)")
            let members = try await harness.client().reader.listUsergroupMembers(org: "acme", usergroup: "admins")
            #expect(members.isEmpty, "\(members)")
        }
    }
}
