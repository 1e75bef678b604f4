import Foundation
import GRDB
import Synchronization

/// Rill's `reconcile_deployment` River job (admin/jobs/river/reconcile_deployment.go), run lazily: at the start of
/// each request the emulator runs every job phase that is due, in due-time order, inside a write transaction.
///
/// A job is queued (due at once) by `trigger`. When it starts it sets the transitional status the worker sets
/// (PENDING "Provisioning...", UPDATING "Updating...", STOPPING "Stopping...", DELETING "Deleting..."); it ends
/// `settleDelay` seconds later with the final status and an empty message (or, for a delete, by removing the row).
/// Phases are timed from their due time, not from the request that happens to run them, so what a request sees
/// depends only on when it arrives. With a settle delay of 0 the very next request sees the settled state.
enum DeploymentJobs {
    /// Queues a reconcile job unless one is already queued or working (a working job notices a newer desired
    /// status on completion and queues itself again, as the worker does).
    /// Due at `now`, or at the emulator clock's time when nil.
    static func trigger(_ db: Database, deploymentID: String, at now: Double? = nil) throws {
        try db.execute(
            cached: """
                UPDATE deployments SET job_phase = 'queued', job_due = COALESCE(?, \(EmulatorClock.sqlFunctionName)())
                WHERE id = ? AND job_phase = ''
                """,
            arguments: [now, deploymentID])
    }

    /// Runs every phase due at `now`, oldest first. Returns how many phases ran.
    @discardableResult
    static func runDue(_ db: Database, now: Double, settleDelay: Double) throws -> Int {
        var steps = 0
        // Bounded: a job requeues only when its desired status changed, which needs a request in between.
        while steps < 100_000,
            let row = try Row.fetchOne(
                db,
                cached: """
                    SELECT id, status, runtime_instance_id, desired_status, desired_version, job_phase, job_due,
                        job_version, job_target
                    FROM deployments WHERE job_phase != '' AND job_due <= ? ORDER BY job_due, id LIMIT 1
                    """, arguments: [now])
        {
            steps += 1
            let id: String = row["id"]
            let due: Double = row["job_due"]
            let stamp = Timestamp.format(Date(timeIntervalSince1970: due))
            if (row["job_phase"] as String) == "queued" {
                try start(db, row: row, id: id, due: due, stamp: stamp, settleDelay: max(0, settleDelay))
            } else {
                try finish(db, row: row, id: id, due: due, stamp: stamp)
            }
        }
        return steps
    }

    /// The start of `ReconcileDeploymentWorker.Work`: captures the desired-status version and sets the
    /// transitional status for the desired one.
    private static func start(_ db: Database, row: Row, id: String, due: Double, stamp: String, settleDelay: Double)
        throws
    {
        let desired: String = row["desired_status"]
        let status: String = row["status"]
        let transitional: (String, String)
        switch desired {
        case DeploymentRecord.running:
            transitional =
                status == DeploymentRecord.running
                ? (DeploymentRecord.updating, "Updating...") : (DeploymentRecord.pending, "Provisioning...")
        case DeploymentRecord.stopped: transitional = (DeploymentRecord.stopping, "Stopping...")
        case DeploymentRecord.deleted: transitional = (DeploymentRecord.deleting, "Deleting...")
        default:
            // "No action needed for other statuses."
            try db.execute(cached: "UPDATE deployments SET job_phase = '' WHERE id = ?", arguments: [id])
            return
        }
        try db.execute(
            cached: """
                UPDATE deployments SET status = ?, status_message = ?, updated_on = ?, job_phase = 'working',
                    job_due = ?, job_version = desired_version, job_target = desired_status
                WHERE id = ?
                """,
            arguments: [transitional.0, transitional.1, stamp, due + settleDelay, id])
        // StartDeploymentInner provisions a runtime and records its host and instance id (kept across stops:
        // provisioning is idempotent per deployment).
        if desired == DeploymentRecord.running, (row["runtime_instance_id"] as String).isEmpty {
            try db.execute(
                cached: "UPDATE deployments SET runtime_host = ?, runtime_instance_id = ? WHERE id = ?",
                arguments: [DeploymentRecord.runtimeHost, TokenFactory.hexString(bytes: 16), id])
        }
    }

    /// The end of `Work`: the final status with an empty message, or the row deleted; requeued when the
    /// desired status changed while the job worked.
    private static func finish(_ db: Database, row: Row, id: String, due: Double, stamp: String) throws {
        let target: String = row["job_target"]
        if target == DeploymentRecord.deleted {
            try db.execute(cached: "DELETE FROM deployments WHERE id = ?", arguments: [id])
            // projects.primary_deployment_id references deployments ON DELETE SET NULL in Rill.
            try db.execute(
                cached: "UPDATE projects SET primary_deployment_id = '' WHERE primary_deployment_id = ?", arguments: [id])
            return
        }
        let changed = (row["desired_version"] as Int) != (row["job_version"] as Int)
        try db.execute(
            cached: """
                UPDATE deployments SET status = ?, status_message = '', updated_on = ?, job_phase = ?, job_due = ?,
                    job_target = ''
                WHERE id = ?
                """,
            arguments: [target, stamp, changed ? "queued" : "", due, id])
    }

    /// When the next phase falls due, if any job exists.
    static func nextDue(_ db: Database) throws -> Double? {
        try Double.fetchOne(db, cached: "SELECT MIN(job_due) FROM deployments WHERE job_phase != ''")
    }
}

/// The earliest due job, remembered in memory so read requests open a write transaction only when a job is due.
/// It is updated inside each write transaction (so in commit order); a value that is too early only costs
/// one empty write.
final class JobSchedule: Sendable {
    private let next = Mutex<Double?>(nil)

    func set(_ due: Double?) { next.withLock { $0 = due } }

    func isDue(at now: Double) -> Bool { next.withLock { $0.map { $0 <= now } ?? false } }
}
