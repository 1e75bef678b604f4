import Foundation
import RillformManifest
import RillformModel
import Testing

@Suite("YAML safety and strictness")
struct YAMLSafetyTests {
    @Test("a billion-laughs alias bomb is refused quickly with a clear error")
    func aliasBomb() {
        let text = """
            apiVersion: rillform/v1
            a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
            b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
            c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
            d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
            e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
            f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
            g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
            h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
            i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
            orgs:
              - name: acme
                services:
                  - name: bomb
                    org_role: viewer
                    attributes: {payload: *i}
            """
        let start = Date()
        let result = ManifestLoader.load(text: text)
        let elapsed = Date().timeIntervalSince(start)
        #expect(elapsed < 0.5, "took \(elapsed) s")
        #expect(result.state == nil)
        #expect(result.codes == ["RF102"])
        #expect(result.diagnostics.first?.message.contains("more than 100000 nodes") == true)
        // Caught at the first alias whose expansion crosses the limit: levels a–e already add 74,718 nodes,
        // the first '*e' on line 7 adds 66,430 more.
        #expect(result.diagnostics.first?.location == SourceLocation(file: "rillform.yaml", line: 7, column: 8))
    }

    @Test("aliases within the limit work, and positions inside them are the anchor's")
    func aliasesWithinLimit() throws {
        let result = ManifestLoader.load(text: """
            apiVersion: rillform/v1
            orgs:
              - name: acme
                services:
                  - name: one
                    org_role: viewer
                    attributes: &shared {team: data, tier: 2}
                  - name: two
                    org_role: viewer
                    attributes: *shared
            """)
        #expect(result.diagnostics == [])
        let services = try #require(result.state?.orgs.first?.services)
        #expect(services[1].attributes?.value == ["team": .string("data"), "tier": .number(2)])
        #expect(services[1].attributes?.location.line == 10)
    }

    @Test("deep nesting is refused instead of exhausting the stack")
    func deepNesting() {
        func nested(_ depth: Int) -> String {
            "apiVersion: rillform/v1\nx: " + String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
        }
        #expect(ManifestLoader.load(text: nested(300)).codes == ["RF102"])
        // libyaml's own limit (1000) answers first for deeper input: still one error, no crash.
        #expect(ManifestLoader.load(text: nested(50_000)).codes == ["RF100"])
    }

    @Test("YAML 1.1 booleans are not booleans; strings are not numbers", arguments: [
        ("public: yes", "'public' must be a boolean (true or false), got a string ('yes') (write true or false)"),
        ("public: \"true\"", "'public' must be a boolean (true or false), got a string ('true')"),
        ("prod_slots: 2.0", "'prod_slots' must be an integer, got a number (2.0)"),
        ("prod_slots: '2'", "'prod_slots' must be an integer, got a string ('2')"),
        ("description: 42", "'description' must be a string, got an integer (42) (quote it to make it a string)"),
        ("description:", "'description' must be a string, got null (an empty value)"),
        ("prod_version: !!binary aGk=", "'prod_version' must be a string, got binary data (!!binary)"),
    ])
    func strictTypes(line: String, message: String) {
        let result = ManifestLoader.load(text: """
            apiVersion: rillform/v1
            orgs:
              - name: acme
                projects:
                  - name: sales
                    \(line)
            """)
        #expect(result.diagnostics.map(\.message) == [message])
        #expect(result.diagnostics.first?.location?.line == 6)
    }

    @Test("Located values carry file, line and column of the value")
    func locations() throws {
        let result = ManifestLoader.load(text: """
            apiVersion: rillform/v1
            orgs:
              - name: acme
                projects:
                  - name: sales
                    deployments:
                      - environment: dev
                        branch: feature-x
                    git_remote: https://github.com/acme/sales.git
                    primary_branch: main
            """, path: "m.yaml")
        let deployment = try #require(result.state?.orgs.first?.projects.first?.deployments?.first)
        #expect(deployment.environment.location == SourceLocation(file: "m.yaml", line: 7, column: 26))
        #expect(deployment.branch?.location == SourceLocation(file: "m.yaml", line: 8, column: 21))
        #expect(deployment.address(org: "acme", project: "sales").description == "deployment.acme/sales/dev@feature-x")
    }

    @Test("an absent key is unmanaged (nil); [] and {} are managed empties")
    func absentVersusEmpty() throws {
        let result = ManifestLoader.load(text: """
            apiVersion: rillform/v1
            orgs:
              - name: acme
                projects: [{name: sales}, {name: empty, deployments: []}]
                services:
                  - {name: bot, org_role: viewer}
                  - {name: cleared, org_role: viewer, project_roles: {}, attributes: {}}
            """)
        let org = try #require(result.state?.orgs.first)
        #expect(org.projects[0].deployments == nil)
        #expect(org.projects[1].deployments == [])
        #expect(org.services[0].projectRoles == nil)
        #expect(org.services[0].attributes == nil)
        #expect(org.services[0].tokenPolicy == nil)
        #expect(org.services[1].projectRoles == [:])
        #expect(org.services[1].attributes?.value == [:])
    }
}
