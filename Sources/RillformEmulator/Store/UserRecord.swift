import GRDB

/// A row of `users`.
struct UserRecord: Sendable {
    let id: String
    let email: String
    let displayName: String
    let createdOn: String
    let updatedOn: String

    init(row: Row) {
        id = row["id"]
        email = row["email"]
        displayName = row["display_name"]
        createdOn = row["created_on"]
        updatedOn = row["updated_on"]
    }

    static func find(_ db: Database, id: String) throws -> UserRecord? {
        try Row.fetchOne(db, cached: "SELECT * FROM users WHERE id = ?", arguments: [id]).map(UserRecord.init)
    }

    static func find(_ db: Database, email: String) throws -> UserRecord? {
        try Row.fetchOne(db, cached: "SELECT * FROM users WHERE email = ?", arguments: [email]).map(UserRecord.init)
    }

    /// Creates a user and a user token; returns the plaintext token (only its hash is stored).
    static func create(_ db: Database, email: String, now: String) throws -> (UserRecord, String) {
        let user = try insert(db, email: email, now: now)
        return (user, try issueToken(db, userID: user.id, now: now))
    }

    /// The `users` row alone (display name: the email's local part).
    static func insert(_ db: Database, email: String, now: String) throws -> UserRecord {
        let id = TokenFactory.newID()
        let name = String(email.split(separator: "@").first ?? Substring(email))
        try db.execute(
            cached: "INSERT INTO users (id, email, display_name, created_on, updated_on) VALUES (?, ?, ?, ?, ?)",
            arguments: [id, email, name, now, now])
        guard let user = try find(db, id: id) else { throw RPCError(.internal, "user vanished") }
        return user
    }

    static func issueToken(_ db: Database, userID: String, now: String) throws -> String {
        let token = TokenFactory.userToken()
        try db.execute(
            cached: "INSERT INTO user_tokens (id, user_id, secret_hash, prefix, created_on) VALUES (?, ?, ?, ?, ?)",
            arguments: [TokenFactory.newID(), userID, TokenDigest.hex(token), TokenFactory.prefix(of: token), now])
        return token
    }

    var json: JSON {
        .object([
            "id": .string(id), "email": .string(email), "displayName": .string(displayName),
            "photoUrl": .string(""),
            "quotas": .object(["singleuserOrgs": .int(-1), "trialOrgs": .int(-1)]),
            "createdOn": .string(createdOn), "updatedOn": .string(updatedOn),
        ])
    }
}
