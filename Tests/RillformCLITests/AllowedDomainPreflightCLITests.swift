import Foundation
import RillformAPI
import RillformModel
import RillformPlan
import RillformTestSupport
import Testing
@testable import RillformCLI

/// RF333/RF334: Rill adds an allowed domain only for a user token whose own email is at it, so a plan that creates
/// one with another token is refused before any write (exit 3).
@Suite("Preflight: allowed domains need a user at the domain")
struct AllowedDomainPreflightCLITests {
    static func plan(_ changes: [ResourceChange]) -> Plan {
        Plan(plannedAt: Date(timeIntervalSince1970: 0), scope: ["acme"], changes: changes)
    }

    static let orgDomain = ResourceChange(
        address: .allowedDomain("acme", domain: "acme.test"), actions: [.create],
        fieldChanges: [FieldChange(field: "org_role", before: nil, after: .string("viewer"))])
    static let projectDomainReplace = ResourceChange(
        address: .projectAllowedDomain("acme", project: "web", domain: "acme.test"), actions: [.delete, .create],
        fieldChanges: [FieldChange(field: "role", before: .string("viewer"), after: .string("editor"))])
    static let domainDelete = ResourceChange(address: .allowedDomain("acme", domain: "other.test"), actions: [.delete])

    @Test("codes by caller: service token RF333, user elsewhere RF334, user at the domain none; deletes never")
    func codesByCaller() {
        let plan = Self.plan([Self.orgDomain, Self.projectDomainReplace, Self.domainDelete])
        #expect(AllowedDomainPreflight.problems(plan, caller: .service).map(\.code) == ["RF333", "RF333"])
        #expect(AllowedDomainPreflight.problems(plan, caller: .user(id: "u", email: "Ana@Elsewhere.test"))
            .map(\.code) == ["RF334", "RF334"])
        #expect(AllowedDomainPreflight.problems(plan, caller: .user(id: "u", email: "Ana@ACME.test")).isEmpty)
        #expect(AllowedDomainPreflight.problems(Self.plan([Self.domainDelete]), caller: .service).isEmpty)
    }

    @Test("the running user's email is in the lockout identity, lowercase; a service token has none")
    func identityCarriesEmail() {
        let user = Preflight.identity(CallerAccess(caller: .user(id: "u", email: "Ana@Acme.test"), orgs: [:]))
        #expect(user.email == "ana@acme.test")
        #expect(Preflight.identity(CallerAccess(caller: .service, orgs: [:])).email == nil)
    }

    static func manifest(domain: String) -> String {
        """
        apiVersion: rillform/v1
        orgs:
          - name: acme
            allowed_domains:
              - domain: \(domain)
                org_role: viewer
        """
    }

    @Test("apply as a user of another domain: RF334, exit 3, nothing written")
    func userOfAnotherDomainIsRefused() async throws {
        try await GuardHarness.run { harness in
            try harness.write("base.yaml", "apiVersion: rillform/v1\norgs:\n  - name: acme\n")
            let setup = try await harness.rillform(["apply", "-f", "base.yaml", "--auto-approve"])
            try #require(setup.exitCode == 0, "\(setup.combined)")
            try harness.write("domain.yaml", Self.manifest(domain: "acme-corp.test"))
            await harness.emulator.resetAccessLog()
            let apply = try await harness.rillform(["apply", "-f", "domain.yaml", "--auto-approve"])
            #expect(apply.exitCode == 3, "\(apply.combined)")
            #expect(apply.stderr.contains("[RF334]"), "\(apply.stderr)")
            #expect(await harness.writes().isEmpty)
        }
    }

    @Test("apply as a service token: RF333, exit 3, nothing written; the admin user at the domain may")
    func serviceTokenIsRefused() async throws {
        try await GuardHarness.run { harness in
            try harness.write("base.yaml", """
                apiVersion: rillform/v1
                orgs:
                  - name: acme
                    services:
                      - name: ci-bot
                        org_role: admin
                """)
            let setup = try await harness.rillform(["apply", "-f", "base.yaml", "--auto-approve"])
            try #require(setup.exitCode == 0, "\(setup.combined)")
            let ciToken = try await harness.client().writer.issueServiceToken(org: "acme", service: "ci-bot").revealSecret()
            try harness.write("domain.yaml", """
                apiVersion: rillform/v1
                orgs:
                  - name: acme
                    services:
                      - name: ci-bot
                        org_role: admin
                    allowed_domains:
                      - domain: rillform.local
                        org_role: viewer
                """)
            await harness.emulator.resetAccessLog()
            let refused = try await harness.rillform(["apply", "-f", "domain.yaml", "--auto-approve"], token: ciToken)
            #expect(refused.exitCode == 3, "\(refused.combined)")
            #expect(refused.stderr.contains("[RF333]"), "\(refused.stderr)")
            #expect(await harness.writes().isEmpty)

            // The bootstrap admin is admin@rillform.local: its own domain is accepted.
            let applied = try await harness.rillform(["apply", "-f", "domain.yaml", "--auto-approve"])
            #expect(applied.exitCode == 0, "\(applied.combined)")
            #expect(await harness.writes() == ["POST /v1/orgs/acme/whitelisted"])
        }
    }
}
