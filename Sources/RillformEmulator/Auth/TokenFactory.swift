import Foundation

/// Makes Rill-shaped secrets and identifiers. Secrets use the system CSPRNG; only their SHA-256
/// digest is stored.
enum TokenFactory {
    private static let alphabet = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
    /// Go's `big.Int.Text(62)` digits: lower case before upper case.
    private static let base62Digits = Array("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")

    /// A Rill auth token: `rill_<type>_<base62(16-byte id ‖ 24-byte secret)>` (admin/pkg/authtoken).
    struct AuthToken: Sendable {
        /// The token row's id (a UUID, as Rill stores it).
        let id: String
        /// The plaintext, shown once.
        let token: String
        /// `Token.Prefix()`: the type prefix and the first 10 base62 digits of the id with a zeroed secret.
        let prefix: String
    }

    /// Port of `authtoken.NewRandom` + `String()` + `Prefix()`.
    static func authToken(type: String) -> AuthToken {
        let uuid = UUID()
        let idBytes = withUnsafeBytes(of: uuid.uuid) { Array($0) }
        var generator = SystemRandomNumberGenerator()
        let secret = (0..<24).map { _ in UInt8(generator.next(upperBound: UInt16(256))) }
        let head = "rill_\(type)_"
        return AuthToken(
            id: uuid.uuidString.lowercased(), token: head + base62(idBytes + secret),
            prefix: head + String(base62(idBytes + Array(repeating: 0, count: 24)).prefix(10)))
    }

    static func userToken() -> String { authToken(type: "usr").token }
    static func serviceToken() -> AuthToken { authToken(type: "svc") }

    /// `rill_xxx_` plus 10 digits, as `Token.Prefix()` (equal to the token's start except in a carry edge case).
    static func prefix(of token: String) -> String { String(token.prefix(19)) }

    static func newID() -> String { UUID().uuidString.lowercased() }

    /// Big-endian bytes as a base-62 number without leading zeros, like Go's `big.Int.Text(62)`.
    static func base62(_ bytes: [UInt8]) -> String {
        var number = Array(bytes.drop { $0 == 0 })
        var digits: [Character] = []
        while !number.isEmpty {
            var remainder = 0
            var quotient: [UInt8] = []
            quotient.reserveCapacity(number.count)
            for byte in number {
                let value = remainder * 256 + Int(byte)
                let digit = value / 62
                remainder = value % 62
                if !(quotient.isEmpty && digit == 0) { quotient.append(UInt8(digit)) }
            }
            digits.append(base62Digits[remainder])
            number = quotient
        }
        return digits.isEmpty ? "0" : String(digits.reversed())
    }

    static func randomString(length: Int) -> String {
        var generator = SystemRandomNumberGenerator()
        return String((0..<length).map { _ in alphabet[Int(generator.next(upperBound: UInt64(alphabet.count)))] })
    }

    static func hexString(bytes: Int) -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<bytes).map { _ in String(format: "%02x", generator.next(upperBound: UInt64(256))) }.joined()
    }

    /// A JWT-shaped (unsigned, random-signature) runtime access token. Never stored.
    static func runtimeJWT(claims: JSON) -> String {
        func b64(_ text: String) -> String {
            Data(text.utf8).base64EncodedString()
                .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
                .replacingOccurrences(of: "=", with: "")
        }
        return b64(#"{"alg":"RS256","typ":"JWT"}"#) + "." + b64(claims.serialized()) + "." + randomString(length: 43)
    }
}
