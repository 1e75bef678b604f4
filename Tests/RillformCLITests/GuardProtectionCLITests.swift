import Foundation
import RillformTestSupport
import Testing

/// policy.protect and the mass-delete threshold, through the built binary against the emulator.
@Suite("Guards end to end: protection and mass delete")
struct GuardProtectionCLITests {
    static func manifest(projects: [String], policy: String = "", orgPolicy: String = "") -> String {
        """
        apiVersion: rillform/v1
        \(policy)
        orgs:
          - name: acme
        \(orgPolicy)
            projects:
        \(projects.map { "      - name: \($0)\n        deployments: []" }.joined(separator: "\n"))
        """
    }

    @Test("removing a protected project's block (with --prune): plan prints the plan, then the refusal, exit 3")
    func protectedProjectIsNotDeleted() async throws {
        try await GuardHarness.run { harness in
            let policy = "policy:\n  protect:\n    - project.acme/sales"
            try harness.write("all.yaml", Self.manifest(projects: ["sales", "people"], policy: policy))
            let setup = try await harness.rillform(["apply", "-f", "all.yaml", "--auto-approve"])
            try #require(setup.exitCode == 0, "\(setup.combined)")

            try harness.write("less.yaml", Self.manifest(projects: ["people"], policy: policy))
            let plan = try await harness.rillform(["plan", "-f", "less.yaml", "--prune"])
            #expect(plan.exitCode == 3, "\(plan.combined)")
            #expect(plan.stdout.contains("project.acme/sales will be destroyed"), "\(plan.stdout)")
            #expect(plan.stderr.contains(
                "project.acme/sales would be deleted, but policy.protect entry project.acme/sales (less.yaml:4:7) protects it"),
                "\(plan.stderr)")

            await harness.emulator.resetAccessLog()
            let apply = try await harness.rillform(["apply", "-f", "less.yaml", "--prune", "--auto-approve", "--force"])
            #expect(apply.exitCode == 3, "--force does not lift protection: \(apply.combined)")
            #expect(await harness.writes().isEmpty)
            #expect(try await harness.client().reader.getProject(org: "acme", project: "sales") != nil)
        }
    }

    @Test("deleting 4 of 10 projects is refused with the numbers (exit 3); --force or a per-org threshold proceeds")
    func massDelete() async throws {
        try await GuardHarness.run { harness in
            let all = (0..<10).map { "proj\($0)" }
            try harness.write("all.yaml", Self.manifest(projects: all))
            let setup = try await harness.rillform(["apply", "-f", "all.yaml", "--auto-approve"])
            try #require(setup.exitCode == 0, "\(setup.combined)")

            try harness.write("six.yaml", Self.manifest(projects: Array(all.prefix(6))))
            let plan = try await harness.rillform(["plan", "-f", "six.yaml", "--prune"])
            #expect(plan.exitCode == 3, "\(plan.combined)")
            #expect(plan.stdout.contains("Plan: 0 to add, 0 to change, 4 to destroy."), "\(plan.stdout)")
            #expect(plan.stderr.contains("deleting 4 of 10 projects in org acme (40% > 30%)"), "\(plan.stderr)")
            #expect(plan.stderr.contains("--force"))

            await harness.emulator.resetAccessLog()
            let refused = try await harness.rillform(["apply", "-f", "six.yaml", "--prune", "--auto-approve"])
            #expect(refused.exitCode == 3, "\(refused.combined)")
            #expect(await harness.writes().isEmpty)

            // A per-org threshold of 50% lets this plan through without --force.
            let orgPolicy = "    policy:\n      mass_delete_threshold: {percent: 50}"
            try harness.write("six-50.yaml", Self.manifest(projects: Array(all.prefix(6)), orgPolicy: orgPolicy))
            let relaxed = try await harness.rillform(["plan", "-f", "six-50.yaml", "--prune", "--detailed-exitcode"])
            #expect(relaxed.exitCode == 2, "\(relaxed.combined)")

            let forced = try await harness.rillform(["apply", "-f", "six.yaml", "--prune", "--auto-approve", "--force"])
            #expect(forced.exitCode == 0, "\(forced.combined)")
            #expect(forced.stdout.contains("0 added, 0 changed, 4 destroyed"), "\(forced.stdout)")
            #expect(try await harness.client().reader.listProjects(org: "acme").count == 6)
        }
    }
}
