import Foundation
import RillformApply
import Testing

@Suite("TokenSink")
struct TokenSinkTests {
    static let issuedAt = Date(timeIntervalSince1970: 1_795_000_000)

    /// A fresh directory under the system temporary directory.
    func scratchDirectory() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("rillform-apply-\(UUID())").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    func permissions(_ path: String) throws -> Int {
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        return try #require(attributes[.posixPermissions] as? Int)
    }

    func token(_ service: String, id: String) -> IssuedServiceToken {
        IssuedServiceToken(org: "acme", service: service, tokenID: id, secret: "rill_svc_SECRET_\(id)", issuedAt: Self.issuedAt)
    }

    @Test("creates its directory and a 0600 file of JSON lines, readable back as token ids")
    func writesPrivateJSONLines() async throws {
        let root = try scratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let path = root + "/nested/.rillform/local-tokens.jsonl"
        let sink = try TokenSink(path: path)
        try await sink.append(token("reporting", id: "tok-1"))
        try await sink.append(token("etl", id: "tok-2"))

        #expect(try permissions(path) == 0o600)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let lines = text.split(separator: "\n")
        #expect(lines.count == 2)
        #expect(text.hasSuffix("\n"))
        #expect(lines.first == """
            {"address":"service_token.acme/reporting","service":"reporting","org":"acme","token_id":"tok-1",\
            "token":"rill_svc_SECRET_tok-1","issued_at":"2026-11-18T11:06:40Z"}
            """)
        for line in lines {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: String])
            #expect(Set(object.keys) == ["address", "service", "org", "token_id", "token", "issued_at"])
        }
        #expect(try TokenSink.readIssuedTokenIDs(path: path) == ["tok-1", "tok-2"])
    }

    @Test("reopening appends and keeps earlier records")
    func reopenAppends() async throws {
        let root = try scratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let path = root + "/tokens.jsonl"
        try await TokenSink(path: path).append(token("a", id: "t1"))
        try await TokenSink(path: path).append(token("b", id: "t2"))
        #expect(try TokenSink.readIssuedTokenIDs(path: path) == ["t1", "t2"])
        #expect(try permissions(path) == 0o600)
    }

    @Test("refuses an existing file others can read, and leaves it untouched", arguments: [0o644, 0o640, 0o604, 0o700])
    func refusesWidePermissions(mode: Int) throws {
        let root = try scratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let path = root + "/tokens.jsonl"
        #expect(FileManager.default.createFile(atPath: path, contents: Data()))
        try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: path)
        #expect(throws: TokenSinkError.insecurePermissions(path: path, mode: UInt32(mode))) {
            _ = try TokenSink(path: path)
        }
        #expect(try permissions(path) == mode, "the sink must not change permissions it refused")
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)).isEmpty)
        let message = TokenSinkError.insecurePermissions(path: path, mode: 0o644).description
        #expect(message == "token sink \(path) has mode 0644; it must be readable only by its owner (run: chmod 600 \(path))")
    }

    @Test("refuses a symbolic link")
    func refusesSymlink() throws {
        let root = try scratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let target = root + "/elsewhere"
        #expect(FileManager.default.createFile(atPath: target, contents: Data()))
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: target)
        try FileManager.default.createSymbolicLink(atPath: root + "/tokens.jsonl", withDestinationPath: target)
        #expect(throws: TokenSinkError.cannotOpen(path: root + "/tokens.jsonl", reason: "it is a symbolic link")) {
            _ = try TokenSink(path: root + "/tokens.jsonl")
        }
    }

    @Test("reading a missing file gives no ids; a malformed line is an error naming the line, not its content")
    func readingIsTolerantOfMissingStrictOnGarbage() throws {
        let root = try scratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: root) }
        #expect(try TokenSink.readIssuedTokenIDs(path: root + "/absent.jsonl") == [])
        let path = root + "/tokens.jsonl"
        let text = "{\"token_id\":\"t1\",\"token\":\"rill_svc_x\"}\n\n{\"token\":\"rill_svc_LEAK\"\n"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        #expect(throws: TokenSinkError.malformedLine(path: path, line: 3)) {
            _ = try TokenSink.readIssuedTokenIDs(path: path)
        }
        #expect(!TokenSinkError.malformedLine(path: path, line: 3).description.contains("LEAK"))
    }

    @Test("the token record never shows its secret as text")
    func secretIsRedacted() {
        let issued = token("reporting", id: "tok-1")
        #expect(issued.description == "service_token.acme/reporting token_id=tok-1 (sensitive value)")
        #expect(!"\(issued)".contains("SECRET"))
        #expect(!String(reflecting: issued).contains("SECRET"))
        var dumped = ""
        dump(issued, to: &dumped)
        #expect(!dumped.contains("SECRET"))
    }

    @Test("the default path is .rillform/local-tokens.jsonl")
    func defaultPath() {
        #expect(TokenSink.defaultPath == ".rillform/local-tokens.jsonl")
    }
}
