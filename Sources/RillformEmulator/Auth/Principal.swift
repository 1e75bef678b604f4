import Foundation
import GRDB

/// Who is calling: resolved from `Authorization: Bearer …` inside the request's transaction.
enum Principal: Sendable {
    case anonymous
    case user(UserRecord)
    case service(ServiceRecord)

    var isUser: Bool { if case .user = self { true } else { false } }
    var userID: String { if case .user(let user) = self { user.id } else { "" } }

    /// No header → anonymous; a header that is not a known token → 401.
    static func resolve(_ db: Database, authorization: String?) throws -> Principal {
        guard let header = authorization?.trimmingCharacters(in: .whitespaces), !header.isEmpty else {
            return .anonymous
        }
        let parts = header.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else {
            throw RPCError(.unauthenticated, "invalid authorization header")
        }
        let token = parts[1].trimmingCharacters(in: .whitespaces)
        let hash = TokenDigest.hex(token)
        if token.hasPrefix("rill_usr_"),
            let userID = try String.fetchOne(
                db, cached: "SELECT user_id FROM user_tokens WHERE secret_hash = ?", arguments: [hash]),
            let user = try UserRecord.find(db, id: userID)
        {
            return .user(user)
        }
        if token.hasPrefix("rill_svc_"),
            let serviceID = try String.fetchOne(
                db, cached: "SELECT service_id FROM service_tokens WHERE secret_hash = ?", arguments: [hash]),
            let service = try ServiceRecord.find(db, id: serviceID)
        {
            return .service(service)
        }
        throw RPCError(.unauthenticated, "auth token not found")
    }
}
