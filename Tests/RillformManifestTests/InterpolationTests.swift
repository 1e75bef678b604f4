import RillformManifest
import RillformModel
import Testing

@Suite("${VAR} interpolation")
struct InterpolationTests {
    private func manifest(_ projectLines: String) -> String {
        """
        apiVersion: rillform/v1
        orgs:
          - name: acme
            projects:
              - name: sales
        \(projectLines)
        """
    }

    @Test("values come from the environment and are type-checked after substitution")
    func substitutesAndTypes() throws {
        let text = manifest("""
                    prod_slots: ${SLOTS}
                    public: ${PUBLIC:-false}
                    description: "team ${TEAM} costs $$5 at $HOME"
                    primary_branch: ${BRANCH:-main}
                    subpath: ${EMPTY:-dashboards}
            """)
        let result = ManifestLoader.load(text: text, environment: ["SLOTS": "3", "TEAM": "sales", "EMPTY": ""])
        #expect(result.diagnostics == [])
        let project = try #require(result.state?.orgs.first?.projects.first)
        #expect(project.prodSlots?.value == 3)
        #expect(project.prodSlots?.location.line == 6)
        #expect(project.isPublic?.value == false)
        #expect(project.description?.value == "team sales costs $5 at $HOME")
        #expect(project.primaryBranch?.value == "main")
        #expect(project.subpath?.value == "dashboards")
    }

    @Test("an interpolated value of the wrong type is a type error at the value")
    func interpolatedWrongType() {
        let text = manifest("        prod_slots: ${SLOTS}")
        let result = ManifestLoader.load(text: text, environment: ["SLOTS": "three"])
        #expect(result.diagnostics.map(\.description) == [
            "rillform.yaml:6:21: error: 'prod_slots' must be an integer, got a string (from the environment, "
                + "not shown) [RF121]",
        ])
    }

    @Test("an unset variable without default is an error at the '${', each one reported")
    func unsetVariable() {
        let text = manifest("        description: x ${ONE} y ${TWO:-ok} z ${THREE}")
        let result = ManifestLoader.load(text: text, environment: [:])
        #expect(result.state == nil)
        #expect(result.diagnostics.map(\.description) == [
            "rillform.yaml:6:24: error: environment variable 'ONE' is not set (use '${ONE:-default}') [RF130]",
            "rillform.yaml:6:46: error: environment variable 'THREE' is not set (use '${THREE:-default}') [RF130]",
        ])
    }

    @Test("values from the environment are never echoed in messages (they may be secrets)")
    func secretsNotEchoed() {
        let text = manifest("""
                    prod_slots: ${SECRET}
                    git_remote: ${SECRET}
                    deployments: [{environment: "${SECRET}"}]
            """)
        let result = ManifestLoader.load(text: text, environment: ["SECRET": "rill_svc_TOPSECRET"])
        #expect(result.codes == ["RF121", "RF126", "RF155", "RF123"])
        #expect(!result.rendered.contains("TOPSECRET"))
    }

    @Test("quoted values stay strings after substitution; '$$' escapes")
    func quotedStaysString() throws {
        let text = manifest("""
                    prod_version: "${VERSION}"
                    provisioner: '$${NOT_A_VAR}'
            """)
        let result = ManifestLoader.load(text: text, environment: ["VERSION": "42"])
        #expect(result.diagnostics == [])
        let project = try #require(result.state?.orgs.first?.projects.first)
        #expect(project.prodVersion?.value == "42")
        #expect(project.provisioner?.value == "${NOT_A_VAR}")
    }
}
