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
    /// The managed settings as read (see ``OrgField``); `defaultProjectRole` is the role's name, `""` when none.
    public var managed: LiveValues<OrgField>
    public var updatedOn: Date?
    public var projects: [String: LiveProject]
    public var services: [String: LiveService]
    /// People, by lowercase email (members and pending invites). Nil when not read.
    public var members: [String: LiveMember]?
    /// By name (managed `autogroup:…` groups included). Nil when not read.
    public var usergroups: [String: LiveUsergroup]?
    /// By lowercase domain. Nil when not read.
    public var allowedDomains: [String: LiveAllowedDomain]?

    public init(
        id: String, name: String, displayName: String = "", description: String = "", billingEmail: String = "",
        defaultProjectRole: String = "", updatedOn: Date? = nil, projects: [String: LiveProject] = [:],
        services: [String: LiveService] = [:]
    ) {
        self.init(id: id, name: name, managed: LiveValues([
            .displayName: .string(displayName), .description: .string(description),
            .billingEmail: .string(billingEmail), .defaultProjectRole: .string(defaultProjectRole),
        ]), updatedOn: updatedOn, projects: projects, services: services)
    }

    public init(id: String, name: String, managed: LiveValues<OrgField>, updatedOn: Date? = nil,
                projects: [String: LiveProject] = [:], services: [String: LiveService] = [:]) {
        self.id = id
        self.name = name
        self.managed = managed
        self.updatedOn = updatedOn
        self.projects = projects
        self.services = services
    }

    public var displayName: String {
        get { managed.string(.displayName) } set { managed[.displayName] = .string(newValue) }
    }
    public var description: String {
        get { managed.string(.description) } set { managed[.description] = .string(newValue) }
    }
    public var billingEmail: String {
        get { managed.string(.billingEmail) } set { managed[.billingEmail] = .string(newValue) }
    }
    /// The default project role's name, `""` when none.
    public var defaultProjectRole: String {
        get { managed.string(.defaultProjectRole) } set { managed[.defaultProjectRole] = .string(newValue) }
    }
}

public struct LiveProject: Sendable, Hashable, Codable {
    public var id: String
    public var name: String
    /// The managed settings as read (see ``ProjectField``).
    public var managed: LiveValues<ProjectField>
    public var primaryDeploymentId: String
    public var updatedOn: Date?
    public var deployments: [LiveDeployment]
    /// Direct project members and pending project invites, by lowercase email. Nil when not read.
    public var members: [String: LiveProjectMember]?
    /// By lowercase domain. Nil when not read.
    public var allowedDomains: [String: LiveProjectAllowedDomain]?

    /// The deployments that are not being deleted: the ones a plan compares with the manifest.
    public var activeDeployments: [LiveDeployment] { deployments.filter { !$0.isBeingDeleted } }

    public init(
        id: String, name: String, description: String = "", isPublic: Bool = false, gitRemote: String = "",
        primaryBranch: String = "", subpath: String = "", prodSlots: Int = 0, prodVersion: String = "",
        prodTtlSeconds: Int = 0, provisioner: String = "", primaryDeploymentId: String = "", updatedOn: Date? = nil,
        deployments: [LiveDeployment] = []
    ) {
        self.init(id: id, name: name, managed: LiveValues([
            .description: .string(description), .isPublic: .bool(isPublic), .gitRemote: .string(gitRemote),
            .primaryBranch: .string(primaryBranch), .subpath: .string(subpath), .prodSlots: .integer(prodSlots),
            .prodVersion: .string(prodVersion), .prodTtlSeconds: .integer(prodTtlSeconds),
            .provisioner: .string(provisioner),
        ]), primaryDeploymentId: primaryDeploymentId, updatedOn: updatedOn, deployments: deployments)
    }

    public init(id: String, name: String, managed: LiveValues<ProjectField>, primaryDeploymentId: String = "",
                updatedOn: Date? = nil, deployments: [LiveDeployment] = []) {
        self.id = id
        self.name = name
        self.managed = managed
        self.primaryDeploymentId = primaryDeploymentId
        self.updatedOn = updatedOn
        self.deployments = deployments
    }

    public var description: String {
        get { managed.string(.description) } set { managed[.description] = .string(newValue) }
    }
    public var isPublic: Bool {
        get { managed.bool(.isPublic) } set { managed[.isPublic] = .bool(newValue) }
    }
    public var gitRemote: String {
        get { managed.string(.gitRemote) } set { managed[.gitRemote] = .string(newValue) }
    }
    public var primaryBranch: String {
        get { managed.string(.primaryBranch) } set { managed[.primaryBranch] = .string(newValue) }
    }
    public var subpath: String {
        get { managed.string(.subpath) } set { managed[.subpath] = .string(newValue) }
    }
    public var prodSlots: Int {
        get { managed.integer(.prodSlots) } set { managed[.prodSlots] = .integer(newValue) }
    }
    public var prodVersion: String {
        get { managed.string(.prodVersion) } set { managed[.prodVersion] = .string(newValue) }
    }
    /// `0` means no expiry.
    public var prodTtlSeconds: Int {
        get { managed.integer(.prodTtlSeconds) } set { managed[.prodTtlSeconds] = .integer(newValue) }
    }
    public var provisioner: String {
        get { managed.string(.provisioner) } set { managed[.provisioner] = .string(newValue) }
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

    /// The managed settings as the planner compares them (see ``DeploymentField``): derived from the live
    /// status, which is what Rill stores.
    public var managed: LiveValues<DeploymentField> {
        var values = LiveValues<DeploymentField>()
        for field in DeploymentField.allCases {
            switch field {
            case .state: values[field] = .string(state?.rawValue ?? status)
            case .editable: values[field] = .bool(editable)
            }
        }
        return values
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
    /// The managed settings as read (see ``ServiceField``); no `org_role` entry when it has none.
    public var managed: LiveValues<ServiceField>
    /// Project name → role.
    public var projectRoles: [String: ProjectRole]
    public var tokens: [LiveToken]
    public var updatedOn: Date?

    public init(id: String, name: String, orgRole: OrgRole? = nil, attributes: [String: JSONValue] = [:],
                projectRoles: [String: ProjectRole] = [:], tokens: [LiveToken] = [], updatedOn: Date? = nil) {
        self.id = id
        self.name = name
        self.managed = LiveValues([.attributes: .object(attributes)])
        self.projectRoles = projectRoles
        self.tokens = tokens
        self.updatedOn = updatedOn
        self.orgRole = orgRole
    }

    /// `nil` when the service has no org role (a project-only service).
    public var orgRole: OrgRole? {
        get { managed[.orgRole]?.stringValue.flatMap(OrgRole.init(rawValue:)) }
        set { managed[.orgRole] = newValue.map { .string($0.rawValue) } }
    }
    public var attributes: [String: JSONValue] {
        get { managed.object(.attributes) } set { managed[.attributes] = .object(newValue) }
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
