import GRDB

extension Schema {
    /// People's access (after the service migrations): usergroups, member attributes, invite groups, resource
    /// restrictions and whitelisted email domains, as Rill's admin/database/postgres migrations shape them.
    static func registerAccessMigrations(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("access-usergroups-domains") { db in
            try db.execute(sql: """
                -- Rill's `usergroups`: `usergroups_name_idx` is unique on (org_id, lower(name)); managed groups
                -- (autogroup:users/members/guests) are inserted with the org (InsertManagedUsergroups).
                CREATE TABLE usergroups (
                    id TEXT PRIMARY KEY,
                    org_id TEXT NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
                    name TEXT NOT NULL,
                    description TEXT NOT NULL DEFAULT '',
                    managed INTEGER NOT NULL DEFAULT 0,
                    created_on TEXT NOT NULL,
                    updated_on TEXT NOT NULL
                );
                CREATE UNIQUE INDEX usergroups_name_idx ON usergroups (org_id, lower(name));
                -- `usergroups_users` for groups people edit. Managed groups' members are derived from org_members
                -- (see usergroup_users), which is what InsertManagedUsergroupsMemberUser and its delete keep in
                -- sync on every org membership change in Rill.
                CREATE TABLE usergroup_members (
                    usergroup_id TEXT NOT NULL REFERENCES usergroups(id) ON DELETE CASCADE,
                    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
                    created_on TEXT NOT NULL,
                    PRIMARY KEY (usergroup_id, user_id)
                );
                CREATE VIEW usergroup_users AS
                    SELECT usergroup_id, user_id, created_on FROM usergroup_members
                    UNION ALL
                    SELECT g.id, m.user_id, m.created_on FROM usergroups g JOIN org_members m ON m.org_id = g.org_id
                    WHERE g.managed = 1 AND (g.name = 'autogroup:users'
                        OR (g.name = 'autogroup:members' AND m.role != 'guest')
                        OR (g.name = 'autogroup:guests' AND m.role = 'guest'));
                CREATE TABLE usergroup_org_roles (
                    usergroup_id TEXT PRIMARY KEY REFERENCES usergroups(id) ON DELETE CASCADE,
                    org_id TEXT NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
                    role TEXT NOT NULL,
                    created_on TEXT NOT NULL,
                    updated_on TEXT NOT NULL
                );
                CREATE TABLE usergroup_project_roles (
                    usergroup_id TEXT NOT NULL REFERENCES usergroups(id) ON DELETE CASCADE,
                    project_id TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
                    role TEXT NOT NULL,
                    restrict_resources INTEGER NOT NULL DEFAULT 0,
                    resources TEXT NOT NULL DEFAULT '[]',
                    created_on TEXT NOT NULL,
                    updated_on TEXT NOT NULL,
                    PRIMARY KEY (usergroup_id, project_id)
                );
                -- Every existing org gets its managed groups, and the autogroup:members project roles move over.
                INSERT INTO usergroups (id, org_id, name, managed, created_on, updated_on)
                    SELECT lower(hex(randomblob(16))), o.id, g.name, 1, o.created_on, o.created_on
                    FROM orgs o, (SELECT 'autogroup:users' AS name UNION ALL SELECT 'autogroup:members'
                                  UNION ALL SELECT 'autogroup:guests') g;
                INSERT INTO usergroup_project_roles (usergroup_id, project_id, role, created_on, updated_on)
                    SELECT g.id, r.project_id, r.role, p.created_on, p.created_on
                    FROM project_autogroup_roles r JOIN projects p ON p.id = r.project_id
                    JOIN usergroups g ON g.org_id = p.org_id AND g.name = r.usergroup;
                DROP TABLE project_autogroup_roles;

                ALTER TABLE org_members ADD COLUMN attributes TEXT NOT NULL DEFAULT '{}';
                -- AddUsergroupMemberUser on a pending invite records the group on the invite (usergroup_ids).
                ALTER TABLE org_invites ADD COLUMN usergroup_ids TEXT NOT NULL DEFAULT '[]';
                ALTER TABLE project_members ADD COLUMN restrict_resources INTEGER NOT NULL DEFAULT 0;
                ALTER TABLE project_members ADD COLUMN resources TEXT NOT NULL DEFAULT '[]';
                ALTER TABLE project_invites ADD COLUMN restrict_resources INTEGER NOT NULL DEFAULT 0;
                ALTER TABLE project_invites ADD COLUMN resources TEXT NOT NULL DEFAULT '[]';

                -- `orgs_autoinvite_domains` and `projects_autoinvite_domains`.
                CREATE TABLE org_whitelisted_domains (
                    org_id TEXT NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
                    domain TEXT NOT NULL COLLATE NOCASE,
                    role TEXT NOT NULL,
                    created_on TEXT NOT NULL,
                    PRIMARY KEY (org_id, domain)
                );
                CREATE TABLE project_whitelisted_domains (
                    project_id TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
                    domain TEXT NOT NULL COLLATE NOCASE,
                    role TEXT NOT NULL,
                    created_on TEXT NOT NULL,
                    PRIMARY KEY (project_id, domain)
                );
                """)
        }
    }
}
