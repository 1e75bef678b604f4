import Foundation

/// Live state as read from the admin API, normalised into plain values. The planner sees only this, never HTTP.
public struct LiveState: Sendable, Hashable, Codable {
    /// Orgs in scope that exist, by name. An org named in the manifest but absent here does not exist (yet).
    public var orgs: [String: LiveOrg]

    public init(orgs: [String: LiveOrg] = [:]) {
        self.orgs = orgs
    }
}

public struct LiveOrg: Sendable, Hashable, Codable {
    public var id: String
    public var name: String
    public var displayName: String
    public var description: String
    public var billingEmail: String
    /// The default project role's name, `""` when none.
    public var defaultProjectRole: String
    public var updatedOn: Date?
    public var projects: [String: LiveProject]
    public var services: [String: LiveService]

    public init(
        id: String, name: String, displayName: String = "", description: String = "", billingEmail: String = "",
        defaultProjectRole: String = "", updatedOn: Date? = nil, projects: [String: LiveProject] = [:],
        services: [String: LiveService] = [:]
    ) {
        self.id = id
        self.name = name
        self.displayName = displayName
        self.description = description
        self.billingEmail = billingEmail
        self.defaultProjectRole = defaultProjectRole
        self.updatedOn = updatedOn
        self.projects = projects
        self.services = services
    }
}

public struct LiveProject: Sendable, Hashable, Codable {
    public var id: String
    public var name: String
    public var description: String
    public var isPublic: Bool
    public var gitRemote: String
    public var primaryBranch: String
    public var subpath: String
    public var prodSlots: Int
    public var prodVersion: String
    /// `0` means no expiry.
    public var prodTtlSeconds: Int
    public var provisioner: String
    public var primaryDeploymentId: String
    public var updatedOn: Date?
    public var deployments: [LiveDeployment]

    /// The deployments that are not being deleted: the ones a plan compares with the manifest.
    public var activeDeployments: [LiveDeployment] { deployments.filter { !$0.isBeingDeleted } }

    public init(
        id: String, name: String, description: String = "", isPublic: Bool = false, gitRemote: String = "",
        primaryBranch: String = "", subpath: String = "", prodSlots: Int = 0, prodVersion: String = "",
        prodTtlSeconds: Int = 0, provisioner: String = "", primaryDeploymentId: String = "", updatedOn: Date? = nil,
        deployments: [LiveDeployment] = []
    ) {
        self.id = id
        self.name = name
        self.description = description
        self.isPublic = isPublic
        self.gitRemote = gitRemote
        self.primaryBranch = primaryBranch
        self.subpath = subpath
        self.prodSlots = prodSlots
        self.prodVersion = prodVersion
        self.prodTtlSeconds = prodTtlSeconds
        self.provisioner = provisioner
        self.primaryDeploymentId = primaryDeploymentId
        self.updatedOn = updatedOn
        self.deployments = deployments
    }
}

public struct LiveDeployment: Sendable, Hashable, Codable {
    public var id: String
    public var environment: String
    public var branch: String
    public var editable: Bool
    /// Rill's enum name, e.g. `DEPLOYMENT_STATUS_RUNNING`.
    public var status: String
    /// Rill's words on the status, e.g. `Provisioning...` or an error.
    public var statusMessage: String
    public var updatedOn: Date?

    public init(id: String, environment: String, branch: String = "", editable: Bool = false,
                status: String = "DEPLOYMENT_STATUS_RUNNING", statusMessage: String = "", updatedOn: Date? = nil) {
        self.id = id
        self.environment = environment
        self.branch = branch
        self.editable = editable
        self.status = status
        self.statusMessage = statusMessage
        self.updatedOn = updatedOn
    }

    /// Deleting (desired status deleted, teardown job queued) or already deleted: Rill keeps such rows for a while
    /// (`TeardownDeployment`, admin/deployments.go). The planner treats them as gone, so a plan right after a
    /// delete does not delete them again.
    public var isBeingDeleted: Bool {
        status == "DEPLOYMENT_STATUS_DELETING" || status == "DEPLOYMENT_STATUS_DELETED"
    }

    /// Settled: no reconcile job is pending (running, stopped or errored). Pending, updating, stopping and
    /// deleting are transitional (`apply --wait` waits for them to end).
    public var isSettled: Bool {
        ["DEPLOYMENT_STATUS_RUNNING", "DEPLOYMENT_STATUS_STOPPED", "DEPLOYMENT_STATUS_ERRORED"].contains(status)
    }

    /// Running or starting counts as running; stopped or stopping as stopped; others (errored, deleting…) as neither.
    public var state: DeploymentState? {
        switch status {
        case "DEPLOYMENT_STATUS_RUNNING", "DEPLOYMENT_STATUS_PENDING", "DEPLOYMENT_STATUS_UPDATING": .running
        case "DEPLOYMENT_STATUS_STOPPED", "DEPLOYMENT_STATUS_STOPPING": .stopped
        default: nil
        }
    }
}

public struct LiveService: Sendable, Hashable, Codable {
    public var id: String
    public var name: String
    /// `nil` when the service has no org role (a project-only service).
    public var orgRole: OrgRole?
    public var attributes: [String: JSONValue]
    /// Project name → role.
    public var projectRoles: [String: ProjectRole]
    public var tokens: [LiveToken]
    public var updatedOn: Date?

    public init(id: String, name: String, orgRole: OrgRole? = nil, attributes: [String: JSONValue] = [:],
                projectRoles: [String: ProjectRole] = [:], tokens: [LiveToken] = [], updatedOn: Date? = nil) {
        self.id = id
        self.name = name
        self.orgRole = orgRole
        self.attributes = attributes
        self.projectRoles = projectRoles
        self.tokens = tokens
        self.updatedOn = updatedOn
    }
}

/// A service token's metadata; the secret is never read back (Rill shows it once, at issue).
public struct LiveToken: Sendable, Hashable, Codable {
    public var id: String
    public var prefix: String
    public var createdOn: Date?

    public init(id: String, prefix: String, createdOn: Date? = nil) {
        self.id = id
        self.prefix = prefix
        self.createdOn = createdOn
    }
}
