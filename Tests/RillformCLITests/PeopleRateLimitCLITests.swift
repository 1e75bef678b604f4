import Foundation
import RillformTestSupport
import Testing

/// Adding many people is one method called many times (`AddOrganizationMemberUser`), the shape Rill's per-method
/// rate limit (GCRA, burst 180) hits first. With the emulator's limiter on, the client's per-method pacing keeps an
/// apply of 250 members free of 429s.
///
/// Rill's real rate (3/s after the burst) would make the 70 calls beyond the burst take over 20 s, so the rate is
/// scaled up 10× (as the bench's `--limit-scale` does) on both the server and the client. The burst stays Rill's
/// 180, unlike the bench's scaling: scaled with the rate, 250 calls would fit in one burst and pacing would never
/// be exercised.
@Suite("People end to end: Rill's rate limits")
struct PeopleRateLimitCLITests {
    static let scale = 10
    static let perMinute = 180 * scale
    static let burst = 180

    static func email(_ index: Int) -> String { String(format: "person%03d@acme.com", index) }

    static func manifest(org: String, people: Int) -> String {
        var lines = ["apiVersion: rillform/v1", "orgs:", "  - name: \(org)", "    members:",
                     "      - {email: admin@rillform.local, org_role: admin}"]
        for index in 1...people { lines.append("      - {email: \(email(index)), org_role: viewer}") }
        return lines.joined(separator: "\n") + "\n"
    }

    @Test("apply adding 250 members under Rill's limits (rate ×10, burst 180): zero 429s; without pacing, 429s")
    func pacedMemberAdds() async throws {
        try await withEmulator({ options in
            options.rateLimitEnabled = true
            options.rateLimitPerMinute = Self.perMinute
            options.rateLimitBurst = Self.burst
        }) { emulator in
            try await withTemporaryDirectory { directory in
                let harness = GuardHarness(emulator: emulator, directory: directory,
                                           adminToken: try #require(emulator.adminToken))
                let limits = ["--rate-limit-per-minute", "\(Self.perMinute)", "--rate-limit-burst", "\(Self.burst)"]
                try harness.write("base.yaml", "apiVersion: rillform/v1\norgs:\n  - name: acme\n  - name: beta\n")
                let setup = try await harness.rillform(["apply", "-f", "base.yaml", "--auto-approve"] + limits)
                try #require(setup.exitCode == 0, "\(setup.combined)")

                // Accounts first: Rill allows at most 200 outstanding invitations per org.
                for index in 1...250 { _ = try await emulator.createUser(email: Self.email(index)) }
                try harness.write("people.yaml", Self.manifest(org: "acme", people: 250))
                await emulator.resetAccessLog()
                let apply = try await harness.rillform(["apply", "-f", "people.yaml", "--auto-approve"] + limits)
                #expect(apply.exitCode == 0, "\(apply.combined)")
                let log = await emulator.accessLog()
                let adds = log.filter { $0.method == "POST" && $0.path == "/v1/orgs/acme/members" }
                #expect(adds.count == 250, "\(adds.count) member adds served")
                #expect(log.filter { $0.status == 429 }.count == 0,
                        "\(log.filter { $0.status == 429 }.map { "\($0.method) \($0.path)" })")
                let people = try await harness.client().reader.orgPeople(org: "acme")
                #expect(people.count == 251, "\(people.count) people")

                // Control: the limiter really bites at this size; the same adds to another org without pacing
                // are answered with 429s.
                try harness.write("beta.yaml", Self.manifest(org: "beta", people: 250))
                await emulator.resetAccessLog()
                let unpaced = try await harness.rillform(["apply", "-f", "beta.yaml", "--auto-approve", "--no-pacing"]
                    + limits)
                #expect(await emulator.accessLog().contains { $0.status == 429 }, "\(unpaced.combined)")
            }
        }
    }
}
