import Crypto

/// SHA-256 for the generated-code freshness check (`.ci/generate-client.sh` records the schema's digest).
enum SHA256Digest {
    /// Lowercase hex digest, as `sha256sum` prints it.
    static func hex(_ message: [UInt8]) -> String {
        SHA256.hash(data: message).map { byte in
            let text = String(byte, radix: 16)
            return text.count == 1 ? "0" + text : text
        }.joined()
    }
}
