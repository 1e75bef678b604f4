import Foundation
import RillformAPI
import RillformModel
import RillformPlan

/// Carries out one planned ``ResourceChange`` with the admin API: the only place that maps plan fields
/// (manifest keys such as `prod_slots`) onto API calls.
///
/// Each change becomes the smallest sequence of calls Rill needs (a replace is a delete, then a create).
/// Errors are the client's `RillAPIError`s, which already name the operation and the resource.
public struct PlanExecutor: Sendable {
    let writer: RillAdminWriter
    let tokenSink: TokenSink?
    let now: @Sendable () -> Date

    /// - Parameters:
    ///   - tokenSink: where new service-token secrets go; required when the plan issues tokens.
    ///   - now: the clock stamped on token-sink lines.
    public init(writer: RillAdminWriter, tokenSink: TokenSink?, now: @escaping @Sendable () -> Date = Date.init) {
        self.writer = writer
        self.tokenSink = tokenSink
        self.now = now
    }

    /// Executes one change; returns a short detail for the progress line (never a secret).
    public func execute(_ change: ResourceChange) async throws -> NodeOutcome {
        switch change.operation {
        case .noOp:
            return .done
        case .create:
            return try await create(change)
        case .update:
            return try await update(change)
        case .delete:
            try await delete(change)
            return .done
        case .replace:
            try await delete(change)
            return try await create(change)
        }
    }

    // MARK: - Create

    private func create(_ change: ResourceChange) async throws -> NodeOutcome {
        let address = change.address
        let org = address.org
        switch address.kind {
        case .org:
            _ = try await writer.createOrganization(
                name: org, displayName: change.after("display_name")?.stringValue,
                description: change.after("description")?.stringValue)
            let followUp = OrganizationChanges(
                billingEmail: change.after("billing_email")?.stringValue,
                defaultProjectRole: change.after("default_project_role")?.stringValue)
            if !followUp.isEmpty { _ = try await writer.updateOrganization(org, changes: followUp) }
            return .done
        case .project:
            let name = address.components[1]
            let fields = change.projectChanges()
            var spec = NewProject(name: name)
            spec.description = fields.description
            spec.isPublic = fields.isPublic
            spec.gitRemote = fields.gitRemote
            spec.primaryBranch = fields.primaryBranch
            spec.subpath = fields.subpath
            spec.prodSlots = fields.prodSlots
            spec.prodVersion = fields.prodVersion
            spec.provisioner = fields.provisioner
            spec.skipDeploy = change.skipDeploy
            _ = try await writer.createProject(org: org, spec)
            // Rill's CreateProject has no TTL field; the server picks one, so set the desired one right after.
            if let ttl = fields.prodTtlSeconds {
                _ = try await writer.updateProject(org: org, project: name, changes: ProjectChanges(prodTtlSeconds: ttl))
            }
            return .done
        case .deployment:
            let project = address.components[1]
            let environment = DeploymentEnvironment(rawValue: change.after("environment")?.stringValue ?? "")
                ?? (address.components[2] == "prod" ? .prod : .dev)
            let deployment = try await writer.createDeployment(
                org: org, project: project, environment: environment,
                branch: change.after("branch")?.stringValue, editable: change.after("editable")?.boolValue)
            if change.after("state")?.stringValue == DeploymentState.stopped.rawValue {
                try await writer.stopDeployment(id: deployment.id)
            }
            return .done
        case .service:
            let name = address.components[1]
            let orgRole = change.after("org_role")?.stringValue.flatMap(OrgRole.init(rawValue:))
            let projectRole = change.initialProjectRole.map { (project: $0.project, role: $0.role) }
            _ = try await writer.createService(
                org: org, name: name, orgRole: orgRole, projectRole: projectRole,
                attributes: change.after("attributes")?.objectValue)
            return .done
        case .serviceProjectRole:
            try await setProjectRole(change)
            return .done
        case .serviceToken:
            return try await applyTokens(change)
        }
    }

    // MARK: - Update

    private func update(_ change: ResourceChange) async throws -> NodeOutcome {
        let address = change.address
        let org = address.org
        switch address.kind {
        case .org:
            let changes = OrganizationChanges(
                displayName: change.after("display_name")?.stringValue,
                description: change.after("description")?.stringValue,
                billingEmail: change.after("billing_email")?.stringValue,
                defaultProjectRole: change.after("default_project_role")?.stringValue)
            if !changes.isEmpty { _ = try await writer.updateOrganization(org, changes: changes) }
            return .done
        case .project:
            let name = address.components[1]
            var changes = change.projectChanges()
            if change.rename != nil { changes.newName = name }
            if !changes.isEmpty {
                _ = try await writer.updateProject(org: org, project: change.rename?.from ?? name, changes: changes)
            }
            return .done
        case .deployment:
            guard let state = change.after("state")?.stringValue.flatMap(DeploymentState.init(rawValue:)) else {
                return .done
            }
            let id = try await deploymentID(change)
            switch state {
            case .running: _ = try await writer.startDeployment(id: id)
            case .stopped: try await writer.stopDeployment(id: id)
            }
            return .done
        case .service:
            let name = address.components[1]
            let currentName = change.rename?.from ?? name
            let attributes = change.fieldChange("attributes").flatMap { $0.after?.objectValue }
            if change.rename != nil || attributes != nil {
                _ = try await writer.updateService(
                    org: org, name: currentName, newName: change.rename == nil ? nil : name, attributes: attributes)
            }
            if let roleChange = change.fieldChange("org_role") {
                if let role = roleChange.after?.stringValue.flatMap(OrgRole.init(rawValue:)) {
                    try await writer.setServiceOrgRole(org: org, service: name, role: role)
                } else {
                    try await writer.removeServiceOrgRole(org: org, service: name)
                }
            }
            return .done
        case .serviceProjectRole:
            try await setProjectRole(change)
            return .done
        case .serviceToken:
            return try await applyTokens(change)
        }
    }

    // MARK: - Delete

    private func delete(_ change: ResourceChange) async throws {
        let address = change.address
        let org = address.org
        switch address.kind {
        case .org:
            try await writer.deleteOrganization(org)
        case .project:
            try await writer.deleteProject(org: org, project: change.live?.name ?? address.components[1])
        case .deployment:
            try await writer.deleteDeployment(id: try await deploymentID(change))
        case .service:
            try await writer.deleteService(org: org, name: change.live?.name ?? address.components[1])
        case .serviceProjectRole:
            try await writer.removeServiceProjectRole(
                org: org, service: address.components[1], project: address.components[2])
        case .serviceToken:
            for id in change.tokenChange?.revokeIDs ?? [] { try await writer.revokeServiceToken(id: id) }
        }
    }

    // MARK: - Helpers

    /// Issues a service token. When the outcome is unknown (the server may have issued it, but its secret never
    /// arrived), the token cannot be recovered: any token issued meanwhile that the caller does not hold is revoked
    /// (nobody can have its secret) and the issue is repeated, a bounded number of times.
    private func issueRecoveringLostSecret(org: String, service: String) async throws -> APIToken {
        let before = Set(try await writer.reader.listServiceTokens(org: org, service: service).map(\.id))
        var attempt = 0
        while true {
            attempt += 1
            do {
                return try await writer.issueServiceToken(org: org, service: service)
            } catch let error as RillAPIError where error.kind == .ambiguous && attempt < 4 {
                let now = try await writer.reader.listServiceTokens(org: org, service: service)
                for orphan in now where !before.contains(orphan.id) {
                    try await writer.revokeServiceToken(id: orphan.id)
                }
            }
        }
    }

    private func setProjectRole(_ change: ResourceChange) async throws {
        let address = change.address
        let project = address.components[2]
        let field = change.fieldChange("project_roles.\(project)") ?? change.fieldChanges.first
        guard let role = field?.after?.stringValue.flatMap(ProjectRole.init(rawValue:)) else {
            throw PlanExecutionError(address: address, reason: "the plan names no project role to set")
        }
        try await writer.setServiceProjectRole(org: address.org, service: address.components[1], project: project,
                                               role: role)
    }

    /// The deployment's id from the plan, or (for a prod deployment its project's create made) looked up live.
    private func deploymentID(_ change: ResourceChange) async throws -> String {
        if let id = change.live?.id, !id.isEmpty { return id }
        let address = change.address
        let key = address.components[2]
        let environment = key == "prod" ? "prod" : "dev"
        let branch = key.hasPrefix("dev@") ? String(key.dropFirst(4)) : nil
        let matches = try await writer.reader.listDeployments(
            org: address.org, project: address.components[1], environment: environment, branch: branch)
            .filter { $0.environment == environment && (branch == nil || $0.branch == branch) }
        guard matches.count == 1, let match = matches.first else {
            throw PlanExecutionError(address: address, reason: "found \(matches.count) live deployments, expected 1")
        }
        return match.id
    }

    /// Issues first, writes the secret durably to the sink, and only then revokes: a failed write never leaves
    /// the service without a working token.
    private func applyTokens(_ change: ResourceChange) async throws -> NodeOutcome {
        guard let tokens = change.tokenChange else { return .done }
        let address = change.address
        let org = address.org
        let service = address.components[1]
        var issued = 0
        for _ in 0..<tokens.issue {
            guard let tokenSink else {
                throw PlanExecutionError(address: address, reason: "a token must be issued but no --token-sink is set")
            }
            let token = try await issueRecoveringLostSecret(org: org, service: service)
            let live = try await writer.reader.listServiceTokens(org: org, service: service)
            let match = live.filter { token.hasPrefix($0.prefix) && !$0.prefix.isEmpty }
                .max { ($0.createdOn ?? .distantPast, $0.id) < ($1.createdOn ?? .distantPast, $1.id) }
            try await tokenSink.append(IssuedServiceToken(
                org: org, service: service, tokenID: match?.id ?? "", secret: token.revealSecret(), issuedAt: now()))
            issued += 1
        }
        for id in tokens.revokeIDs { try await writer.revokeServiceToken(id: id) }
        var parts: [String] = []
        if issued > 0 { parts.append("\(issued) token\(issued == 1 ? "" : "s") issued to \(tokenSink?.path ?? "sink")") }
        if !tokens.revokeIDs.isEmpty {
            parts.append("\(tokens.revokeIDs.count) token\(tokens.revokeIDs.count == 1 ? "" : "s") revoked")
        }
        return NodeOutcome(detail: parts.isEmpty ? nil : parts.joined(separator: ", "))
    }
}

extension ResourceChange {
    /// The desired value of one field, when the change sets it.
    func after(_ field: String) -> JSONValue? { fieldChange(field)?.after }

    /// The project fields this change sets, by manifest key (`prod_slots` → `prodSlots`); unset fields stay nil.
    func projectChanges() -> ProjectChanges {
        var changes = ProjectChanges()
        changes.description = after("description")?.stringValue
        changes.isPublic = after("public")?.boolValue
        changes.gitRemote = after("git_remote")?.stringValue
        changes.primaryBranch = after("primary_branch")?.stringValue
        changes.subpath = after("subpath")?.stringValue
        changes.prodSlots = after("prod_slots")?.intValue
        changes.prodVersion = after("prod_version")?.stringValue
        changes.prodTtlSeconds = after("prod_ttl_seconds")?.intValue
        changes.provisioner = after("provisioner")?.stringValue
        return changes
    }
}

/// A change the plan describes but the executor cannot carry out.
public struct PlanExecutionError: Error, Sendable, CustomStringConvertible {
    public var address: ResourceAddress
    public var reason: String
    public var description: String { "\(address): \(reason)" }
}
