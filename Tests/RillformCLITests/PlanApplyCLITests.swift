import Foundation
import RillformAPI
import RillformEmulator
import RillformModel
import RillformTestSupport
import Testing

/// `plan` and `apply` as users run them: the real binary, against a real emulator on loopback,
/// token in the environment, no TTY.
@Suite("plan and apply, end to end")
struct PlanApplyCLITests {
    static let quickstart = CLIProcess.repositoryRoot.appendingPathComponent("Examples/quickstart").path

    /// Runs `body` with an emulator, a scratch working directory and the environment the CLI needs.
    func withSetup(_ body: (RunningEmulator, URL, [String: String]) async throws -> Void) async throws {
        try await withEmulator { emulator in
            try await withTemporaryDirectory { directory in
                let token = try #require(emulator.adminToken)
                let environment = ["RILL_API_TOKEN": token, "RILL_API_URL": emulator.baseURL.absoluteString]
                try await body(emulator, directory, environment)
            }
        }
    }

    func client(_ emulator: RunningEmulator) throws -> RillAdminClient {
        let token = try APIToken(try #require(emulator.adminToken))
        var options = RillAdminClient.Options()
        options.maxRequestsPerSecond = nil
        options.pacing = nil
        return try RillAdminClient(baseURL: emulator.baseURL.absoluteString, token: token, options: options)
    }

    @Test("apply creates everything; a second plan reports no changes (exit 0 with --detailed-exitcode)")
    func applyThenPlanConverges() async throws {
        try await withSetup { emulator, directory, environment in
            let apply = try await CLIProcess.run(
                ["apply", "-f", Self.quickstart, "--auto-approve", "--token-sink", "tokens.jsonl"],
                in: directory, environment: environment)
            #expect(apply.exitCode == 0, "\(apply.combined)")
            #expect(apply.stdout.contains("Apply complete! Resources: 12 added, 0 changed, 0 destroyed."))

            let plan = try await CLIProcess.run(
                ["plan", "-f", Self.quickstart, "--detailed-exitcode", "--token-sink", "tokens.jsonl"],
                in: directory, environment: environment)
            #expect(plan.exitCode == 0, "\(plan.combined)")
            #expect(plan.stdout.contains("No changes. Your infrastructure matches the configuration."))

            let live = try await client(emulator).reader.listProjects(org: "acme").map(\.name).sorted()
            #expect(live == ["finance", "marketing", "sales"])
        }
    }

    @Test("a project role the service create already granted costs no second call, and exists live")
    func initialProjectRoleIsNotRepeated() async throws {
        try await withSetup { emulator, directory, environment in
            await emulator.resetAccessLog()
            let apply = try await CLIProcess.run(
                ["apply", "-f", Self.quickstart, "--auto-approve", "--token-sink", "tokens.jsonl"],
                in: directory, environment: environment)
            #expect(apply.exitCode == 0, "\(apply.combined)")
            #expect(apply.stdout.contains("service_project_role.acme/ci-deployer/finance: Creation complete"))
            let roleCalls = await emulator.accessLog().filter {
                $0.method == "PUT" && $0.path == "/v1/orgs/acme/projects/finance/services/ci-deployer/role"
            }
            #expect(roleCalls.isEmpty)
            let members = try await client(emulator).reader.listProjectServices(org: "acme", project: "finance")
            #expect(members.map(\.serviceName) == ["ci-deployer"])
            #expect(members.first?.projectRole == .editor)
        }
    }

    @Test("a change made outside rillform shows up in the plan as exactly that change, and apply reverts it")
    func outOfBandChangeIsPlanned() async throws {
        try await withSetup { emulator, directory, environment in
            let sink = ["--token-sink", "tokens.jsonl"]
            let apply = try await CLIProcess.run(["apply", "-f", Self.quickstart, "--auto-approve"] + sink,
                                                 in: directory, environment: environment)
            try #require(apply.exitCode == 0, "\(apply.combined)")

            let writer = try client(emulator).writer
            _ = try await writer.updateProject(org: "acme", project: "sales",
                                               changes: .init(values: [.description: .string("edited by hand")]))
            _ = try await writer.updateService(org: "acme", name: "reporting", attributes: ["team": .string("ops")])

            let plan = try await CLIProcess.run(["plan", "-f", Self.quickstart, "--detailed-exitcode"] + sink,
                                                in: directory, environment: environment)
            #expect(plan.exitCode == 2, "\(plan.combined)")
            #expect(plan.stdout.contains("# project.acme/sales will be updated in-place"))
            #expect(plan.stdout.contains(#"~ description = "edited by hand" -> "Sales pipeline dashboards""#))
            #expect(plan.stdout.contains("# service.acme/reporting will be updated in-place"))
            #expect(plan.stdout.contains("Plan: 0 to add, 2 to change, 0 to destroy."))

            let fix = try await CLIProcess.run(["apply", "-f", Self.quickstart, "--auto-approve"] + sink,
                                               in: directory, environment: environment)
            #expect(fix.exitCode == 0, "\(fix.combined)")
            #expect(fix.stdout.contains("Apply complete! Resources: 0 added, 2 changed, 0 destroyed."))
            let project = try await client(emulator).reader.getProject(org: "acme", project: "sales")
            #expect(project?.project.description == "Sales pipeline dashboards")
        }
    }

    @Test("a saved plan is applied exactly, without asking")
    func savedPlanApplies() async throws {
        try await withSetup { _, directory, environment in
            let plan = try await CLIProcess.run(
                ["plan", "-f", Self.quickstart, "--out", "plan.json", "--detailed-exitcode"],
                in: directory, environment: environment)
            #expect(plan.exitCode == 2, "\(plan.combined)")
            let saved = try String(contentsOf: directory.appendingPathComponent("plan.json"), encoding: .utf8)
            #expect(saved.contains("\"format_version\""))

            let apply = try await CLIProcess.run(["apply", "plan.json", "--token-sink", "tokens.jsonl"],
                                                 in: directory, environment: environment)
            #expect(apply.exitCode == 0, "\(apply.combined)")
            #expect(apply.stdout.contains("Apply complete! Resources: 12 added"))
        }
    }

    @Test("an invalid manifest fails with exit 1 and file:line:col before any API call")
    func invalidManifestMakesNoCalls() async throws {
        try await withSetup { emulator, directory, environment in
            let manifest = directory.appendingPathComponent("bad.yaml")
            try """
                apiVersion: rillform/v1
                orgs:
                  - name: acme
                    projects:
                      - name: sales
                        prod_slots: -1
                """.write(to: manifest, atomically: true, encoding: .utf8)
            await emulator.resetAccessLog()
            let plan = try await CLIProcess.run(["plan", "-f", manifest.path], in: directory, environment: environment)
            #expect(plan.exitCode == 1)
            #expect(plan.stderr.contains("bad.yaml:6:"), "\(plan.combined)")
            #expect(await emulator.accessLog().isEmpty)
        }
    }

    @Test("without a TTY, apply refuses to proceed unless --auto-approve, and changes nothing")
    func applyWithoutTTYNeedsAutoApprove() async throws {
        try await withSetup { emulator, directory, environment in
            await emulator.resetAccessLog()
            let apply = try await CLIProcess.run(["apply", "-f", Self.quickstart, "--token-sink", "t.jsonl"],
                                                 in: directory, environment: environment)
            #expect(apply.exitCode == 1)
            #expect(apply.stderr.contains("--auto-approve"), "\(apply.combined)")
            #expect(await emulator.accessLog().allSatisfy { $0.method == "GET" })
        }
    }

    @Test("apply refuses up front to issue tokens without a token sink, and changes nothing")
    func tokenIssueNeedsSink() async throws {
        try await withSetup { emulator, directory, environment in
            await emulator.resetAccessLog()
            let apply = try await CLIProcess.run(["apply", "-f", Self.quickstart, "--auto-approve"],
                                                 in: directory, environment: environment)
            #expect(apply.exitCode == 1)
            #expect(apply.stderr.contains("--token-sink"), "\(apply.combined)")
            #expect(await emulator.accessLog().allSatisfy { $0.method == "GET" })
        }
    }

    @Test("issued token secrets reach only the 0600 sink, never the output")
    func tokensOnlyInSink() async throws {
        try await withSetup { emulator, directory, environment in
            let apply = try await CLIProcess.run(
                ["apply", "-f", Self.quickstart, "--auto-approve", "--token-sink", "tokens.jsonl"],
                in: directory, environment: environment)
            #expect(apply.exitCode == 0, "\(apply.combined)")
            let sinkPath = directory.appendingPathComponent("tokens.jsonl").path
            let sink = try String(contentsOfFile: sinkPath, encoding: .utf8)
            let secrets = sink.split(separator: "\n").compactMap { line -> String? in
                guard let data = line.data(using: .utf8),
                      let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { return nil }
                return object["token"] as? String
            }
            #expect(secrets.count == 2)
            for secret in secrets {
                #expect(secret.hasPrefix("rill_svc_"))
                #expect(!apply.combined.contains(secret))
            }
            #expect(!apply.combined.contains(try #require(emulator.adminToken)))
            let mode = try FileManager.default.attributesOfItem(atPath: sinkPath)[.posixPermissions] as? Int
            #expect(mode == 0o600)
        }
    }

    @Test("plan --local and apply --local use the embedded emulator with no set-up")
    func localMode() async throws {
        try await withTemporaryDirectory { directory in
            let apply = try await CLIProcess.run(["apply", "--local", "-f", Self.quickstart, "--auto-approve"],
                                                 in: directory)
            #expect(apply.exitCode == 0, "\(apply.combined)")
            let plan = try await CLIProcess.run(["plan", "--local", "-f", Self.quickstart, "--detailed-exitcode"],
                                                in: directory)
            #expect(plan.exitCode == 0, "\(plan.combined)")
            #expect(plan.stdout.contains("No changes."))
            let mode = try FileManager.default.attributesOfItem(
                atPath: directory.appendingPathComponent(".rillform/local-tokens.jsonl").path)[.posixPermissions] as? Int
            #expect(mode == 0o600)
        }
    }
}
