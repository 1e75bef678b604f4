import Foundation
import GRDB

extension RunningEmulator {
    /// Seeds the fake GitHub: the user with `email` (created if missing, without a token) may deploy `remote`,
    /// which also marks Rill's GitHub app as installed on it. `remote` is normalised like Rill does (`.git` added
    /// to github.com HTTPS URLs).
    public func grantGitHubAccess(email: String, remote: String, defaultBranch: String = "main") async throws {
        let now = Timestamp.format(Date())
        let normalized = GitHubAccess.normalize(remote)
        try await store.pool.write { db in
            let user = try UserRecord.find(db, email: email) ?? UserRecord.create(db, email: email, now: now).0
            try db.execute(
                sql: """
                    INSERT INTO github_repo_access (user_id, remote, default_branch) VALUES (?, ?, ?)
                    ON CONFLICT(user_id, remote) DO UPDATE SET default_branch = excluded.default_branch
                    """, arguments: [user.id, normalized, defaultBranch])
        }
    }

    /// Removes one user's access to `remote`.
    public func revokeGitHubAccess(email: String, remote: String) async throws {
        let normalized = GitHubAccess.normalize(remote)
        try await store.pool.write { db in
            try db.execute(
                sql: """
                    DELETE FROM github_repo_access WHERE remote = ?
                    AND user_id = (SELECT id FROM users WHERE email = ?)
                    """, arguments: [normalized, email])
        }
    }

    /// Store-level switch (persisted): every user may deploy every github.com repository, with default branch
    /// `main`. `--local` mode turns it on, since there is no GitHub to ask.
    public func setGitHubOpenAccess(_ open: Bool) async throws {
        try await store.pool.write { db in try EmulatorFlags.set(db, EmulatorFlags.githubOpenAccess, open ? "1" : "0") }
    }

    /// How long a deleted org stays in "deleting" (still readable, name taken) before it is gone.
    public func setOrgDeleteDelay(milliseconds: Int) async throws {
        try await store.pool.write { db in
            try EmulatorFlags.set(db, EmulatorFlags.orgDeleteDelayMilliseconds, String(max(0, milliseconds)))
        }
    }
}
