import Foundation
@testable import RillformEmulator
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// A decoded HTTP exchange with the emulator.
struct HTTPResult: Sendable {
    let status: Int
    let body: JSON
    let headers: [String: String]
    let rawBody: String

    /// The gRPC code of an error body.
    var code: Int? { body["code"]?.intValue }
    var message: String { body["message"]?.stringValue ?? "" }
    subscript(key: String) -> JSON? { body[key] }
}

extension JSON {
    subscript(key: String) -> JSON? {
        if case .object(let members) = self { return members[key] }
        return nil
    }
    var stringValue: String? { if case .string(let value) = self { value } else { nil } }
    var intValue: Int? { if case .number(let value) = self { Int(value) } else { nil } }
    var boolValue: Bool? { if case .bool(let value) = self { value } else { nil } }
    var arrayValue: [JSON] { if case .array(let values) = self { values } else { [] } }
    var objectValue: [String: JSON]? { if case .object(let members) = self { members } else { nil } }
}

/// Plain URLSession requests against a running emulator (tests must not depend on our client module).
struct EmulatorHTTP: Sendable {
    let baseURL: URL
    let token: String?

    init(_ emulator: RunningEmulator, token: String?) {
        self.init(baseURL: emulator.baseURL, token: token)
    }

    init(baseURL: URL, token: String?) {
        self.baseURL = baseURL
        self.token = token
    }

    func with(token: String?) -> EmulatorHTTP { EmulatorHTTP(baseURL: baseURL, token: token) }

    func get(_ path: String) async throws -> HTTPResult { try await send("GET", path, body: nil) }
    func delete(_ path: String) async throws -> HTTPResult { try await send("DELETE", path, body: nil) }
    func post(_ path: String, _ body: String = "{}") async throws -> HTTPResult { try await send("POST", path, body: body) }
    func put(_ path: String, _ body: String = "{}") async throws -> HTTPResult { try await send("PUT", path, body: body) }
    func patch(_ path: String, _ body: String) async throws -> HTTPResult { try await send("PATCH", path, body: body) }

    /// `session`: pass a fresh ephemeral session to force a new connection (see the ambiguous-commit test).
    func send(_ method: String, _ path: String, body: String?, session: URLSession = .shared) async throws -> HTTPResult {
        guard let url = URL(string: baseURL.absoluteString + path) else { throw URLError(.badURL) }
        var request = URLRequest(url: url)
        request.httpMethod = method
        if let token { request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization") }
        if let body {
            request.httpBody = Data(body.utf8)
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        }
        let (data, response) = try await session.data(for: request)
        guard let http = response as? HTTPURLResponse else { throw URLError(.badServerResponse) }
        var headers: [String: String] = [:]
        for (key, value) in http.allHeaderFields {
            if let key = key as? String, let value = value as? String { headers[key.lowercased()] = value }
        }
        return HTTPResult(
            status: http.statusCode, body: (try? JSON.parse(data)) ?? .null, headers: headers,
            rawBody: String(decoding: data, as: UTF8.self))
    }
}
