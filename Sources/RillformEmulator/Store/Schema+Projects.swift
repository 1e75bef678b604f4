import GRDB

extension Schema {
    /// Orgs, projects, users and GitHub access (after "v1").
    static func registerProjectMigrations(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("projects-v2") { db in
            try db.execute(sql: """
                -- CreateOrganizationForUser records the creator; DeleteOrganization only enqueues a job, so an org
                -- being deleted keeps its row (and its name) until delete_after (unix seconds) has passed.
                ALTER TABLE orgs ADD COLUMN created_by_user_id TEXT NOT NULL DEFAULT '';
                ALTER TABLE orgs ADD COLUMN delete_after REAL;
                -- Roles of the org's system-managed usergroups on projects (CreateProject grants the org's default
                -- project role to autogroup:members). Keyed by group name: the groups themselves are implicit.
                CREATE TABLE project_autogroup_roles (
                    project_id TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
                    usergroup TEXT NOT NULL,
                    role TEXT NOT NULL,
                    PRIMARY KEY (project_id, usergroup)
                );
                -- The fake GitHub: which Rill user may deploy which github.com repository (app installed on it and
                -- the user a collaborator). Seeded by RunningEmulator.grantGitHubAccess.
                CREATE TABLE github_repo_access (
                    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
                    remote TEXT NOT NULL COLLATE NOCASE,
                    default_branch TEXT NOT NULL DEFAULT 'main',
                    PRIMARY KEY (user_id, remote)
                );
                -- Store-level switches of the emulator itself (not Rill state), e.g. github_open_access.
                CREATE TABLE emulator_flags (
                    name TEXT PRIMARY KEY,
                    value TEXT NOT NULL
                );
                -- Projects made before this migration were treated as visible to every org member.
                INSERT INTO project_autogroup_roles (project_id, usergroup, role)
                    SELECT id, 'autogroup:members', 'viewer' FROM projects;
                """)
        }
    }
}

/// Store-level switches of the emulator (persisted in `emulator_flags`).
enum EmulatorFlags {
    /// When "1", every user can deploy every github.com repository (`--local` turns this on).
    static let githubOpenAccess = "github_open_access"
    /// Milliseconds an org stays in "deleting" after DeleteOrganization (default 500).
    static let orgDeleteDelayMilliseconds = "org_delete_delay_ms"

    static func value(_ db: Database, _ name: String) throws -> String? {
        try String.fetchOne(db, sql: "SELECT value FROM emulator_flags WHERE name = ?", arguments: [name])
    }

    static func set(_ db: Database, _ name: String, _ value: String) throws {
        try db.execute(
            sql: "INSERT INTO emulator_flags (name, value) VALUES (?, ?) ON CONFLICT(name) DO UPDATE SET value = excluded.value",
            arguments: [name, value])
    }

    static func isGitHubOpen(_ db: Database) throws -> Bool { try value(db, githubOpenAccess) == "1" }

    static func orgDeleteDelaySeconds(_ db: Database) throws -> Double {
        guard let text = try value(db, orgDeleteDelayMilliseconds), let milliseconds = Double(text) else { return 0.5 }
        return max(0, milliseconds) / 1000
    }
}
