import Foundation
import RillformEmulator
import RillformTestSupport
import Testing

/// Issue 14's "done": an org with 50 members, 8 usergroups and 20 projects round-trips through the built binary
/// against the emulator: apply, export, plan the export (no changes), edit, apply, plan (no changes).
@Suite("people, end to end", .timeLimit(.minutes(10)))
struct PeopleRoundTripTests {
    static let org = "acme"
    static let projectNames = (1...20).map { String(format: "p%02d", $0) }
    static let emails = (1...50).map { String(format: "user%02d@acme.com", $0) }
    static let groupNames = ["admins", "analysts", "engineers", "finance", "marketing", "ops", "sales", "support"]

    /// The manifest: `edited` moves people between groups, changes roles and attributes, renames a group,
    /// drops a group's project role and adds a project member.
    static func manifest(edited: Bool, domain: Bool) -> String {
        var lines = ["apiVersion: rillform/v1", "orgs:", "  - name: \(org)", "    projects:"]
        for project in projectNames { lines.append("      - name: \(project)") }
        // Project members: the contractor on one project, restricted to one explore.
        let contractor = """
                    members:
                      - email: sam@agency.io
                        role: viewer
                        restrict_resources: true
                        resources: [explore/pipeline]
            """
        if let index = lines.firstIndex(of: "      - name: p01") { lines.insert(contractor, at: index + 1) }
        if edited, let index = lines.firstIndex(of: "      - name: p02") {
            lines.insert("        members:\n          - {email: user07@acme.com, role: editor}", at: index + 1)
        }
        if domain, let index = lines.firstIndex(of: "      - name: p03") {
            lines.insert("        allowed_domains:\n          - {domain: acme.com, role: viewer}", at: index + 1)
        }
        lines.append("    members:")
        lines.append("      - {email: admin@rillform.local, org_role: admin}")
        lines.append("      - {email: sam@agency.io, org_role: guest}")
        lines.append("      - {email: newhire@acme.com, org_role: viewer}   # no account yet: an invite")
        for (index, email) in emails.enumerated() {
            let role = index < 3 ? "admin" : (index % 4 == 0 ? "editor" : "viewer")
            let edit = edited && index == 10 ? "editor" : role
            var line = "      - {email: \(email), org_role: \(edit)"
            if index % 5 == 0 { line += ", attributes: {team: t\(edited && index == 0 ? 9 : index % 3)}" }
            lines.append(line + "}")
        }
        lines.append("    usergroups:")
        for (index, group) in groupNames.enumerated() {
            let name = edited && group == "support" ? "helpdesk" : group
            lines.append("      - name: \(name)")
            if edited && group == "support" { lines.append("        previously: [support]") }
            lines.append("        description: The \(group) team")
            // Six members each, overlapping; the edit moves user12 from group 1 to group 2.
            var members = (0..<6).map { emails[(index * 6 + $0) % emails.count] }
            if edited, index == 1 { members.removeAll { $0 == "user12@acme.com" } }
            if edited, index == 2 { members.append("user12@acme.com") }
            lines.append("        members: [\(members.joined(separator: ", "))]")
            var roles = [projectNames[index * 2]: "viewer", projectNames[index * 2 + 1]: "editor"]
            if edited, index == 3 { roles[projectNames[7]] = nil }
            let sorted = roles.keys.sorted().map { "\($0): \(roles[$0] ?? "")" }
            lines.append("        project_roles: {\(sorted.joined(separator: ", "))}")
        }
        lines.append("      - name: autogroup:members")
        lines.append("        project_roles: {p20: viewer}")
        if domain {
            lines.append("    allowed_domains:")
            lines.append("      - {domain: acme.com, org_role: viewer}")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    @Test("50 members, 8 groups, 20 projects: apply, export, plan (no changes), edit, apply, plan (no changes)")
    func roundTrip() async throws {
        try await withEmulator { emulator in
            try await withTemporaryDirectory { directory in
                let admin = try #require(emulator.adminToken)
                var tokens: [String: String] = [:]
                for email in Self.emails { tokens[email] = try await emulator.signUpUser(email: email) }
                _ = try await emulator.signUpUser(email: "sam@agency.io")
                func rillform(_ arguments: [String], token: String) async throws -> CLIProcess.Result {
                    try await CLIProcess.run(arguments, in: directory, environment: [
                        "RILL_API_TOKEN": token, "RILL_API_URL": emulator.baseURL.absoluteString,
                    ], timeout: 300)
                }
                func write(_ name: String, _ text: String) throws {
                    try text.write(to: directory.appendingPathComponent(name), atomically: true, encoding: .utf8)
                }

                // 1. Build the org from nothing with the bootstrap admin's token (no domains: Rill adds a domain
                // only for a user whose email is at it).
                try write("people.yaml", Self.manifest(edited: false, domain: false))
                let first = try await rillform(["apply", "-f", "people.yaml", "--auto-approve"], token: admin)
                try #require(first.exitCode == 0, "\(first.combined)")
                #expect(first.stdout.contains("invited (no Rill account yet)"), "\(first.stdout)")
                // Converged: what Rill does on its own when an org or project is created (the creator's
                // memberships, the managed groups' default roles) was in the plan.
                let again = try await rillform(["plan", "-f", "people.yaml", "--detailed-exitcode"], token: admin)
                #expect(again.exitCode == 0, "\(again.combined)")

                // 2. The domains need a user at acme.com: user01 is an org admin now.
                try write("people.yaml", Self.manifest(edited: false, domain: true))
                let owner = try #require(tokens["user01@acme.com"])
                let domains = try await rillform(["apply", "-f", "people.yaml", "--auto-approve"], token: owner)
                try #require(domains.exitCode == 0, "\(domains.combined)")
                let settled = try await rillform(["plan", "-f", "people.yaml", "--detailed-exitcode"], token: admin)
                #expect(settled.exitCode == 0, "\(settled.combined)")

                // 3. Export and plan the export: no changes.
                let export = try await rillform(["export", "--org", Self.org, "--output", "export.yaml"], token: admin)
                try #require(export.exitCode == 0, "\(export.combined)")
                let exported = try String(contentsOf: directory.appendingPathComponent("export.yaml"), encoding: .utf8)
                for email in Self.emails { #expect(exported.contains(email), "\(email) missing from the export") }
                for group in Self.groupNames { #expect(exported.contains("name: \(group)"), "\(group) not exported") }
                #expect(exported.contains("newhire@acme.com"), "the pending invite is exported")
                #expect(exported.contains("domain: acme.com"))
                let planExport = try await rillform(["plan", "-f", "export.yaml", "--detailed-exitcode"], token: admin)
                #expect(planExport.exitCode == 0, "\(planExport.combined)\n--- export:\n\(exported)")

                // 4. Edit, apply, plan: no changes.
                try write("people.yaml", Self.manifest(edited: true, domain: true))
                let planEdit = try await rillform(["plan", "-f", "people.yaml", "--detailed-exitcode"], token: admin)
                #expect(planEdit.exitCode == 2, "\(planEdit.combined)")
                for expected in ["usergroup.acme/helpdesk", "usergroup_member.acme/analysts/user12@acme.com",
                                 "usergroup_member.acme/engineers/user12@acme.com",
                                 "usergroup_project_role.acme/finance/p08", "project_member.acme/p02/user07@acme.com",
                                 "member.acme/user11@acme.com", "member.acme/user01@acme.com"]
                {
                    #expect(planEdit.stdout.contains(expected), "\(expected) missing from the plan:\n\(planEdit.stdout)")
                }
                let applyEdit = try await rillform(["apply", "-f", "people.yaml", "--auto-approve"], token: admin)
                #expect(applyEdit.exitCode == 0, "\(applyEdit.combined)")
                let final = try await rillform(["plan", "-f", "people.yaml", "--detailed-exitcode"], token: admin)
                #expect(final.exitCode == 0, "\(final.combined)")
                #expect(final.stdout.contains("No changes."))
            }
        }
    }
}
