import Foundation

/// Rill's cursor pagination: `pageSize` (0 → server default, capped at 1000) and `pageToken`, an
/// opaque base64 cursor keyed on the sort key (name or email). A next token is emitted whenever the
/// page is full, so the last page can be empty.
struct Pagination {
    let pageSize: Int
    /// Sort key of the last item of the previous page, if any.
    let after: String?

    static let maxPageSize = 1000

    init(call: Call) throws {
        var size = 0
        if let raw = call.queryValue("pageSize"), !raw.isEmpty {
            guard let parsed = Int(raw), parsed >= 0 else { throw RPCError(.invalidArgument, "invalid page size") }
            size = parsed
        }
        pageSize = size == 0 ? call.settings.defaultPageSize : min(size, Self.maxPageSize)
        if let token = call.queryValue("pageToken"), !token.isEmpty {
            after = try Self.decode(token)
        } else {
            after = nil
        }
    }

    /// The next page token: set whenever the page is full (so the final page may be empty), else "".
    func nextToken(count: Int, lastKey: String?) -> String {
        guard count >= pageSize, let lastKey else { return "" }
        return Self.encode(lastKey)
    }

    /// URL-safe base64 without padding, so tokens travel in query strings unescaped.
    static func encode(_ key: String) -> String {
        Data(JSON.object(["key": .string(key)]).serialized().utf8).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    static func decode(_ token: String) throws -> String {
        var base64 = token.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        guard let data = Data(base64Encoded: base64), case .object(let members)? = try? JSON.parse(data),
            case .string(let key)? = members["key"]
        else {
            throw RPCError(.invalidArgument, "invalid page token")
        }
        return key
    }
}
