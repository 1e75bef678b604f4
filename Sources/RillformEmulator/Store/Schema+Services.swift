import GRDB

extension Schema {
    /// Services, members and their roles (after the deployment migrations).
    static func registerServiceMigrations(_ migrator: inout DatabaseMigrator) {
        // Rill's `service` table: `name TEXT` (case-sensitive lookups, `FindServiceByName` is `name=$2`)
        // with `CREATE UNIQUE INDEX service_name_idx ON service (org_id, lower(name))` (case-insensitive
        // uniqueness). "v1" had `COLLATE NOCASE`, which made lookups case-insensitive too: rebuild the table.
        // GRDB runs migrations with foreign keys off, so dropping the old table keeps the role/token rows.
        migrator.registerMigration("services-case-sensitive-names") { db in
            try db.execute(sql: """
                CREATE TABLE services_new (
                    id TEXT PRIMARY KEY,
                    org_id TEXT NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
                    name TEXT NOT NULL,
                    attributes TEXT NOT NULL DEFAULT '{}',
                    created_on TEXT NOT NULL,
                    updated_on TEXT NOT NULL
                );
                INSERT INTO services_new (id, org_id, name, attributes, created_on, updated_on)
                    SELECT id, org_id, name, attributes, created_on, updated_on FROM services ORDER BY rowid;
                DROP TABLE services;
                ALTER TABLE services_new RENAME TO services;
                CREATE UNIQUE INDEX service_name_idx ON services (org_id, lower(name));
                """)
        }
    }
}
