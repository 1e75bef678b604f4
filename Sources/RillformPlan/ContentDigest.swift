import Crypto

/// SHA-256 as lowercase hex: fingerprints of observed live fields and the manifest digest of a saved plan.
/// (swift-crypto is a pure computation, so the planner stays free of I/O.)
public enum ContentDigest {
    /// The SHA-256 of the UTF-8 bytes of `text`, as 64 hex digits.
    public static func sha256Hex(_ text: String) -> String { sha256Hex(Array(text.utf8)) }

    /// The SHA-256 of `bytes`, as 64 hex digits.
    public static func sha256Hex(_ bytes: [UInt8]) -> String {
        SHA256.hash(data: bytes).map { byte in
            let hex = String(byte, radix: 16)
            return byte < 16 ? "0" + hex : hex
        }.joined()
    }
}
