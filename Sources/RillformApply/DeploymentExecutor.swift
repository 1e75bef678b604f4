import RillformAPI
import RillformModel
import RillformPlan

/// Deployments: CreateDeployment, Start/StopDeployment for `state`, DeleteDeployment. Rill has no update call for a
/// deployment's other fields (the planner replaces instead). A prod deployment made by its project's create has no
/// id in the plan: it is looked up live.
struct DeploymentExecutor: ResourceExecutor {
    let context: ExecutionContext

    func create(_ change: ResourceChange) async throws -> CompletionNote {
        let address = change.address
        // Environment and branch are the deployment's identity: its address says them (`prod`, `dev@BRANCH`).
        guard let environment = address.deploymentEnvironment.flatMap(DeploymentEnvironment.init(rawValue:)) else {
            throw PlanExecutionError(address: address, reason: "not a deployment address")
        }
        let deployment = try await context.writer.createDeployment(
            org: address.org, project: try address.required(\.project, "project"), environment: environment,
            branch: address.deploymentBranch,
            editable: change.desiredValues(of: DeploymentField.self)[.editable]?.boolValue)
        if change.desiredValues(of: DeploymentField.self)[.state] == .string(DeploymentState.stopped.rawValue) {
            try await context.writer.stopDeployment(id: deployment.id)
        }
        return .done
    }

    func update(_ change: ResourceChange) async throws -> CompletionNote {
        guard let state = change.desiredValues(of: DeploymentField.self).enumeration(.state, as: DeploymentState.self)
        else {
            return .done
        }
        let id = try await deploymentID(change)
        switch state {
        case .running: _ = try await context.writer.startDeployment(id: id)
        case .stopped: try await context.writer.stopDeployment(id: id)
        }
        return .done
    }

    func delete(_ change: ResourceChange) async throws -> CompletionNote {
        try await context.writer.deleteDeployment(id: try await deploymentID(change))
        return .done
    }

    /// The deployment's id from the plan, or (for a prod deployment its project's create made) looked up live.
    private func deploymentID(_ change: ResourceChange) async throws -> String {
        if let id = change.live?.id, !id.isEmpty { return id }
        let address = change.address
        let environment = address.deploymentEnvironment ?? "prod"
        let branch = address.deploymentBranch
        let matches = try await context.writer.reader.listDeployments(
            org: address.org, project: try address.required(\.project, "project"), environment: environment, branch: branch)
            .filter { $0.environment == environment && (branch == nil || $0.branch == branch) }
        guard matches.count == 1, let match = matches.first else {
            throw PlanExecutionError(address: address, reason: "found \(matches.count) live deployments, expected 1")
        }
        return match.id
    }
}
