import Foundation
import GRDB
@testable import RillformEmulator
import RillformTestSupport
import Testing

/// Deployments are asynchronous (CreateDeployment / StartDeployment / StopDeployment / DeleteDeployment and the
/// reconcile_deployment job). With the in-process settle delay of 0 the next request sees the settled state.
@Suite struct DeploymentTests {
    private static let pending = "DEPLOYMENT_STATUS_PENDING"
    private static let running = "DEPLOYMENT_STATUS_RUNNING"
    private static let stopped = "DEPLOYMENT_STATUS_STOPPED"

    private func deployment(_ http: EmulatorHTTP, _ id: String, project: String = "sales") async throws -> JSON? {
        let listed = expectOK(try await http.get("/v1/orgs/acme/projects/\(project)/deployments"))
        return listed["deployments"]?.arrayValue.first { $0["id"]?.stringValue == id }
    }

    @Test func createStartStopDeleteAreAsynchronous() async throws {
        try await withEmulator { emulator in
            let admin = EmulatorHTTP(emulator, token: try #require(emulator.adminToken) as String)
            expectOK(try await admin.post("/v1/orgs", #"{"name":"acme"}"#))
            expectOK(try await admin.post("/v1/orgs/acme/projects", #"{"project":"sales","archiveAssetId":"asset-1"}"#))
            let base = "/v1/orgs/acme/projects/sales/deployments"
            // CreateProject's prod deployment has settled by the next request: owner empty, primary branch.
            let listed = expectOK(try await admin.get(base))
            let prod = try #require(listed["deployments"]?.arrayValue.first)
            #expect(listed["deployments"]?.arrayValue.count == 1)
            #expect(prod["environment"]?.stringValue == "prod")
            #expect(prod["status"]?.stringValue == Self.running)
            #expect(prod["statusMessage"]?.stringValue == "")
            #expect(prod["ownerUserId"]?.stringValue == "")
            #expect(prod["branch"]?.stringValue == "")
            #expect(prod["runtimeHost"]?.stringValue == "http://localhost:9009")
            #expect(prod["runtimeInstanceId"]?.stringValue?.isEmpty == false)

            // Create answers PENDING "Provisioning..." with no runtime yet; the owner is the calling user.
            let me = expectOK(try await admin.get("/v1/users/current"))["user"]?["id"]?.stringValue
            let created = expectOK(try await admin.post(base, #"{"environment":"dev","branch":"feature","editable":true}"#))
            let dev = try #require(created["deployment"])
            let devID = try #require(dev["id"]?.stringValue)
            #expect(dev["status"]?.stringValue == Self.pending)
            #expect(dev["statusMessage"]?.stringValue == "Provisioning...")
            #expect(dev["runtimeHost"]?.stringValue == "")
            #expect(dev["runtimeInstanceId"]?.stringValue == "")
            #expect(dev["branch"]?.stringValue == "feature")
            #expect(dev["editable"]?.boolValue == true)
            #expect(dev["ownerUserId"]?.stringValue == me)
            let settled = try #require(try await deployment(admin, devID))
            #expect(settled["status"]?.stringValue == Self.running)
            #expect(settled["statusMessage"]?.stringValue == "")
            #expect(settled["runtimeHost"]?.stringValue == "http://localhost:9009")
            let instance = settled["runtimeInstanceId"]?.stringValue
            #expect(instance?.isEmpty == false)

            // Stop answers with the id; the job settles it as STOPPED.
            #expect(expectOK(try await admin.post("/v1/deployments/\(devID)/stop"))["deploymentId"]?.stringValue == devID)
            #expect(try await deployment(admin, devID)?["status"]?.stringValue == Self.stopped)
            // Start answers with the row as it is (still STOPPED): only the desired status changed.
            let started = expectOK(try await admin.post("/v1/deployments/\(devID)/start"))
            #expect(started["deployment"]?["status"]?.stringValue == Self.stopped)
            let restarted = try #require(try await deployment(admin, devID))
            #expect(restarted["status"]?.stringValue == Self.running)
            #expect(restarted["runtimeInstanceId"]?.stringValue == instance)  // provisioning is idempotent
            // Starting a running deployment updates it (UPDATING, then RUNNING again).
            #expect(expectOK(try await admin.post("/v1/deployments/\(devID)/start"))["deployment"]?["status"]?.stringValue == Self.running)
            #expect(try await deployment(admin, devID)?["status"]?.stringValue == Self.running)

            // Delete answers with the id; the job removes the row, after which the id is unknown (InvalidArgument).
            #expect(expectOK(try await admin.delete("/v1/deployments/\(devID)"))["deploymentId"]?.stringValue == devID)
            #expect(try await deployment(admin, devID) == nil)
            let again = try await admin.delete("/v1/deployments/\(devID)")
            expectError(again, status: 400, code: 3)
            #expect(again.message == "deployment not found")

            // A dev deployment without a branch gets "rill/" + 16 hex digits.
            let random = expectOK(try await admin.post(base, #"{"environment":"dev"}"#))
            let branch = try #require(random["deployment"]?["branch"]?.stringValue)
            #expect(branch.hasPrefix("rill/") && branch.count == 21)
        }
    }

    @Test func createRulesAndMessages() async throws {
        try await withEmulator { emulator in
            let admin = EmulatorHTTP(emulator, token: try #require(emulator.adminToken) as String)
            expectOK(try await admin.post("/v1/orgs", #"{"name":"acme"}"#))
            expectOK(try await admin.post("/v1/orgs/acme/projects", #"{"project":"sales","archiveAssetId":"asset-1"}"#))
            let base = "/v1/orgs/acme/projects/sales/deployments"
            func expectMessage(_ result: HTTPResult, _ status: Int, _ code: Int, _ message: String,
                               sourceLocation: SourceLocation = #_sourceLocation) {
                expectError(result, status: status, code: code, sourceLocation: sourceLocation)
                #expect(result.message == message, sourceLocation: sourceLocation)
            }
            expectOK(try await admin.post(base, #"{"environment":"dev","branch":"feature"}"#))
            expectMessage(
                try await admin.post(base, #"{"environment":"dev","branch":"feature"}"#), 400, 3,
                #"another deployment for the specified branch "feature" already exists in "dev" environment"#)
            // Prod defaults to the primary branch ("" here), which the existing prod deployment already uses.
            expectMessage(
                try await admin.post(base, #"{"environment":"prod"}"#), 400, 3,
                #"another deployment for the specified branch "" already exists in "prod" environment"#)
            expectMessage(
                try await admin.post(base, #"{"environment":"prod","branch":"feature"}"#), 400, 3,
                #"another deployment for the specified branch "feature" already exists in "dev" environment"#)
            expectMessage(
                try await admin.post(base, #"{"environment":"prod","editable":true}"#), 400, 3,
                "editable cannot be set for prod deployments")
            expectMessage(
                try await admin.post(base, #"{"environment":"staging"}"#), 400, 3,
                "invalid environment specified, must be 'prod' or 'dev'")
            expectMessage(try await admin.post(base, #"{}"#), 400, 3, "invalid environment specified, must be 'prod' or 'dev'")
            expectMessage(try await admin.get("/v1/orgs/acme/projects/nope/deployments"), 400, 3, "project not found")
            expectMessage(try await admin.post("/v1/deployments/nope/start"), 400, 3, "deployment not found")

            // Permissions: an org viewer reads the project (and prod) but manages nothing; an outsider reads nothing.
            let viewerToken = try await emulator.createUser(email: "viewer@example.com")
            expectOK(try await admin.post("/v1/orgs/acme/members", #"{"email":"viewer@example.com","role":"viewer"}"#))
            let viewer = admin.with(token: viewerToken)
            let seen = expectOK(try await viewer.get(base))["deployments"]?.arrayValue ?? []
            #expect(seen.map { $0["environment"]?.stringValue } == ["prod"])  // no readDev
            expectMessage(try await viewer.post(base, #"{"environment":"dev"}"#), 403, 7,
                          "does not have permission to manage dev deployment")
            expectMessage(try await viewer.post(base, #"{"environment":"staging"}"#), 403, 7,
                          "does not have permission to manage prod deployment")
            let prodID = try #require(seen.first?["id"]?.stringValue)
            expectMessage(try await viewer.post("/v1/deployments/\(prodID)/stop"), 403, 7,
                          "does not have permission to manage prod deployment")
            let outsider = admin.with(token: try await emulator.createUser(email: "out@example.com"))
            expectMessage(try await outsider.get(base), 403, 7, "does not have permission to read project")
        }
    }

    /// A settle delay keeps the transitional statuses visible: DELETING rows linger (and still hold their branch)
    /// until the job removes them, and the project's primary deployment is cleared then.
    @Test func deletingDeploymentsLingerUntilTheJobRuns() async throws {
        // The clock is frozen: jobs move only when the test advances it, so no machine is too slow for
        // "still transitional" and no sleep is needed for "settled".
        try await withEmulator({ $0.deploymentSettleDelay = 60 }) { emulator in
            emulator.freezeClock()
            let admin = EmulatorHTTP(emulator, token: try #require(emulator.adminToken) as String)
            expectOK(try await admin.post("/v1/orgs", #"{"name":"acme"}"#))
            expectOK(try await admin.post("/v1/orgs/acme/projects", #"{"project":"sales","archiveAssetId":"asset-1"}"#))
            let base = "/v1/orgs/acme/projects/sales/deployments"
            let created = expectOK(try await admin.post(base, #"{"environment":"dev","branch":"feature"}"#))
            let devID = try #require(created["deployment"]?["id"]?.stringValue)
            let provisioning = try #require(try await deployment(admin, devID))
            #expect(provisioning["status"]?.stringValue == Self.pending)
            #expect(provisioning["statusMessage"]?.stringValue == "Provisioning...")
            emulator.advanceClock(by: 59)
            #expect(try await deployment(admin, devID)?["status"]?.stringValue == Self.pending)
            emulator.advanceClock(by: 1)
            #expect(try await deployment(admin, devID)?["status"]?.stringValue == Self.running)

            expectOK(try await admin.post("/v1/deployments/\(devID)/stop"))
            let stopping = try #require(try await deployment(admin, devID))
            #expect(stopping["status"]?.stringValue == "DEPLOYMENT_STATUS_STOPPING")
            #expect(stopping["statusMessage"]?.stringValue == "Stopping...")
            emulator.advanceClock(by: 60)
            #expect(try await deployment(admin, devID)?["status"]?.stringValue == Self.stopped)

            expectOK(try await admin.delete("/v1/deployments/\(devID)"))
            let deleting = try #require(try await deployment(admin, devID))
            #expect(deleting["status"]?.stringValue == "DEPLOYMENT_STATUS_DELETING")
            #expect(deleting["statusMessage"]?.stringValue == "Deleting...")
            expectOK(try await admin.delete("/v1/deployments/\(devID)"))  // still there: deleting again is accepted
            expectError(try await admin.post(base, #"{"environment":"dev","branch":"feature"}"#), status: 400, code: 3,
                        contains: "already exists")

            let project = expectOK(try await admin.get("/v1/orgs/acme/projects/sales"))
            let prodID = try #require(project["project"]?["primaryDeploymentId"]?.stringValue)
            expectOK(try await admin.delete("/v1/deployments/\(prodID)"))
            emulator.advanceClock(by: 60)
            #expect(try await deployment(admin, devID) == nil)
            #expect(try await deployment(admin, prodID) == nil)
            let after = expectOK(try await admin.get("/v1/orgs/acme/projects/sales"))
            #expect(after["project"]?["primaryDeploymentId"]?.stringValue ?? "" == "")
            // The branch is free again; a new prod deployment becomes the primary one.
            expectOK(try await admin.post(base, #"{"environment":"dev","branch":"feature"}"#))
            let newProd = expectOK(try await admin.post(base, #"{"environment":"prod"}"#))
            let reread = expectOK(try await admin.get("/v1/orgs/acme/projects/sales"))
            #expect(reread["project"]?["primaryDeploymentId"] == newProd["deployment"]?["id"])
        }
    }

    /// The job state machine on explicit times: `UpdateDeploymentsForProject` makes a running deployment
    /// UPDATING and a stopped one PENDING, both RUNNING once the job ends; the same steps give the same statuses.
    @Test func updateDeploymentsForProjectQueuesReconciles() async throws {
        try await withEmulator { emulator in
            let admin = EmulatorHTTP(emulator, token: try #require(emulator.adminToken) as String)
            expectOK(try await admin.post("/v1/orgs", #"{"name":"acme"}"#))
            expectOK(try await admin.post("/v1/orgs/acme/projects", #"{"project":"sales","archiveAssetId":"asset-1"}"#))
            let dev = expectOK(try await admin.post("/v1/orgs/acme/projects/sales/deployments", #"{"environment":"dev"}"#))
            let devID = try #require(dev["deployment"]?["id"]?.stringValue)
            expectOK(try await admin.post("/v1/deployments/\(devID)/stop"))
            expectOK(try await admin.get("/v1/orgs/acme/projects/sales/deployments"))  // settles: prod running, dev stopped

            let statuses: @Sendable (Database) throws -> [String: String] = { db in
                let rows = try Row.fetchAll(db, sql: "SELECT environment, status, status_message FROM deployments")
                return Dictionary(uniqueKeysWithValues: rows.map {
                    ($0["environment"] as String, ($0["status"] as String) + " " + ($0["status_message"] as String))
                })
            }
            let start = Date().timeIntervalSince1970 + 1
            let observed = try await emulator.store.pool.write { db -> [[String: String]] in
                guard let project = try ProjectRecord.find(db, id: try String.fetchOne(db, sql: "SELECT id FROM projects") ?? "")
                else { return [] }
                try DeploymentLifecycle.updateDeploymentsForProject(db, project: project, now: "2026-01-01T00:00:00Z")
                var seen = [try statuses(db)]
                try DeploymentJobs.runDue(db, now: start, settleDelay: 10)
                seen.append(try statuses(db))
                try DeploymentJobs.runDue(db, now: start + 5, settleDelay: 10)
                seen.append(try statuses(db))
                try DeploymentJobs.runDue(db, now: start + 11, settleDelay: 10)
                seen.append(try statuses(db))
                return seen
            }
            #expect(observed == [
                ["prod": "DEPLOYMENT_STATUS_RUNNING ", "dev": "DEPLOYMENT_STATUS_STOPPED "],
                ["prod": "DEPLOYMENT_STATUS_UPDATING Updating...", "dev": "DEPLOYMENT_STATUS_PENDING Provisioning..."],
                ["prod": "DEPLOYMENT_STATUS_UPDATING Updating...", "dev": "DEPLOYMENT_STATUS_PENDING Provisioning..."],
                ["prod": "DEPLOYMENT_STATUS_RUNNING ", "dev": "DEPLOYMENT_STATUS_RUNNING "],
            ])
        }
    }

    /// A desired status that changes while the job works makes it run again (the worker's reschedule).
    @Test func aJobRequeuesWhenTheDesiredStatusChangesMeanwhile() async throws {
        try await withEmulator { emulator in
            let admin = EmulatorHTTP(emulator, token: try #require(emulator.adminToken) as String)
            expectOK(try await admin.post("/v1/orgs", #"{"name":"acme"}"#))
            expectOK(try await admin.post("/v1/orgs/acme/projects", #"{"project":"sales","archiveAssetId":"asset-1"}"#))
            let dev = expectOK(try await admin.post("/v1/orgs/acme/projects/sales/deployments", #"{"environment":"dev"}"#))
            let devID = try #require(dev["deployment"]?["id"]?.stringValue)
            expectOK(try await admin.get("/v1/orgs/acme/projects/sales/deployments"))
            let start = Date().timeIntervalSince1970 + 1
            let seen = try await emulator.store.pool.write { db -> [String] in
                func status() throws -> String {
                    try String.fetchOne(db, sql: "SELECT status FROM deployments WHERE id = ?", arguments: [devID]) ?? "gone"
                }
                try DeploymentRecord.setDesiredStatus(db, id: devID, DeploymentRecord.stopped, now: "t")
                try DeploymentJobs.trigger(db, deploymentID: devID, at: start)
                try DeploymentJobs.runDue(db, now: start, settleDelay: 10)
                var out = [try status()]
                // Deleted while stopping: the stop completes, then the job runs again and deletes.
                try DeploymentRecord.setDesiredStatus(db, id: devID, DeploymentRecord.deleted, now: "t")
                try DeploymentJobs.trigger(db, deploymentID: devID, at: start + 1)
                try DeploymentJobs.runDue(db, now: start + 10, settleDelay: 10)
                out.append(try status())
                try DeploymentJobs.runDue(db, now: start + 20, settleDelay: 10)
                out.append(try status())
                return out
            }
            #expect(seen == ["DEPLOYMENT_STATUS_STOPPING", "DEPLOYMENT_STATUS_DELETING", "gone"])
        }
    }
}
