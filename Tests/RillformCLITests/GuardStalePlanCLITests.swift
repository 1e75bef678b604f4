import Foundation
import RillformAPI
import RillformModel
import RillformTestSupport
import Testing

/// `apply plan.json` refuses a saved plan that went stale or was made against another API: exit 4, before
/// any write.
@Suite("Guards end to end: stale saved plans")
struct GuardStalePlanCLITests {
    static func manifest(description: String, withBot: Bool = false) -> String {
        """
        apiVersion: rillform/v1
        orgs:
          - name: acme
            projects:
              - name: sales
                description: \(description)
                deployments: []
        \(withBot ? "    services:\n      - name: bot\n        org_role: viewer" : "")
        """
    }

    @Test("out-of-band changes between plan and apply: exit 4 naming each resource and field, nothing written")
    func outOfBandChangeMakesPlanStale() async throws {
        try await GuardHarness.run { harness in
            try harness.write("v1.yaml", Self.manifest(description: "first"))
            let setup = try await harness.rillform(["apply", "-f", "v1.yaml", "--auto-approve"])
            try #require(setup.exitCode == 0, "\(setup.combined)")

            try harness.write("v2.yaml", Self.manifest(description: "second", withBot: true))
            let plan = try await harness.rillform(["plan", "-f", "v2.yaml", "--out", "plan.json"])
            try #require(plan.exitCode == 0, "\(plan.combined)")
            let saved = try harness.read("plan.json")
            #expect(saved.contains("\"fingerprint\""))
            #expect(saved.contains("\"manifest_digest\" : \"sha256:"))
            #expect(saved.contains("\"api_url\" : \"\(harness.emulator.baseURL.absoluteString)\""))

            // Someone edits the project and creates the service the plan was going to create.
            let writer = try harness.client().writer
            _ = try await writer.updateProject(org: "acme", project: "sales", changes: .init(values: [.description: .string("by hand")]))
            _ = try await writer.createService(org: "acme", name: "bot", orgRole: .viewer)

            await harness.emulator.resetAccessLog()
            let apply = try await harness.rillform(["apply", "plan.json"])
            #expect(apply.exitCode == 4, "\(apply.combined)")
            #expect(apply.stderr.contains("the saved plan is stale: 2 resource(s) changed"), "\(apply.stderr)")
            #expect(apply.stderr.contains("project.acme/sales: description"), "\(apply.stderr)")
            #expect(apply.stderr.contains("service.acme/bot: exists now (created outside this plan)"), "\(apply.stderr)")
            #expect(await harness.writes().isEmpty)
            let project = try await harness.client().reader.getProject(org: "acme", project: "sales")
            #expect(project?.project.description == "by hand")
        }
    }

    @Test("a saved plan made against another API URL is refused with exit 4 before anything is read or written")
    func otherAPIIsRefused() async throws {
        try await GuardHarness.run { harness in
            try harness.write("v1.yaml", Self.manifest(description: "first"))
            let plan = try await harness.rillform(["plan", "-f", "v1.yaml", "--out", "plan.json"])
            try #require(plan.exitCode == 0, "\(plan.combined)")
            let saved = try harness.read("plan.json")
            try harness.write("plan.json", saved.replacingOccurrences(
                of: harness.emulator.baseURL.absoluteString, with: "https://admin.rilldata.com"))

            await harness.emulator.resetAccessLog()
            let apply = try await harness.rillform(["apply", "plan.json"])
            #expect(apply.exitCode == 4, "\(apply.combined)")
            #expect(apply.stderr.contains("the plan was made against https://admin.rilldata.com; this run is against"),
                    "\(apply.stderr)")
            #expect(await harness.emulator.accessLog().isEmpty)
            #expect(try await harness.client().reader.getOrganization("acme") == nil)
        }
    }
}
