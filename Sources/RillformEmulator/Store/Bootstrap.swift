import Foundation
import GRDB

/// First start of a new state file: one admin user with one user token.
enum Bootstrap {
    static let adminEmail = "admin@rillform.local"

    /// Creates the admin and returns its token, also writing it to `tokenFile` (mode 0600) when given.
    static func createAdmin(store: Store, tokenFile: String?) async throws -> String {
        let now = Timestamp.format(Date())
        let token = try await store.pool.write { db in
            try UserRecord.create(db, email: adminEmail, now: now).1
        }
        guard let tokenFile else { return token }
        guard
            FileManager.default.createFile(
                atPath: tokenFile, contents: Data((token + "\n").utf8), attributes: [.posixPermissions: 0o600])
        else { throw EmulatorError.cannotOpen(tokenFile) }
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: tokenFile)
        return token
    }
}
