import Crypto

/// Token secrets are stored only as SHA-256 digests (hex), never as plaintext.
enum TokenDigest {
    static func hex(_ token: String) -> String {
        SHA256.hash(data: Array(token.utf8)).map { byte in
            let digits = String(byte, radix: 16)
            return digits.count == 1 ? "0" + digits : digits
        }.joined()
    }
}
