import RillformModel

extension OrgPlanner {
    func planProject(_ project: DesiredProject, into draft: inout PlanDraft) {
        let name = project.name.value
        let match = projects.matches[name]
        let liveProject = match?.live
        let address = ResourceAddress.project(org, name)

        var diff = FieldDiff(liveExists: liveProject != nil)
        diff.compareAll(project.managed, live: liveProject?.managed)

        guard let liveProject else {
            // Rill deploys only from a source (CreateProject, admin/server/projects.go): without one the project
            // row is committed and the deploy then fails, so a project without `git_remote` uses skip_deploy.
            let hasSource = !(project.gitRemote?.value.isEmpty ?? true)
            let wantsProd = project.deployments.map { $0.contains { $0.environment.value == .prod } } ?? true
            var notes: [String]
            if !hasSource {
                notes = ["created without a deployment (skip_deploy): the project has no git_remote to deploy from"]
            } else if wantsProd {
                notes = ["Rill creates the prod deployment together with the project"]
            } else {
                notes = ["created without a prod deployment (skip_deploy): the desired deployments do not include prod"]
            }
            for field in project.managed.fields where !field.acceptedByCreate {
                notes.append("\(field.manifestKey) is set by an update right after the create (the create call has no such field)")
            }
            draft.record(ResourceChange(
                address: address, actions: [.create], fieldChanges: diff.sortedChanges, location: project.name.location,
                skipDeploy: !wantsProd || !hasSource, notes: notes))
            planDeployments(of: project, live: nil, restarted: false, into: &draft)
            return
        }
        if let rename = match?.rename {
            diff.append(FieldChange(field: "name", before: .string(rename.from), after: .string(name),
                                    location: rename.location))
        }
        let operation: ChangeOperation = diff.changes.isEmpty ? .noOp : .update
        var change = ResourceChange(
            address: address, actions: operation.actions, rename: match?.rename, fieldChanges: diff.sortedChanges,
            unchangedFieldCount: diff.unchangedCount, location: project.name.location,
            live: LiveReference(id: liveProject.id, name: liveProject.name, updatedOn: liveProject.updatedOn))
        let restarted = DeploymentRestart.restartsDeployments(change)
        if restarted {
            change.notes.append(DeploymentRestart.note(stopped: liveProject.activeDeployments.filter {
                $0.state == .stopped
            }.map(Self.key(of:)).sorted(), managed: project.deployments != nil))
        }
        draft.record(change)
        planDeployments(of: project, live: liveProject, restarted: restarted, into: &draft)
    }

    /// Deployments are identified by (environment, branch). Only planned when the project's list is managed.
    /// Deployments being deleted are treated as gone. `restarted`: the project's update restarts every deployment
    /// (Rill's UpdateDeploymentsForProject), so a deployment that should stay stopped is stopped again after it.
    func planDeployments(of project: DesiredProject, live liveProject: LiveProject?, restarted: Bool,
                         into draft: inout PlanDraft) {
        guard let desiredList = project.deployments else { return }
        let projectName = project.name.value
        let liveDeployments = liveProject?.activeDeployments ?? []

        var liveByKey: [String: LiveDeployment] = [:]
        for deployment in liveDeployments.sorted(by: { $0.id < $1.id }) {
            let key = Self.key(of: deployment)
            if liveByKey[key] == nil { liveByKey[key] = deployment }
        }
        var matchedIDs: Set<String> = []

        for deployment in desiredList {
            if deployment.environment.value == .dev, (deployment.branch?.value ?? "").isEmpty {
                draft.diagnostics.append(.error(PlanDiagnosticCode.devDeploymentWithoutBranch,
                    "project.\(org)/\(projectName): a dev deployment needs a branch (its identity)",
                    at: deployment.environment.location))
                continue
            }
            let address = deployment.address(org: org, project: projectName)
            let key = address.name
            let location = deployment.environment.location
            let desiredState = deployment.state.map { JSONValue.string($0.value.rawValue) }

            if liveProject == nil, deployment.environment.value == .prod {
                // Created by the project's create call; only a desired `stopped` needs work afterwards.
                if deployment.state?.value == .stopped {
                    draft.record(ResourceChange(
                        address: address, actions: [.update],
                        fieldChanges: [FieldChange(field: DeploymentField.state.manifestKey, before: .string(DeploymentState.running.rawValue),
                                                   after: desiredState, location: deployment.state?.location)],
                        location: location,
                        notes: ["created by the project's create; stopped afterwards (its id is known only then)"]))
                }
                continue
            }
            guard let liveDeployment = liveByKey[key] else {
                draft.record(ResourceChange(address: address, actions: [.create],
                                            fieldChanges: Self.desiredFields(of: deployment), location: location))
                continue
            }
            matchedIDs.insert(liveDeployment.id)
            let reference = LiveReference(id: liveDeployment.id, name: key, updatedOn: liveDeployment.updatedOn)
            if let editable = deployment.editable, editable.value != liveDeployment.editable {
                var fields = Self.desiredFields(of: deployment).map { field -> FieldChange in
                    var field = field
                    if field.field == DeploymentField.editable.manifestKey {
                        field.before = .bool(liveDeployment.editable)
                        field.forcesReplacement = DeploymentField.editable.forcesReplacement
                    }
                    return field
                }
                fields.sort { $0.field < $1.field }
                draft.record(ResourceChange(
                    address: address, actions: [.delete, .create], fieldChanges: fields, location: location,
                    live: reference, replaceReason: "editable cannot be changed: Rill has no update call for deployments"))
                continue
            }
            var diff = FieldDiff(liveExists: true)
            var notes: [String] = []
            if restarted, deployment.state?.value == .stopped, liveDeployment.state == .stopped {
                // Stopped now, but running again once the project's update has restarted it.
                diff.compare(DeploymentField.state, desired: deployment.managed[.state],
                             live: .string(DeploymentState.running.rawValue))
                notes.append("stopped again after the update of project.\(org)/\(projectName), which restarts it")
            } else {
                diff.compare(DeploymentField.state, desired: deployment.managed[.state],
                             live: liveDeployment.managed[.state])
            }
            diff.compare(DeploymentField.editable, desired: deployment.managed[.editable],
                         live: liveDeployment.managed[.editable])
            let operation: ChangeOperation = diff.changes.isEmpty ? .noOp : .update
            draft.record(ResourceChange(
                address: address, actions: operation.actions, fieldChanges: diff.sortedChanges,
                unchangedFieldCount: diff.unchangedCount, location: location, live: reference, notes: notes))
        }

        // A declared `deployments:` list is authoritative: live deployments it does not list are deleted, prune or not
        // (`deployments: []` means "none"). Leaving the key out manages none. Protection and the mass-delete
        // threshold still apply to these deletes.
        let extras = liveDeployments.filter { !matchedIDs.contains($0.id) }.sorted { $0.id < $1.id }
        for deployment in extras {
            let address = ResourceAddress(kind: .deployment, components: [org, projectName, Self.key(of: deployment)])
            let reference = LiveReference(id: deployment.id, name: Self.key(of: deployment), updatedOn: deployment.updatedOn)
            draft.record(ResourceChange(address: address, actions: [.delete],
                                        fieldChanges: Self.snapshot(of: deployment), location: project.name.location,
                                        live: reference,
                                        notes: ["not in the managed deployments list of project.\(org)/\(projectName)"]))
        }
    }

    /// `prod`, or `dev@BRANCH` (a branchless dev deployment from before branches existed is keyed by its id).
    static func key(of deployment: LiveDeployment) -> String {
        if deployment.environment == DeploymentEnvironment.prod.rawValue { return "prod" }
        let branch = deployment.branch.isEmpty ? deployment.id : deployment.branch
        return "\(deployment.environment)@\(branch)"
    }

    static func desiredFields(of deployment: DesiredDeployment) -> [FieldChange] {
        var fields = [FieldChange(field: "environment", before: nil, after: .string(deployment.environment.value.rawValue),
                                  location: deployment.environment.location)]
        if let branch = deployment.branch {
            fields.append(FieldChange(field: "branch", before: nil, after: .string(branch.value), location: branch.location))
        }
        for field in DeploymentField.allCases {
            guard let value = deployment.managed[field] else { continue }
            fields.append(FieldChange(field: field.manifestKey, before: nil, after: value.value.json,
                                      location: value.location))
        }
        return fields.sorted { $0.field < $1.field }
    }

    static func snapshot(of deployment: LiveDeployment) -> [FieldChange] {
        var fields = [
            FieldChange(field: "environment", before: .string(deployment.environment), after: nil),
            FieldChange(field: DeploymentField.state.manifestKey, before: .string(deployment.state?.rawValue ?? deployment.status), after: nil),
        ]
        if !deployment.branch.isEmpty {
            fields.append(FieldChange(field: "branch", before: .string(deployment.branch), after: nil))
        }
        if deployment.environment != DeploymentEnvironment.prod.rawValue {
            fields.append(FieldChange(field: DeploymentField.editable.manifestKey, before: .bool(deployment.editable), after: nil))
        }
        return fields.sorted { $0.field < $1.field }
    }
}
