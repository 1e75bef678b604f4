import Foundation

extension RunningEmulator {
    /// Simulates a person signing up to Rill with `email` (emulator-only; Rill does this on first login through
    /// `admin.CreateOrUpdateUser`, see `SignUp`): a new user accepts their pending org and project invites and
    /// joins orgs and projects whose whitelisted domains match. Returns a fresh user token; for an email that
    /// already has an account it only issues a token, like a repeat login.
    public func signUpUser(email: String) async throws -> String {
        let now = Timestamp.format(clock.date)
        return try await store.pool.write { db in
            let user = try SignUp.createOrUpdateUser(db, email: email, now: now).user
            return try UserRecord.issueToken(db, userID: user.id, now: now)
        }
    }
}
