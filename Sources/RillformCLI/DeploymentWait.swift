import Foundation
import RillformAPI
import RillformApply
import RillformModel
import RillformPlan

/// `apply --wait`: after the last write, polls the deployments of every project the plan touched until none is
/// transitional (Rill deploys asynchronously), like Terraform waiting for readiness. Fails (exit 1) when a
/// deployment settles as ERRORED or the timeout passes, naming each deployment and Rill's status message.
enum DeploymentWait {
    static func run(plan: Plan, reader: RillAdminReader, timeout: Duration, pollInterval: Duration,
                    output: FileDescriptorOutput) async throws -> ExitStatus {
        let projects = DeploymentSettling.projects(touchedBy: plan)
        guard !projects.isEmpty else { return .success }
        let clock = ContinuousClock()
        let start = clock.now
        var lastPending: [DeploymentSettling.Entry] = []
        var lastPrinted = start
        while true {
            let settling = try await read(projects, reader: reader)
            let elapsed = start.duration(to: clock.now)
            if settling.isSettled {
                if !settling.errored.isEmpty {
                    Terminal.standardError.write(
                        "Error: \(settling.errored.count == 1 ? "a deployment" : "deployments") settled as ERRORED:\n"
                            + settling.errored.map { "  - \($0.description)\n" }.joined())
                    return .error
                }
                output.write("All deployments settled (\(Int(elapsed.components.seconds))s).\n")
                return .success
            }
            if elapsed >= timeout {
                Terminal.standardError.write(
                    "Error: timed out after \(Int(timeout.components.seconds))s waiting for deployments to settle; "
                        + "the changes were applied, Rill is still working on:\n"
                        + settling.pending.map { "  - \($0.description)\n" }.joined())
                return .error
            }
            // A line when something changed, otherwise one every 10 s (CI logs stay short).
            if settling.pending != lastPending || lastPrinted.duration(to: clock.now) >= .seconds(10) {
                output.write(settling.progressLine(elapsedSeconds: Int(elapsed.components.seconds)) + "\n")
                lastPending = settling.pending
                lastPrinted = clock.now
            }
            try await Task.sleep(for: min(pollInterval, timeout - elapsed))
        }
    }

    /// One listing per project; a project that no longer exists has no deployments.
    private static func read(_ projects: [ResourceAddress], reader: RillAdminReader) async throws
        -> DeploymentSettling
    {
        var deployments: [ResourceAddress: [LiveDeployment]] = [:]
        for project in projects {
            do {
                deployments[project] = try await reader.listDeployments(
                    org: project.org, project: project.name)
            } catch let error as RillAPIError where error.kind == .notFound {
                deployments[project] = []
            }
        }
        return DeploymentSettling(deployments: deployments)
    }
}
