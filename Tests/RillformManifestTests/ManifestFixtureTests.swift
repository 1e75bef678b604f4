import RillformManifest
import RillformModel
import Testing

@Suite("Manifest fixtures")
struct ManifestFixtureTests {
    @Test("valid fixtures load without any diagnostic", arguments: Fixtures.files(in: "valid"))
    func validFixture(_ name: String) throws {
        let result = try Fixtures.load("valid/\(name)")
        #expect(result.diagnostics == [], "\(result.rendered)")
        #expect(result.state != nil)
    }

    @Test("invalid fixtures report exactly the golden diagnostics", arguments: Fixtures.files(in: "invalid"))
    func invalidFixture(_ name: String) throws {
        let result = try Fixtures.load("invalid/\(name)")
        #expect(!result.diagnostics.isEmpty)
        Fixtures.goldens.check(result.rendered,
                               against: "invalid/\(name.replacingOccurrences(of: ".yaml", with: ".expected"))")
    }

    @Test("every example validates cleanly", arguments: ["quickstart", "gitops", "people"])
    func example(_ name: String) throws {
        let files = try Fixtures.example(name)
        #expect(!files.isEmpty)
        let result = ManifestLoader.load(files: files)
        #expect(result.diagnostics.errors == [], "\(result.rendered)")
        #expect(result.diagnostics.warnings == [], "\(result.rendered)")
        #expect(result.state != nil)
    }
}
