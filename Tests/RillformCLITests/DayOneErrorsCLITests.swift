import Foundation
import RillformTestSupport
import Testing

/// Issue 12, items 1–5: errors go where users look (stderr, located), validate catches what needs no live state,
/// every finding is reported with the documented exit status, connection failures name the URL and the cause,
/// and no raw Foundation or decoder error reaches the user. The built binary against the emulator.
@Suite("Day one: errors where users look")
struct DayOneErrorsCLITests {
    static func manifest(projects: [String], policy: String = "", roles: String? = nil) -> String {
        var text = """
            apiVersion: rillform/v1
            \(policy)
            orgs:
              - name: acme
                projects:
            \(projects.map { "      - name: \($0)\n        deployments: []" }.joined(separator: "\n"))

            """
        if let roles {
            text += """
                    services:
                      - name: reporting
                        project_roles: {\(roles)}

                """
        }
        return text
    }

    /// No Foundation or decoder internals in anything a user sees.
    static func expectNothingRaw(_ result: CLIProcess.Result, sourceLocation: SourceLocation = #_sourceLocation) {
        for raw in ["NSCocoaErrorDomain", "Error Domain=", "DecodingError", "CodingKeys", "currentIdentity",
                    "NSUnderlyingError"] {
            #expect(!result.combined.contains(raw), "\(raw) in: \(result.combined)", sourceLocation: sourceLocation)
        }
    }

    @Test("a planner error goes to stderr with file:line:col, and the summary counts the files (item 1)")
    func plannerErrorOnStderr() async throws {
        try await GuardHarness.run { harness in
            try harness.write("org.yaml", Self.manifest(projects: ["sales"]))
            // `warehouse` is far from every declared name: a warning offline, an error once the plan sees it
            // does not exist live either.
            try harness.write("services.yaml", """
                apiVersion: rillform/v1
                orgs:
                  - name: acme
                    services:
                      - name: reporting
                        project_roles: {warehouse: viewer}

                """)
            let plan = try await harness.rillform(["plan", "-f", "org.yaml", "services.yaml", "--format", "markdown"])
            #expect(plan.exitCode == 1, "\(plan.combined)")
            #expect(plan.stderr.contains("(2 files)"), "\(plan.stderr)")
            #expect(!plan.stderr.contains("0 files"), "\(plan.stderr)")
            #expect(plan.stderr.contains("Error: the plan has 1 error; nothing was changed:"), "\(plan.stderr)")
            #expect(plan.stderr.contains("services.yaml:6:36: error: service_project_role.acme/reporting/warehouse")
                        || plan.stderr.contains("services.yaml:6:"), "\(plan.stderr)")
            #expect(plan.stderr.contains("[RF302]"), "\(plan.stderr)")
            Self.expectNothingRaw(plan)
        }
    }

    @Test("validate rejects a role on a project's previous name and a typo'd project name (item 2)")
    func validateCatchesWhatPlanWould() async throws {
        try await withTemporaryDirectory { directory in
            let manifest = """
                apiVersion: rillform/v1
                orgs:
                  - name: acme
                    projects:
                      - name: beta
                        previously: [alpha]
                      - name: marketing
                    services:
                      - name: reporting
                        project_roles: {alpha: viewer, markting: editor}

                """
            try manifest.write(to: directory.appendingPathComponent("m.yaml"), atomically: true, encoding: .utf8)
            let validate = try await CLIProcess.run(["validate", "-f", "m.yaml"], in: directory)
            #expect(validate.exitCode == 1, "\(validate.combined)")
            #expect(validate.stdout.contains(
                "m.yaml:10:32: error: service 'reporting' has a role on project 'alpha', which is being renamed to "
                    + "'beta'; use the new name [RF162]"), "\(validate.stdout)")
            #expect(validate.stdout.contains("did you mean 'marketing'? [RF163]"), "\(validate.stdout)")
            // plan stops at the same place, before any API call (nothing listens on port 1).
            let plan = try await CLIProcess.run(["plan", "-f", "m.yaml", "--api-url", "http://127.0.0.1:1"],
                                                in: directory, environment: ["RILL_API_TOKEN": "rill_usr_unused"])
            #expect(plan.exitCode == 1, "\(plan.combined)")
            #expect(plan.stderr.contains("[RF162]") && plan.stderr.contains("[RF163]"), "\(plan.stderr)")
            #expect(!plan.stderr.contains("127.0.0.1"), "the API must not be contacted: \(plan.stderr)")
        }
    }

    @Test("a guard refusal next to a planner error reports both and exits 3 (item 3)")
    func guardAndPlannerErrorTogether() async throws {
        try await GuardHarness.run { harness in
            let policy = "policy:\n  protect:\n    - project.acme/sales"
            try harness.write("all.yaml", Self.manifest(projects: ["sales", "people"], policy: policy))
            let setup = try await harness.rillform(["apply", "-f", "all.yaml", "--auto-approve"])
            try #require(setup.exitCode == 0, "\(setup.combined)")

            try harness.write("less.yaml", Self.manifest(projects: ["people"], policy: policy,
                                                         roles: "people: viewer, warehouse: viewer"))
            for command in [["plan"], ["apply", "--auto-approve"]] {
                let run = try await harness.rillform(command + ["-f", "less.yaml", "--prune"])
                #expect(run.exitCode == 3, "\(command): \(run.combined)")
                #expect(run.stderr.contains(
                    "Error: refused by a safety guard, and the plan has 1 other error; nothing was changed:"),
                        "\(run.stderr)")
                #expect(run.stderr.contains("[RF320]"), "\(run.stderr)")
                #expect(run.stderr.contains("warehouse' is neither declared nor live [RF302]"), "\(run.stderr)")
            }
            #expect(try await harness.client().reader.getProject(org: "acme", project: "sales") != nil)
        }
    }

    @Test("a refused connection fails with the URL and the cause, without operation names (item 4)")
    func unreachableAPI() async throws {
        try await withTemporaryDirectory { directory in
            try Self.manifest(projects: ["sales"]).write(to: directory.appendingPathComponent("m.yaml"),
                                                         atomically: true, encoding: .utf8)
            for command in [["plan", "-f", "m.yaml"], ["export", "--org", "acme"]] {
                let run = try await CLIProcess.run(command + ["--api-url", "http://127.0.0.1:1"], in: directory,
                                                   environment: ["RILL_API_TOKEN": "rill_usr_whatever"])
                #expect(run.exitCode == 1, "\(run.combined)")
                #expect(run.stderr.contains("cannot reach the Rill admin API at http://127.0.0.1:1: connection refused"),
                        "\(run.stderr)")
                #expect(!run.stderr.contains("attempts"), "a refused connection is not retried: \(run.stderr)")
                Self.expectNothingRaw(run)
            }
        }
    }

    @Test("a wrong token says 401, which URL, and where the token came from (item 4)")
    func wrongToken() async throws {
        try await GuardHarness.run { harness in
            try harness.write("m.yaml", Self.manifest(projects: ["sales"]))
            let url = harness.emulator.baseURL.absoluteString
            let fromEnvironment = try await harness.rillform(["plan", "-f", "m.yaml"], token: "rill_usr_not_a_real_token")
            #expect(fromEnvironment.exitCode == 1, "\(fromEnvironment.combined)")
            #expect(fromEnvironment.stderr.contains("401 Unauthorized"), "\(fromEnvironment.stderr)")
            #expect(fromEnvironment.stderr.contains(url), "\(fromEnvironment.stderr)")
            #expect(fromEnvironment.stderr.contains("token from RILL_API_TOKEN"), "\(fromEnvironment.stderr)")
            Self.expectNothingRaw(fromEnvironment)

            let tokenFile = try harness.write("token.txt", "rill_usr_not_a_real_token\n")
            let fromFile = try await CLIProcess.run(
                ["drift", "-f", "m.yaml", "--api-url", url, "--api-token-file", tokenFile], in: harness.directory)
            #expect(fromFile.exitCode == 1, "\(fromFile.combined)")
            #expect(fromFile.stderr.contains("401 Unauthorized"), "\(fromFile.stderr)")
            #expect(fromFile.stderr.contains("token from --api-token-file \(tokenFile)"), "\(fromFile.stderr)")
            #expect(!fromFile.combined.contains("rill_usr_not_a_real_token"), "never the token: \(fromFile.combined)")
            Self.expectNothingRaw(fromFile)
        }
    }

    @Test("every output refuses a missing folder before any API call, and says to create it (item 5)")
    func outputsIntoMissingFolders() async throws {
        try await GuardHarness.run { harness in
            try harness.write("m.yaml", Self.manifest(projects: ["sales"]))
            await harness.emulator.resetAccessLog()
            let cases: [(arguments: [String], what: String)] = [
                (["plan", "-f", "m.yaml", "--out", "missing/plan.json"], "the plan"),
                (["drift", "-f", "m.yaml", "--output", "missing/drift.txt"], "the drift report"),
                (["graph", "-f", "m.yaml", "--output", "missing/graph.mmd"], "the graph"),
                (["export", "--org", "acme", "--output", "missing/acme.yaml"], "the manifest"),
                (["export", "--org", "acme", "--output", "missing/"], "the manifests"),
                (["apply", "-f", "m.yaml", "--auto-approve", "--token-sink", "missing/tokens.jsonl"], "the token sink"),
                (["credentials", "--org", "acme", "--project", "sales", "--output", "missing/creds.json"],
                 "the credentials"),
            ]
            for (arguments, what) in cases {
                let run = try await harness.rillform(arguments)
                #expect(run.exitCode == 1, "\(arguments): \(run.combined)")
                #expect(run.stderr.contains("Error: cannot write \(what) to missing/"), "\(arguments): \(run.stderr)")
                #expect(run.stderr.contains("the folder missing does not exist; create it first (mkdir -p missing)"),
                        "\(arguments): \(run.stderr)")
                Self.expectNothingRaw(run)
            }
            #expect(!FileManager.default.fileExists(atPath: harness.directory.appendingPathComponent("missing").path),
                    "no output creates a folder")
            #expect(await harness.emulator.accessLog().isEmpty, "refused before any API call")
        }
    }

    @Test("a bad plan file says which file, what is wrong and what to do (item 5)")
    func badPlanFile() async throws {
        try await GuardHarness.run { harness in
            try harness.write("plan.json", #"{"format_version": "1.0"}"#)
            let missingKey = try await harness.rillform(["apply", "plan.json"])
            #expect(missingKey.exitCode == 1, "\(missingKey.combined)")
            #expect(missingKey.stderr.contains("Error: plan.json is not a usable rillform plan: the key '"),
                    "\(missingKey.stderr)")
            #expect(missingKey.stderr.contains("is missing at the top level"), "\(missingKey.stderr)")
            #expect(missingKey.stderr.contains("rillform plan -f PATH… --out plan.json"), "\(missingKey.stderr)")
            Self.expectNothingRaw(missingKey)

            try harness.write("garbage.json", "not json")
            let garbage = try await harness.rillform(["apply", "garbage.json"])
            #expect(garbage.exitCode == 1, "\(garbage.combined)")
            #expect(garbage.stderr.contains("garbage.json is not a usable rillform plan: it is not valid JSON"),
                    "\(garbage.stderr)")
            Self.expectNothingRaw(garbage)

            let absent = try await harness.rillform(["apply", "absent.json"])
            #expect(absent.exitCode == 1)
            #expect(absent.stderr.contains("the saved plan absent.json does not exist"), "\(absent.stderr)")
        }
    }
}
