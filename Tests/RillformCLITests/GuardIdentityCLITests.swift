import Foundation
import RillformAPI
import RillformModel
import RillformTestSupport
import Testing

/// Preflight (who is the token, may it do this run) and the lockout guard, with real tokens of other roles.
@Suite("Guards end to end: preflight, lockout, read-only plan")
struct GuardIdentityCLITests {
    static func manifest(ciRole: String, extraOrg: Bool = false) -> String {
        """
        apiVersion: rillform/v1
        orgs:
          - name: acme
            projects:
              - name: sales
                deployments: []
            services:
              - name: ci-bot
                org_role: \(ciRole)
        \(extraOrg ? "  - name: newco" : "")
        """
    }

    /// Applies the base manifest as the admin user and returns a token of the `ci` service (org admin).
    func setUp(_ harness: GuardHarness) async throws -> String {
        try harness.write("base.yaml", Self.manifest(ciRole: "admin"))
        let setup = try await harness.rillform(["apply", "-f", "base.yaml", "--auto-approve"])
        try #require(setup.exitCode == 0, "\(setup.combined)")
        return try await harness.client().writer.issueServiceToken(org: "acme", service: "ci-bot").revealSecret()
    }

    @Test("the running service account demoting itself: plan shows the change, then refuses with exit 3")
    func selfDemotionIsRefused() async throws {
        try await GuardHarness.run { harness in
            let ciToken = try await setUp(harness)
            try harness.write("demote.yaml", Self.manifest(ciRole: "viewer"))
            let plan = try await harness.rillform(["plan", "-f", "demote.yaml"], token: ciToken)
            #expect(plan.exitCode == 3, "\(plan.combined)")
            #expect(plan.stdout.contains("# service.acme/ci-bot will be updated in-place"), "\(plan.stdout)")
            #expect(plan.stderr.contains("service.acme/ci-bot would demote (remove org admin from) the service account "
                + "running rillform (a service account, service ci-bot)"), "\(plan.stderr)")

            await harness.emulator.resetAccessLog()
            let apply = try await harness.rillform(["apply", "-f", "demote.yaml", "--auto-approve", "--force"],
                                                   token: ciToken)
            #expect(apply.exitCode == 3, "\(apply.combined)")
            #expect(await harness.writes().isEmpty)
            // The admin user may demote it.
            let byAdmin = try await harness.rillform(["plan", "-f", "demote.yaml", "--detailed-exitcode"])
            #expect(byAdmin.exitCode == 2, "\(byAdmin.combined)")
            #expect(!plan.combined.contains(ciToken) && !apply.combined.contains(ciToken))
        }
    }

    @Test("a viewer token is refused by the preflight with one message, before services are read")
    func viewerIsRefused() async throws {
        try await GuardHarness.run { harness in
            _ = try await setUp(harness)
            let viewer = try await harness.userToken(email: "viewer@acme.test", role: "viewer", org: "acme")
            await harness.emulator.resetAccessLog()
            let plan = try await harness.rillform(["plan", "-f", "base.yaml"], token: viewer)
            #expect(plan.exitCode == 3, "\(plan.combined)")
            #expect(plan.stderr.contains("Error: preflight: user viewer@acme.test cannot run this against org acme:"),
                    "\(plan.stderr)")
            #expect(plan.stderr.contains("org.acme: needs org admin (manageOrg) to read services and private projects "
                + "and to apply; the token has viewer permissions [RF332]"), "\(plan.stderr)")
            #expect(plan.stdout.isEmpty)
            let paths = await harness.emulator.accessLog().map(\.path)
            #expect(!paths.contains { $0.contains("/services") || $0.contains("/projects") }, "\(paths)")
        }
    }

    @Test("a service token cannot create an org: preflight refusal naming the org")
    func serviceTokenCannotCreateOrg() async throws {
        try await GuardHarness.run { harness in
            let ciToken = try await setUp(harness)
            try harness.write("two.yaml", Self.manifest(ciRole: "admin", extraOrg: true))
            await harness.emulator.resetAccessLog()
            let apply = try await harness.rillform(["apply", "-f", "two.yaml", "--auto-approve"], token: ciToken)
            #expect(apply.exitCode == 3, "\(apply.combined)")
            #expect(apply.stderr.contains("org.newco: does not exist or is not visible to this token; creating an org "
                + "needs a user token, and this is a service token [RF331]"), "\(apply.stderr)")
            #expect(await harness.writes().isEmpty)
        }
    }

    @Test("plan makes only GET requests, even with changes to make")
    func planOnlyReads() async throws {
        try await GuardHarness.run { harness in
            _ = try await setUp(harness)
            try harness.write("demote.yaml", Self.manifest(ciRole: "viewer", extraOrg: true))
            await harness.emulator.resetAccessLog()
            let plan = try await harness.rillform(["plan", "-f", "demote.yaml", "--detailed-exitcode", "--prune"])
            #expect(plan.exitCode == 2, "\(plan.combined)")
            let log = await harness.emulator.accessLog()
            #expect(log.count > 5)
            #expect(log.allSatisfy { $0.method == "GET" }, "\(log.map { "\($0.method) \($0.path)" })")
        }
    }
}
