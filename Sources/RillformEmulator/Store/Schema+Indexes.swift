import GRDB

extension Schema {
    /// Lookups by project on tables keyed by (member, project): without these, `ListProjectMemberServices` and a
    /// user's project permissions scanned every role row of the org, so each call cost more as the org grew
    /// (found by the 4× benchmark: 16,000 service roles). Rill's migrations create the same two indexes
    /// (`service_projects_roles_project_service_idx`, `usergroups_projects_roles_project_usergroup_idx`).
    static func registerIndexMigrations(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("indexes-by-project") { db in
            try db.execute(sql: """
                CREATE INDEX service_projects_roles_project_service_idx
                    ON service_project_roles (project_id, service_id);
                CREATE INDEX usergroups_projects_roles_project_usergroup_idx
                    ON usergroup_project_roles (project_id, usergroup_id);
                """)
        }
    }
}
