import Foundation

/// The admin API's base URL, validated: `https://` anywhere, plain `http://` only to a loopback host
/// (127.0.0.0/8, `localhost`, `::1`), so a token never crosses a network in clear text.
public struct AdminEndpoint: Sendable, Hashable, CustomStringConvertible {
    /// Rill Cloud's admin service, the `rill` CLI's default.
    public static let defaultURLString = "https://admin.rilldata.com"

    public let url: URL

    public init(_ text: String = AdminEndpoint.defaultURLString) throws(RillAPIError) {
        guard let url = URL(string: text.trimmingCharacters(in: .whitespaces)) else {
            throw AdminEndpoint.refusal("'\(text)' is not a URL")
        }
        try self.init(url: url)
    }

    public init(url: URL) throws(RillAPIError) {
        guard let scheme = url.scheme?.lowercased(), let host = url.host, !host.isEmpty else {
            throw AdminEndpoint.refusal("'\(url.absoluteString)' needs a scheme and a host")
        }
        guard url.user == nil, url.password == nil else {
            throw AdminEndpoint.refusal("the admin URL must not contain credentials")
        }
        guard url.query == nil, url.fragment == nil else {
            throw AdminEndpoint.refusal("the admin URL must not have a query or fragment")
        }
        switch scheme {
        case "https": break
        case "http":
            guard AdminEndpoint.isLoopback(host: host) else {
                throw AdminEndpoint.refusal(
                    "plain http:// is only allowed to a loopback host (127.0.0.1, localhost, ::1), not \(host): use https://")
            }
        default:
            throw AdminEndpoint.refusal("unsupported scheme '\(scheme)': use https://")
        }
        // No trailing slash: the generated client appends paths that start with '/'.
        let text = url.absoluteString
        self.url = text.hasSuffix("/") ? URL(string: String(text.dropLast())) ?? url : url
    }

    public var description: String { url.absoluteString }

    /// 127.0.0.0/8, `localhost` (and `*.localhost`), `::1`.
    public static func isLoopback(host: String) -> Bool {
        var name = host.lowercased()
        if name.hasPrefix("["), name.hasSuffix("]") { name = String(name.dropFirst().dropLast()) }
        if name == "localhost" || name.hasSuffix(".localhost") { return true }
        if name == "::1" || name == "0:0:0:0:0:0:0:1" { return true }
        let octets = name.split(separator: ".", omittingEmptySubsequences: false)
        guard octets.count == 4 else { return false }
        let values = octets.compactMap { part -> Int? in
            guard !part.isEmpty, part.count <= 3, part.allSatisfy(\.isNumber) else { return nil }
            return Int(part)
        }
        guard values.count == 4, values.allSatisfy({ (0...255).contains($0) }) else { return false }
        return values[0] == 127
    }

    private static func refusal(_ message: String) -> RillAPIError {
        RillAPIError(kind: .refused, operation: "connect", message: message)
    }
}
