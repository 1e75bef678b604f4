import Foundation
import RillformManifest
import RillformModel
import RillformPlan
import Testing

/// The exporter's round-trip property, purely: for a live state, loading the exported text gives a desired state
/// that plans to no changes against that same live state.
@Suite("ManifestExporter")
struct ManifestExporterTests {
    static let now = Date(timeIntervalSince1970: 1_795_000_000)

    static var live: LiveOrg {
        LiveOrg(
            id: "o-1", name: "acme", displayName: "Acme: \"Corp\"", description: "# not a comment",
            billingEmail: "billing@acme.example", defaultProjectRole: "viewer",
            projects: [
                "sales": LiveProject(id: "p-1", name: "sales", description: "yes", isPublic: true,
                                     gitRemote: "https://github.com/acme/sales.git", primaryBranch: "release",
                                     subpath: "dash/sales", prodSlots: 4, prodVersion: "v1.2.3",
                                     prodTtlSeconds: 0, provisioner: "k8s",
                                     deployments: [
                                        LiveDeployment(id: "d-2", environment: "dev", branch: "feature/x",
                                                       editable: true, status: "DEPLOYMENT_STATUS_STOPPED"),
                                        LiveDeployment(id: "d-1", environment: "prod"),
                                        LiveDeployment(id: "d-3", environment: "dev", branch: "",
                                                       status: "DEPLOYMENT_STATUS_RUNNING"),
                                        LiveDeployment(id: "d-4", environment: "dev", branch: "other",
                                                       status: "DEPLOYMENT_STATUS_ERRORED"),
                                     ]),
                "empty-one": LiveProject(id: "p-2", name: "empty-one", prodSlots: 2, prodVersion: "latest",
                                         prodTtlSeconds: 14 * 24 * 3600),
                "errored-one": LiveProject(id: "p-4", name: "errored-one", gitRemote: "https://github.com/acme/e.git",
                                           primaryBranch: "main", prodTtlSeconds: 0, deployments: [
                    LiveDeployment(id: "d-5", environment: "dev", branch: "b1", status: "DEPLOYMENT_STATUS_ERRORED"),
                ]),
                "odd-remote": LiveProject(id: "p-3", name: "odd-remote", gitRemote: "git@gitlab.com:a/b.git",
                                          primaryBranch: "main", prodTtlSeconds: 3600),
            ],
            services: [
                "reporting": LiveService(
                    id: "s-1", name: "reporting", orgRole: .viewer,
                    attributes: [
                        "price": .string("$5 ${HOME}"), "true": .string("false"), "null": .null, "n": .number(-0.5),
                        "big": .number(1e20), "tiny": .number(1e-7), "deep": .object(["a": .array([.object(["b": .string("c: d")])])]),
                        "empty": .object([:]), "list": .array([]), "date": .string("2026-01-02"), "sp ace": .string(" lead"),
                        "tab": .string("a\tb\u{85}c\u{2028}"), "emoji": .string("🙂"), "num-str": .string("0x1F"),
                    ],
                    projectRoles: ["sales": .admin, "odd-remote": .viewer],
                    tokens: [LiveToken(id: "t-1", prefix: "rill_svc_abc")]),
                "project-only": LiveService(id: "s-2", name: "project-only", projectRoles: ["empty-one": .editor]),
                "roleless": LiveService(id: "s-3", name: "roleless"),
            ])
    }

    @Test("loading the export gives a desired state that plans to no changes against the same live state")
    func roundTrip() throws {
        let text = ManifestExporter.export([Self.live])
        let loaded = ManifestLoader.load(text: text, path: "export.yaml")
        #expect(!loaded.hasErrors, "\(loaded.diagnostics.map(\.description))\n\(text)")
        let desired = try #require(loaded.state)
        let plan = Planner.plan(desired: desired, live: LiveState(orgs: ["acme": Self.live]),
                                options: PlanOptions(now: Self.now))
        #expect(plan.changes.isEmpty, "\(plan.changes.map(\.address))\n\(text)")

        // Values survive exactly, including the awkward ones.
        let org = try #require(desired.org(named: "acme"))
        #expect(org.displayName?.value == "Acme: \"Corp\"")
        #expect(org.description?.value == "# not a comment")
        let reporting = try #require(org.services.first { $0.name.value == "reporting" })
        #expect(reporting.attributes?.value == Self.live.services["reporting"]?.attributes)
        let sales = try #require(org.projects.first { $0.name.value == "sales" })
        #expect(sales.description?.value == "yes")
        // sales has a branchless dev deployment, which a manifest cannot name: its (authoritative) list is left
        // unmanaged instead of getting that deployment deleted.
        #expect(sales.deployments == nil)
        // Without a GitHub remote a manifest may not declare deployments (RF154): they are left unmanaged.
        let other = try #require(org.projects.first { $0.name.value == "odd-remote" })
        #expect(other.deployments == nil)
        let errored = try #require(org.projects.first { $0.name.value == "errored-one" })
        #expect(errored.deployments?.count == 1)
    }

    @Test("defaults and empty values are left out; what cannot be managed is a comment")
    func defaultsAndComments() {
        let text = ManifestExporter.export([Self.live])
        #expect(text.hasPrefix("# yaml-language-server: $schema=rillform.schema.json\n"))
        #expect(text.contains("\napiVersion: rillform/v1\n"))
        // empty-one has only Rill's defaults and no source: nothing but its name and why deployments are unmanaged.
        #expect(text.contains("      - name: empty-one\n        # deployments: not managed (the project has no git remote"))
        #expect(!text.contains("prod_version: latest"))
        #expect(text.contains("# state: live status DEPLOYMENT_STATUS_ERRORED is neither running nor stopped"))
        #expect(text.contains("prod_ttl_seconds: 3600"))
        #expect(text.contains("# git_remote: \"git@gitlab.com:a/b.git\" (not an HTTPS GitHub remote"))
        #expect(text.contains("# deployments: not managed, because a live deployment cannot be declared:\n"
            + "        #   dev deployment d-3 has no branch"))
        #expect(text.contains("# service roleless: has no role"))
        #expect(text.contains("          deep:\n            a:\n              - b: \"c: d\"\n"))
        #expect(text.contains("# tokens: 1 live token(s); secrets cannot be exported"))
        #expect(!text.contains("rill_svc_abc"))
        #expect(text.contains("price: \"$$5 $${HOME}\"") || text.contains("price: $$5 $${HOME}"))
    }

    @Test("deterministic: the same live state gives the same text whatever the dictionary order")
    func deterministic() throws {
        let first = ManifestExporter.export([Self.live])
        for _ in 0..<5 { #expect(ManifestExporter.export([Self.live]) == first) }
        var twoOrgs = Self.live
        twoOrgs.name = "aaa-first"
        let text = ManifestExporter.export([Self.live, twoOrgs])
        let firstIndex = try #require(text.range(of: "- name: aaa-first")?.lowerBound)
        let secondIndex = try #require(text.range(of: "- name: acme")?.lowerBound)
        #expect(firstIndex < secondIndex)
    }
}
