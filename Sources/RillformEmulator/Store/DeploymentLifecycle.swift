import GRDB

/// Side effects on deployments that other handlers trigger (ports of `admin/deployments.go`).
enum DeploymentLifecycle {
    /// Port of `admin.UpdateDeploymentsForProject` (called by `UpdateProject` when the prod version, slots,
    /// name, subpath, branch, git remote or archive change, and per project by an org rename): for every deployment
    /// of the project, `UpdateDeployment` sets the desired status to running and queues a reconcile job. The job
    /// then shows UPDATING "Updating..." for a running deployment (PENDING "Provisioning..." for a stopped one)
    /// before it settles as running again.
    static func updateDeploymentsForProject(_ db: Database, project: ProjectRecord, now: String) throws {
        for deployment in try DeploymentRecord.forProject(db, projectID: project.id) {
            try DeploymentRecord.setDesiredStatus(db, id: deployment.id, DeploymentRecord.running, now: now)
            try DeploymentJobs.trigger(db, deploymentID: deployment.id)
        }
    }
}
