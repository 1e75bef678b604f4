import GRDB

/// The emulator's SQLite schema, as GRDB migrations. Names are unique case-insensitively, like Rill's.
enum Schema {
    static func migrator() -> DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.execute(sql: """
                CREATE TABLE users (
                    id TEXT PRIMARY KEY,
                    email TEXT NOT NULL UNIQUE COLLATE NOCASE,
                    display_name TEXT NOT NULL DEFAULT '',
                    created_on TEXT NOT NULL,
                    updated_on TEXT NOT NULL
                );
                CREATE TABLE user_tokens (
                    id TEXT PRIMARY KEY,
                    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
                    secret_hash TEXT NOT NULL UNIQUE,
                    prefix TEXT NOT NULL,
                    created_on TEXT NOT NULL
                );
                CREATE TABLE orgs (
                    id TEXT PRIMARY KEY,
                    name TEXT NOT NULL UNIQUE COLLATE NOCASE,
                    display_name TEXT NOT NULL DEFAULT '',
                    description TEXT NOT NULL DEFAULT '',
                    billing_email TEXT NOT NULL DEFAULT '',
                    default_project_role_id TEXT NOT NULL DEFAULT '',
                    quota_projects INTEGER NOT NULL,
                    quota_deployments INTEGER NOT NULL,
                    quota_slots_total INTEGER NOT NULL,
                    quota_slots_per_deployment INTEGER NOT NULL,
                    quota_outstanding_invites INTEGER NOT NULL,
                    quota_storage_limit_bytes_per_deployment INTEGER NOT NULL,
                    created_on TEXT NOT NULL,
                    updated_on TEXT NOT NULL
                );
                CREATE TABLE org_members (
                    org_id TEXT NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
                    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
                    role TEXT NOT NULL,
                    created_on TEXT NOT NULL,
                    updated_on TEXT NOT NULL,
                    PRIMARY KEY (org_id, user_id)
                );
                CREATE TABLE org_invites (
                    org_id TEXT NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
                    email TEXT NOT NULL COLLATE NOCASE,
                    role TEXT NOT NULL,
                    invited_by_user_id TEXT NOT NULL DEFAULT '',
                    created_on TEXT NOT NULL,
                    PRIMARY KEY (org_id, email)
                );
                CREATE TABLE projects (
                    id TEXT PRIMARY KEY,
                    org_id TEXT NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
                    name TEXT NOT NULL COLLATE NOCASE,
                    description TEXT NOT NULL DEFAULT '',
                    public INTEGER NOT NULL DEFAULT 0,
                    created_by_user_id TEXT NOT NULL DEFAULT '',
                    directory_name TEXT NOT NULL DEFAULT '',
                    provisioner TEXT NOT NULL DEFAULT '',
                    git_remote TEXT NOT NULL DEFAULT '',
                    subpath TEXT NOT NULL DEFAULT '',
                    primary_branch TEXT NOT NULL DEFAULT '',
                    archive_asset_id TEXT NOT NULL DEFAULT '',
                    prod_slots INTEGER NOT NULL,
                    dev_slots INTEGER NOT NULL,
                    prod_ttl_seconds INTEGER NOT NULL DEFAULT 0,
                    prod_version TEXT NOT NULL DEFAULT '',
                    primary_deployment_id TEXT NOT NULL DEFAULT '',
                    created_on TEXT NOT NULL,
                    updated_on TEXT NOT NULL,
                    UNIQUE (org_id, name)
                );
                CREATE TABLE project_members (
                    project_id TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
                    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
                    role TEXT NOT NULL,
                    created_on TEXT NOT NULL,
                    updated_on TEXT NOT NULL,
                    PRIMARY KEY (project_id, user_id)
                );
                CREATE TABLE project_invites (
                    project_id TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
                    email TEXT NOT NULL COLLATE NOCASE,
                    role TEXT NOT NULL,
                    invited_by_user_id TEXT NOT NULL DEFAULT '',
                    created_on TEXT NOT NULL,
                    PRIMARY KEY (project_id, email)
                );
                CREATE TABLE deployments (
                    id TEXT PRIMARY KEY,
                    project_id TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
                    owner_user_id TEXT NOT NULL DEFAULT '',
                    environment TEXT NOT NULL,
                    branch TEXT NOT NULL DEFAULT '',
                    editable INTEGER NOT NULL DEFAULT 0,
                    slots INTEGER NOT NULL DEFAULT 0,
                    runtime_host TEXT NOT NULL,
                    runtime_instance_id TEXT NOT NULL,
                    status TEXT NOT NULL,
                    status_message TEXT NOT NULL DEFAULT '',
                    created_on TEXT NOT NULL,
                    updated_on TEXT NOT NULL
                );
                CREATE INDEX deployments_project ON deployments(project_id);
                CREATE TABLE services (
                    id TEXT PRIMARY KEY,
                    org_id TEXT NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
                    name TEXT NOT NULL COLLATE NOCASE,
                    attributes TEXT NOT NULL DEFAULT '{}',
                    created_on TEXT NOT NULL,
                    updated_on TEXT NOT NULL,
                    UNIQUE (org_id, name)
                );
                CREATE TABLE service_org_roles (
                    service_id TEXT PRIMARY KEY REFERENCES services(id) ON DELETE CASCADE,
                    org_id TEXT NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
                    role TEXT NOT NULL
                );
                CREATE TABLE service_project_roles (
                    service_id TEXT NOT NULL REFERENCES services(id) ON DELETE CASCADE,
                    project_id TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
                    role TEXT NOT NULL,
                    PRIMARY KEY (service_id, project_id)
                );
                CREATE TABLE service_tokens (
                    id TEXT PRIMARY KEY,
                    service_id TEXT NOT NULL REFERENCES services(id) ON DELETE CASCADE,
                    secret_hash TEXT NOT NULL UNIQUE,
                    prefix TEXT NOT NULL,
                    created_on TEXT NOT NULL
                );
                """)
        }
        // Later migrations, one file per area so they can evolve independently.
        registerProjectMigrations(&migrator)
        registerDeploymentMigrations(&migrator)
        registerServiceMigrations(&migrator)
        registerAccessMigrations(&migrator)
        registerIndexMigrations(&migrator)
        return migrator
    }
}
