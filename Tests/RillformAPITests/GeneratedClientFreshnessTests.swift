import Foundation
import Testing
@testable import RillformAPI

/// The generated client is committed; this fails when Schemas/rill-admin.openapi.yaml changed without
/// running `.ci/generate-client.sh`.
@Suite struct GeneratedClientFreshnessTests {
    @Test func generatedSourcesMatchTheSchema() throws {
        let schema = try Data(contentsOf: RepositoryPaths.schema)
        let hash = SHA256Digest.hex(Array(schema))
        #expect(
            hash == GeneratedSchemaFingerprint.sha256,
            "Schemas/rill-admin.openapi.yaml changed since the client was generated: run .ci/generate-client.sh")
    }

    @Test func digestMatchesKnownVectors() {
        #expect(SHA256Digest.hex([]) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256Digest.hex(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        let long = Array(String(repeating: "a", count: 1000).utf8)
        #expect(SHA256Digest.hex(long) == "41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3")
    }
}
