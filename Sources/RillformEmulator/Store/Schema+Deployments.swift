import GRDB

extension Schema {
    /// Deployments and their jobs (after the project migrations).
    ///
    /// Rill keeps `desired_status` and `desired_status_updated_on` on each deployment and queues a River
    /// `reconcile_deployment` job (admin/jobs/river/reconcile_deployment.go). The emulator stores that job on the row:
    /// `job_phase` is '' (none), 'queued' or 'working'; `job_due` (Unix seconds) is when the phase ends;
    /// `desired_version` stands for `desired_status_updated_on` (a counter, so equal-time updates still differ).
    static func registerDeploymentMigrations(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("deployments-desired-status-and-jobs") { db in
            try db.execute(sql: """
                ALTER TABLE deployments ADD COLUMN desired_status TEXT NOT NULL DEFAULT 'DEPLOYMENT_STATUS_RUNNING';
                ALTER TABLE deployments ADD COLUMN desired_version INTEGER NOT NULL DEFAULT 0;
                ALTER TABLE deployments ADD COLUMN job_phase TEXT NOT NULL DEFAULT '';
                ALTER TABLE deployments ADD COLUMN job_due REAL NOT NULL DEFAULT 0;
                ALTER TABLE deployments ADD COLUMN job_version INTEGER NOT NULL DEFAULT 0;
                ALTER TABLE deployments ADD COLUMN job_target TEXT NOT NULL DEFAULT '';
                UPDATE deployments SET desired_status = status WHERE status = 'DEPLOYMENT_STATUS_STOPPED';
                CREATE INDEX deployments_job_due ON deployments(job_phase, job_due);
                """)
        }
    }
}
