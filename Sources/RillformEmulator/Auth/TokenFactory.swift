import Foundation

/// Makes Rill-shaped secrets and identifiers. Secrets use the system CSPRNG; only their SHA-256
/// digest is stored.
enum TokenFactory {
    private static let alphabet = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")

    /// How many characters of a token are kept as its displayable `prefix`.
    static let prefixLength = 17

    static func userToken() -> String { "rill_usr_" + randomString(length: 40) }
    static func serviceToken() -> String { "rill_svc_" + randomString(length: 40) }

    static func prefix(of token: String) -> String { String(token.prefix(prefixLength)) }

    static func newID() -> String { UUID().uuidString.lowercased() }

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
