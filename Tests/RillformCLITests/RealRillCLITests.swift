import Foundation
import RillformAPI
import RillformModel
import RillformTestSupport
import Testing
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// End to end against the emulator, for what real Rill does that a naive client gets wrong: service tokens on
/// the identity call, projects without a source, git projects and GitHub access, restarts after project
/// updates, asynchronous deployments, and runtime credentials.
@Suite("Real Rill behaviour end to end")
struct RealRillCLITests {
    static let salesRemote = "https://github.com/acme/rill-sales.git"

    static func manifest(slots: Int = 2, prodState: String = "running", extraProject: String = "") -> String {
        """
        apiVersion: rillform/v1
        orgs:
          - name: acme
            projects:
              - name: sales
                git_remote: \(salesRemote)
                primary_branch: main
                prod_slots: \(slots)
                deployments:
                  - environment: prod
                    state: \(prodState)
              - name: finance
                description: no source, so no deployment
                deployments: []
        \(extraProject)
            services:
              - name: ci-admin
                org_role: admin
              - name: reporting
                project_roles:
                  sales: viewer
        """
    }

    /// Applies the base manifest as the bootstrap admin user, who has GitHub access to the sales repository.
    static func setUp(_ harness: GuardHarness, manifest: String = manifest()) async throws {
        try await harness.emulator.setGitHubOpenAccess(false)
        try await harness.emulator.grantGitHubAccess(email: "admin@rillform.local", remote: salesRemote)
        try harness.write("rill.yaml", manifest)
        let apply = try await harness.rillform(["apply", "-f", "rill.yaml", "--auto-approve"])
        try #require(apply.exitCode == 0, "\(apply.combined)")
    }

    static func serviceToken(_ harness: GuardHarness, _ service: String = "ci-admin") async throws -> String {
        try await harness.client().writer.issueServiceToken(org: "acme", service: service).revealSecret()
    }

    @Test("an org-admin service token plans and applies with no changes, and never calls GET /v1/users/current")
    func serviceTokenRun() async throws {
        try await GuardHarness.run { harness in
            try await Self.setUp(harness)
            let token = try await Self.serviceToken(harness)
            await harness.emulator.resetAccessLog()
            let plan = try await harness.rillform(["plan", "-f", "rill.yaml", "--detailed-exitcode"], token: token)
            #expect(plan.exitCode == 0, "\(plan.combined)")
            #expect(plan.stdout.contains("No changes."), "\(plan.stdout)")
            let apply = try await harness.rillform(["apply", "-f", "rill.yaml", "--auto-approve"], token: token)
            #expect(apply.exitCode == 0, "\(apply.combined)")
            let paths = await harness.emulator.accessLog().map(\.path)
            #expect(!paths.isEmpty)
            #expect(!paths.contains("/v1/users/current"))
            #expect(await harness.writes().isEmpty)
            #expect(!plan.combined.contains(token) && !apply.combined.contains(token))
        }
    }

    /// (example directory, its org)
    static let examples: [(String, String)] = [("quickstart", "acme"), ("gitops", "globex")]

    @Test("each example applies with a user token, then plans and applies to no changes with an org-admin service token",
          arguments: examples)
    func examplesWithServiceToken(example: String, org: String) async throws {
        try await GuardHarness.run { harness in
            let directory = CLIProcess.repositoryRoot.appendingPathComponent("Examples/\(example)").path
            // The bootstrap user creates the org, everything in the example, and an admin service for CI.
            try harness.write("ci-admin.yaml", """
                apiVersion: rillform/v1
                orgs:
                  - name: \(org)
                    services:
                      - name: ci-admin
                        org_role: admin
                """)
            let files = ["-f", directory, "-f", "ci-admin.yaml"]
            let bootstrap = try await harness.rillform(
                ["apply"] + files + ["--auto-approve", "--token-sink", "tokens.jsonl"])
            try #require(bootstrap.exitCode == 0, "\(bootstrap.combined)")
            let token = try await harness.client().writer.issueServiceToken(org: org, service: "ci-admin").revealSecret()
            await harness.emulator.resetAccessLog()
            let plan = try await harness.rillform(
                ["plan"] + files + ["--detailed-exitcode", "--token-sink", "tokens.jsonl"], token: token)
            #expect(plan.exitCode == 0, "\(plan.combined)")
            let apply = try await harness.rillform(
                ["apply"] + files + ["--auto-approve", "--token-sink", "tokens.jsonl"], token: token)
            #expect(apply.exitCode == 0, "\(apply.combined)")
            #expect(apply.stdout.contains("No changes."), "\(apply.stdout)")
            #expect(await harness.writes().isEmpty)
            #expect(!(await harness.emulator.accessLog().map(\.path).contains("/v1/users/current")))
        }
    }

    @Test("the identity call refuses a service token with 401, as Rill's GetCurrentUser does")
    func identityEndpointRefusesServices() async throws {
        try await GuardHarness.run { harness in
            try await Self.setUp(harness)
            let token = try await Self.serviceToken(harness)
            var request = URLRequest(url: harness.emulator.baseURL.appendingPathComponent("v1/users/current"))
            request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization")
            let (_, response) = try await URLSession.shared.data(for: request)
            #expect((response as? HTTPURLResponse)?.statusCode == 401)
            // The client never asks: a service token is known by its prefix.
            #expect(try await harness.client(token: token).reader.currentIdentity() == .service)
        }
    }

    @Test("a project without a source is created with skip_deploy and has no deployment")
    func projectWithoutSource() async throws {
        try await GuardHarness.run { harness in
            try await Self.setUp(harness)
            let deployments = try await harness.client().reader.listDeployments(org: "acme", project: "finance")
            #expect(deployments.isEmpty)
            let project = try #require(try await harness.client().reader.getProject(org: "acme", project: "finance"))
            #expect(project.project.gitRemote.isEmpty)
            let replan = try await harness.rillform(["plan", "-f", "rill.yaml", "--detailed-exitcode"])
            #expect(replan.exitCode == 0, "\(replan.combined)")
        }
    }

    @Test("a git project created with a service token is refused before any write (RF323, exit 3)")
    func gitProjectWithServiceToken() async throws {
        try await GuardHarness.run { harness in
            try await Self.setUp(harness)
            let token = try await Self.serviceToken(harness)
            try harness.write("more.yaml", Self.manifest(extraProject: """
                      - name: marketing
                        git_remote: https://github.com/acme/rill-marketing.git
                        primary_branch: main
                """))
            await harness.emulator.resetAccessLog()
            let apply = try await harness.rillform(["apply", "-f", "more.yaml", "--auto-approve"], token: token)
            #expect(apply.exitCode == 3, "\(apply.combined)")
            #expect(apply.combined.contains("RF323"), "\(apply.combined)")
            #expect(apply.combined.contains("project.acme/marketing"), "\(apply.combined)")
            #expect(apply.combined.contains("service token"), "\(apply.combined)")
            #expect(await harness.writes().isEmpty)
        }
    }

    @Test("a user without GitHub access to the repository is refused with Rill's grant-access hint; with it, planned")
    func gitProjectWithoutGitHubAccess() async throws {
        try await GuardHarness.run { harness in
            try await Self.setUp(harness)
            let remote = "https://github.com/acme/rill-marketing.git"
            try harness.write("more.yaml", Self.manifest(extraProject: """
                      - name: marketing
                        git_remote: \(remote)
                        primary_branch: main
                """))
            let refused = try await harness.rillform(["plan", "-f", "more.yaml", "--detailed-exitcode"])
            #expect(refused.exitCode == 3, "\(refused.combined)")
            #expect(refused.combined.contains("no GitHub access to \(remote)"), "\(refused.combined)")
            try await harness.emulator.grantGitHubAccess(email: "admin@rillform.local", remote: remote)
            let allowed = try await harness.rillform(["plan", "-f", "more.yaml", "--detailed-exitcode"])
            #expect(allowed.exitCode == 2, "\(allowed.combined)")
        }
    }

    @Test("a stop survives a project update that restarts deployments: apply, then plan is empty")
    func stopAfterRestartingUpdate() async throws {
        try await GuardHarness.run { harness in
            try await Self.setUp(harness, manifest: Self.manifest(prodState: "stopped"))
            try harness.write("bigger.yaml", Self.manifest(slots: 3, prodState: "stopped"))
            let plan = try await harness.rillform(["plan", "-f", "bigger.yaml"])
            #expect(plan.exitCode == 0, "\(plan.combined)")
            #expect(plan.stdout.contains("UpdateDeploymentsForProject"), "\(plan.stdout)")
            #expect(plan.stdout.contains("# deployment.acme/sales/prod will be updated in-place"), "\(plan.stdout)")
            let apply = try await harness.rillform(["apply", "-f", "bigger.yaml", "--auto-approve"])
            #expect(apply.exitCode == 0, "\(apply.combined)")
            let prod = try await harness.client().reader.listDeployments(org: "acme", project: "sales")
            #expect(prod.map(\.state) == [.stopped], "\(prod)")
            let replan = try await harness.rillform(["plan", "-f", "bigger.yaml", "--detailed-exitcode"])
            #expect(replan.exitCode == 0, "\(replan.combined)")
        }
    }

    @Test("apply --wait waits until the new deployments have settled")
    func applyWait() async throws {
        try await GuardHarness.run { harness in
            try await harness.emulator.grantGitHubAccess(email: "admin@rillform.local", remote: Self.salesRemote)
            try harness.write("rill.yaml", Self.manifest())
            let apply = try await harness.rillform(
                ["apply", "-f", "rill.yaml", "--auto-approve", "--wait", "--wait-poll-milliseconds", "50"])
            #expect(apply.exitCode == 0, "\(apply.combined)")
            #expect(apply.stdout.contains("All deployments settled"), "\(apply.stdout)")
            let deployments = try await harness.client().reader.listDeployments(org: "acme", project: "sales")
            let settled = deployments.allSatisfy(\.isSettled)
            #expect(settled, "\(deployments)")
        }
    }

    @Test("credentials: JSON to a new 0600 file, attributes passed to Rill, the token never on stderr")
    func credentials() async throws {
        try await GuardHarness.run { harness in
            try await Self.setUp(harness)
            let result = try await harness.rillform([
                "credentials", "--org", "acme", "--project", "sales", "--attributes", #"{"team":"emea"}"#,
                "--output", "creds.json",
            ])
            #expect(result.exitCode == 0, "\(result.combined)")
            let path = harness.directory.appendingPathComponent("creds.json").path
            let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
            #expect(mode == 0o600)
            let object = try #require(try JSONSerialization.jsonObject(with: Data(try harness.read("creds.json").utf8))
                as? [String: Any])
            let token = try #require(object["access_token"] as? String)
            #expect(!token.isEmpty)
            #expect(!result.combined.contains(token))
            // An existing file is never overwritten.
            let again = try await harness.rillform(
                ["credentials", "--org", "acme", "--project", "sales", "--output", "creds.json"])
            #expect(again.exitCode == 1, "\(again.combined)")
            #expect(try harness.read("creds.json").contains(token))
        }
    }
}
