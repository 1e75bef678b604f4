import Foundation
import Testing
@testable import RillformAPI

@Suite struct APITokenTests {
    @Test func everyTextualFormIsRedacted() throws {
        let token = try APIToken(testSecret)
        var dumped = ""
        dump(token, to: &dumped)
        let forms = [token.description, token.debugDescription, "\(token)", String(reflecting: token), dumped,
                     String(describing: Mirror(reflecting: token).children.map(\.value)), "\([token])"]
        for form in forms {
            #expect(!form.contains("TESTSECRET"), "leaked in: \(form)")
        }
        #expect(token.description == "APIToken(rill_usr_<redacted>)")
        #expect(token.kind == .user)
        #expect(token.revealSecret() == testSecret)
    }

    @Test func readsTheEnvironment() throws {
        let token = try APIToken(environment: ["RILL_API_TOKEN": "rill_svc_abc123\n"])
        #expect(token.kind == .service)
        #expect(token.revealSecret() == "rill_svc_abc123")
        #expect(throws: APITokenError.missingEnvironmentVariable("RILL_API_TOKEN")) {
            try APIToken(environment: [:])
        }
        #expect(throws: APITokenError.empty(source: "environment variable RILL_API_TOKEN")) {
            try APIToken(environment: ["RILL_API_TOKEN": "  "])
        }
    }

    @Test func readsAFileTrimmingWhitespace() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("rillform-token-\(UUID().uuidString)").path
        try "  \(testSecret)\n\n".write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(try APIToken(contentsOfFile: path).revealSecret() == testSecret)
        #expect(throws: APITokenError.unreadableFile(path: path + ".missing")) {
            try APIToken(contentsOfFile: path + ".missing")
        }
    }

    @Test func refusesHeaderBreakingCharacters() {
        #expect(throws: APITokenError.self) { try APIToken("rill_usr_abc\r\nX-Evil: 1") }
        #expect(throws: APITokenError.self) { try APIToken("rill usr") }
    }

    @Test func prefixMatchingDoesNotNeedTheSecret() throws {
        let token = try APIToken(testSecret)
        #expect(token.hasPrefix("rill_usr_TESTSEC"))
        #expect(!token.hasPrefix("rill_svc_"))
        #expect(!token.hasPrefix(""))
    }

    @Test func scrubberRemovesTokenShapedStrings() {
        #expect(SecretScrubber.scrub("x rill_svc_abcdefghij y") == "x rill_svc_<redacted> y")
        #expect(SecretScrubber.scrub("Authorization: Bearer abc.def") == "Authorization: Bearer <redacted>")
        #expect(SecretScrubber.scrub("org not found") == "org not found")
        #expect(SecretScrubber.scrub("rill_usr_ prefix only") == "rill_usr_ prefix only")
    }
}
