import RillformManifest
import RillformModel
import Testing

@Suite("Multi-file merge")
struct MergeTests {
    private func source(_ path: String, _ body: String) -> ManifestSource {
        ManifestSource(path: path, text: "apiVersion: rillform/v1\n" + body)
    }

    @Test("an org split across files merges; protect lists merge")
    func orgSplitAcrossFiles() throws {
        let result = ManifestLoader.load(files: [
            source("org.yaml", """
                policy: {protect: [project.acme/sales]}
                orgs:
                  - name: acme
                    description: Acme
                """),
            source("projects.yaml", """
                orgs:
                  - name: acme
                    projects: [{name: sales}, {name: marketing}]
                """),
            source("services.yaml", """
                policy: {protect: [service.acme/ci-bot]}
                orgs:
                  - name: acme
                    services: [{name: ci-bot, org_role: viewer}]
                """),
        ])
        #expect(result.diagnostics == [])
        let state = try #require(result.state)
        #expect(state.orgs.count == 1)
        let org = try #require(state.org(named: "acme"))
        #expect(org.description?.value == "Acme")
        #expect(org.projects.map(\.name.value) == ["sales", "marketing"])
        #expect(org.projects[1].name.location == SourceLocation(file: "projects.yaml", line: 4, column: 38))
        #expect(org.services.map(\.name.value) == ["ci-bot"])
        #expect(org.services[0].name.location.file == "services.yaml")
        #expect(state.policy.protect.map(\.value.description) == ["project.acme/sales", "service.acme/ci-bot"])
    }

    @Test("a project defined in two files is an error naming both places")
    func duplicateProjectAcrossFiles() {
        let result = ManifestLoader.load(files: [
            source("a.yaml", "orgs: [{name: acme, projects: [{name: sales}]}]\n"),
            source("b.yaml", "orgs:\n  - name: acme\n    projects:\n      - name: sales\n"),
        ])
        #expect(result.state == nil)
        let diagnostic = result.diagnostics.first
        #expect(result.diagnostics.count == 1)
        #expect(diagnostic?.description
            == "b.yaml:5:15: error: project 'sales' in org 'acme' is defined twice: here and at a.yaml:2:39 [RF140]")
        #expect(diagnostic?.related == [SourceLocation(file: "a.yaml", line: 2, column: 39)])
    }

    @Test("the same service twice in one file is an error too")
    func duplicateServiceInOneFile() {
        let result = ManifestLoader.load(files: [
            source("a.yaml", """
                orgs:
                  - name: acme
                    services:
                      - {name: bot, org_role: viewer}
                      - {name: bot, org_role: admin}
                """),
        ])
        #expect(result.diagnostics.map(\.description) == [
            "a.yaml:6:16: error: service 'bot' in org 'acme' is defined twice: here and at a.yaml:5:16 [RF140]",
        ])
    }

    @Test("an org setting set in two files is an error naming both; so is a policy setting")
    func conflictingSettings() {
        let result = ManifestLoader.load(files: [
            source("a.yaml", "policy: {prune: false}\norgs: [{name: acme, description: one}]\n"),
            source("b.yaml", "policy: {prune: false}\norgs: [{name: acme, description: two}]\n"),
        ])
        #expect(result.diagnostics.map(\.description) == [
            "b.yaml:2:17: error: 'prune' of the top-level policy is set twice: here and at a.yaml:2:17 [RF141]",
            "b.yaml:3:34: error: 'description' of org 'acme' is set twice: here and at a.yaml:3:34 [RF141]",
        ])
    }

    @Test("problems in several files are all reported in one run, sorted by file and position")
    func collectsAcrossFiles() {
        let result = ManifestLoader.load(files: [
            source("b.yaml", "orgs: [{name: acme, bogus: 1}]\n"),
            source("a.yaml", "orgs: [{name: x}]\n"),
        ])
        #expect(result.codes == ["RF125", "RF120"])
        #expect(result.diagnostics.map { $0.location?.file } == ["a.yaml", "b.yaml"])
    }

    @Test("apiVersion is required in every file")
    func apiVersionPerFile() {
        let result = ManifestLoader.load(files: [
            source("a.yaml", "orgs: [{name: acme}]\n"),
            ManifestSource(path: "b.yaml", text: "orgs: [{name: acme, description: d}]\n"),
        ])
        #expect(result.diagnostics.map(\.description) == [
            "b.yaml:1:1: error: missing 'apiVersion: rillform/v1' [RF110]",
        ])
    }

    @Test("multiple YAML documents in one file are merged like files")
    func multipleDocuments() throws {
        let result = ManifestLoader.load(text: """
            apiVersion: rillform/v1
            orgs: [{name: acme}]
            ---
            apiVersion: rillform/v1
            orgs: [{name: acme, projects: [{name: sales}]}]
            """)
        #expect(result.diagnostics == [])
        #expect(result.state?.org(named: "acme")?.projects.map(\.name.value) == ["sales"])
    }
}
