import Foundation
import RillformAPI
import RillformModel
import RillformTestSupport
import Testing

/// People seen from the other side, end to end: `drift` warns about declared people who never signed up (RF404)
/// and reports a member's role changed outside the manifest; a saved plan of people changes that went stale is
/// refused (exit 4) naming the member.
@Suite("People end to end: drift and stale saved plans")
struct PeopleDriftCLITests {
    static func manifest(boRole: String = "viewer", newhire: Bool = false) -> String {
        """
        apiVersion: rillform/v1
        orgs:
          - name: acme
            members:
              - email: admin@rillform.local
                org_role: admin
              - email: bo@acme.com
                org_role: \(boRole)
        \(newhire ? "      - email: newhire@acme.com\n        org_role: viewer\n" : "")
        """
    }

    /// bo has an account; the manifest is applied as the bootstrap admin.
    static func setUp(_ harness: GuardHarness, newhire: Bool = false) async throws {
        _ = try await harness.emulator.createUser(email: "bo@acme.com")
        try harness.write("people.yaml", manifest(newhire: newhire))
        let setup = try await harness.rillform(["apply", "-f", "people.yaml", "--auto-approve"])
        try #require(setup.exitCode == 0, "\(setup.combined)")
    }

    @Test("drift: a declared person still a pending invite is reported as RF404, located at the declaration")
    func pendingInviteIsReported() async throws {
        try await GuardHarness.run { harness in
            try await Self.setUp(harness, newhire: true)
            let people = try await harness.client().reader.orgPeople(org: "acme")
            try #require(people["newhire@acme.com"]?.isPendingInvite == true, "\(people)")

            let drift = try await harness.rillform(["drift", "-f", "people.yaml"])
            // An unaccepted invite alone is drift: a nightly drift job keeps its issue open.
            #expect(drift.exitCode == 2, "\(drift.combined)")
            #expect(!drift.stdout.contains("No drift."), "\(drift.combined)")
            #expect(drift.combined.contains("member.acme/newhire@acme.com: newhire@acme.com is still a pending invite "
                + "to org acme: they never signed up [RF404]"), "\(drift.combined)")
            #expect(drift.combined.contains("people.yaml:9:16: warning: "), "located at the declaration:\n\(drift.combined)")
            #expect(!drift.combined.contains("bo@acme.com is still a pending invite"), "\(drift.combined)")

            // Once they sign up, the warning goes away.
            _ = try await harness.emulator.signUpUser(email: "newhire@acme.com")
            let signedUp = try await harness.rillform(["drift", "-f", "people.yaml"])
            #expect(signedUp.exitCode == 0, "\(signedUp.combined)")
            #expect(!signedUp.combined.contains("[RF404]"), "\(signedUp.combined)")
        }
    }

    @Test("drift: a member's role changed outside the manifest is that field, live -> manifest (exit 2)")
    func roleChangedOutOfBand() async throws {
        try await GuardHarness.run { harness in
            try await Self.setUp(harness)
            let clean = try await harness.rillform(["drift", "-f", "people.yaml"])
            #expect(clean.exitCode == 0, "\(clean.combined)")

            try await harness.client().writer.setOrgMemberRole(org: "acme", email: "bo@acme.com", role: .editor)
            let text = try await harness.rillform(["drift", "-f", "people.yaml"])
            #expect(text.exitCode == 2, "\(text.combined)")
            #expect(text.stdout.contains("# member.acme/bo@acme.com has changed outside of rillform"), "\(text.stdout)")
            #expect(text.stdout.contains(#"~ org_role = "editor" -> "viewer""#), "\(text.stdout)")
            #expect(text.stdout.hasSuffix("Drift: 1 resource drifted, 0 unmanaged.\n"), "\(text.stdout)")

            let json = try await harness.rillform(["drift", "-f", "people.yaml", "--format", "json"])
            #expect(json.exitCode == 2, "\(json.combined)")
            let document = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
            let drift = try #require(document["resource_drift"] as? [[String: Any]])
            #expect(drift.compactMap { $0["address"] as? String } == ["member.acme/bo@acme.com"])
            let fields = try #require(drift.first?["fields"] as? [[String: Any]])
            #expect(fields.compactMap { $0["field"] as? String } == ["org_role"])
            #expect(fields.first?["live"] as? String == "editor")
            #expect(fields.first?["desired"] as? String == "viewer")
        }
    }

    @Test("a saved plan of people changes that went stale is refused with exit 4 naming the member; nothing written")
    func stalePeoplePlan() async throws {
        try await GuardHarness.run { harness in
            try await Self.setUp(harness)
            try harness.write("promote.yaml", Self.manifest(boRole: "editor"))
            let plan = try await harness.rillform(["plan", "-f", "promote.yaml", "--out", "plan.json"])
            try #require(plan.exitCode == 0, "\(plan.combined)")
            #expect(plan.stdout.contains("member.acme/bo@acme.com"), "\(plan.stdout)")

            // Someone makes bo an admin through the API before the saved plan is applied.
            try await harness.client().writer.setOrgMemberRole(org: "acme", email: "bo@acme.com", role: .admin)
            await harness.emulator.resetAccessLog()
            let apply = try await harness.rillform(["apply", "plan.json"])
            #expect(apply.exitCode == 4, "\(apply.combined)")
            #expect(apply.stderr.contains("the saved plan is stale: 1 resource(s) changed"), "\(apply.stderr)")
            #expect(apply.stderr.contains("member.acme/bo@acme.com"), "\(apply.stderr)")
            #expect(await harness.writes().isEmpty)
            let people = try await harness.client().reader.orgPeople(org: "acme")
            #expect(people["bo@acme.com"]?.orgRole == .admin)

            // Control: an unrelated saved plan of the same change, with nothing moved since, applies.
            try await harness.client().writer.setOrgMemberRole(org: "acme", email: "bo@acme.com", role: .viewer)
            let fresh = try await harness.rillform(["plan", "-f", "promote.yaml", "--out", "fresh.json"])
            try #require(fresh.exitCode == 0, "\(fresh.combined)")
            let applied = try await harness.rillform(["apply", "fresh.json"])
            #expect(applied.exitCode == 0, "\(applied.combined)")
            #expect(try await harness.client().reader.orgPeople(org: "acme")["bo@acme.com"]?.orgRole == .editor)
        }
    }
}
