import Foundation
import RillformTestSupport
import Testing

/// Issue 14's manifest refusals of people (RF164 managed usergroup edits, RF165 people not among the org's members,
/// RF166 public email domains) come from `validate` with `file:line:col`, and stop `plan` before any API call;
/// RF311 (a managed group Rill does not have) needs live state, so it is a plan error.
@Suite("People refusals end to end: validate and plan")
struct PeopleValidationCLITests {
    static let invalid = """
        apiVersion: rillform/v1
        orgs:
          - name: acme
            members:
              - email: admin@rillform.local
                org_role: admin
            usergroups:
              - name: autogroup:members
                description: Everyone
                members: [admin@rillform.local]
              - name: analysts
                members: [stranger@acme.com]
            allowed_domains:
              - domain: gmail.com
                org_role: viewer
            projects:
              - name: sales
                members:
                  - email: contractor@agency.io
                    role: viewer

        """

    @Test("RF164, RF165, RF166: validate exits 1 with file:line:col; plan stops before any API call")
    func manifestRefusals() async throws {
        try await GuardHarness.run { harness in
            try harness.write("people.yaml", Self.invalid)
            let validate = try await CLIProcess.run(["validate", "-f", "people.yaml"], in: harness.directory)
            #expect(validate.exitCode == 1, "\(validate.combined)")
            for expected in [
                "people.yaml:9:9: error: usergroup 'autogroup:members' of org 'acme' is managed by Rill: "
                    + "'description' cannot be set (only 'project_roles') [RF164]",
                "people.yaml:10:9: error: usergroup 'autogroup:members' of org 'acme' is managed by Rill: "
                    + "'members' cannot be set (only 'project_roles') [RF164]",
                "people.yaml:12:19: error: 'stranger@acme.com' is a member of usergroup 'analysts' but not in the "
                    + "'members' of org 'acme'",
                "people.yaml:14:17: error: allowed domain 'gmail.com' is a public email provider",
            ] {
                #expect(validate.stdout.contains(expected), "missing \(expected):\n\(validate.stdout)")
            }
            // The project member not among the org's members, located at the email.
            #expect(validate.stdout.contains("people.yaml:19:20: error: 'contractor@agency.io'"), "\(validate.stdout)")
            #expect(validate.stdout.components(separatedBy: "[RF165]").count - 1 == 2, "\(validate.stdout)")
            #expect(validate.stdout.contains("5 errors"), "\(validate.stdout)")

            await harness.emulator.resetAccessLog()
            let plan = try await harness.rillform(["plan", "-f", "people.yaml"])
            #expect(plan.exitCode == 1, "\(plan.combined)")
            for code in ["[RF164]", "[RF165]", "[RF166]"] { #expect(plan.stderr.contains(code), "\(plan.stderr)") }
            #expect(plan.stderr.contains("people.yaml:14:17"), "\(plan.stderr)")
            #expect(await harness.emulator.accessLog().isEmpty)
        }
    }

    @Test("RF311: a declared autogroup Rill does not have is a plan error (exit 1, located), nothing written")
    func unknownManagedGroup() async throws {
        try await GuardHarness.run { harness in
            try harness.write("base.yaml", "apiVersion: rillform/v1\norgs:\n  - name: acme\n")
            let setup = try await harness.rillform(["apply", "-f", "base.yaml", "--auto-approve"])
            try #require(setup.exitCode == 0, "\(setup.combined)")
            try harness.write("groups.yaml", """
                apiVersion: rillform/v1
                orgs:
                  - name: acme
                    usergroups:
                      - name: autogroup:nonexistent
                        project_roles: {}

                """)
            // Offline it is fine: only live state says which managed groups exist.
            let validate = try await CLIProcess.run(["validate", "-f", "groups.yaml"], in: harness.directory)
            #expect(validate.exitCode == 0, "\(validate.combined)")

            await harness.emulator.resetAccessLog()
            let plan = try await harness.rillform(["plan", "-f", "groups.yaml"])
            #expect(plan.exitCode == 1, "\(plan.combined)")
            #expect(plan.stderr.contains("groups.yaml:5:15"), "\(plan.stderr)")
            #expect(plan.stderr.contains("usergroup.acme/autogroup:nonexistent does not exist: Rill creates and "
                + "manages the autogroup:… groups itself"), "\(plan.stderr)")
            #expect(plan.stderr.contains("[RF311]"), "\(plan.stderr)")
            let apply = try await harness.rillform(["apply", "-f", "groups.yaml", "--auto-approve"])
            #expect(apply.exitCode == 1, "\(apply.combined)")
            #expect(await harness.writes().isEmpty)
        }
    }
}
