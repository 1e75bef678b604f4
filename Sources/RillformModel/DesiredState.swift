/// The desired state: what the manifest files say, merged across files, every value carrying its source position.
/// Optional fields mean "not managed": a key absent from the manifest is left alone, never reset to a default.
public struct DesiredState: Sendable, Hashable {
    public var orgs: [DesiredOrg]
    /// Top-level policy; each org may override parts of it.
    public var policy: Policy

    public init(orgs: [DesiredOrg] = [], policy: Policy = Policy()) {
        self.orgs = orgs
        self.policy = policy
    }

    public func org(named name: String) -> DesiredOrg? { orgs.first { $0.name.value == name } }

    /// The effective policy of one org: the org's own keys win over the top level; protect lists are merged.
    public func effectivePolicy(forOrg name: String) -> Policy {
        guard let orgPolicy = org(named: name)?.policy else { return policy }
        return Policy(
            prune: orgPolicy.prune ?? policy.prune,
            protect: policy.protect + orgPolicy.protect,
            massDeleteThreshold: orgPolicy.massDeleteThreshold ?? policy.massDeleteThreshold,
            location: orgPolicy.location ?? policy.location)
    }
}

public struct DesiredOrg: Sendable, Hashable {
    public var name: Located<String>
    public var displayName: Located<String>?
    public var description: Located<String>?
    /// A project role name; `""` clears it (Rill's sentinel).
    public var defaultProjectRole: Located<String>?
    public var billingEmail: Located<String>?
    public var projects: [DesiredProject]
    public var services: [DesiredService]
    public var policy: Policy?

    public init(
        name: Located<String>, displayName: Located<String>? = nil, description: Located<String>? = nil,
        defaultProjectRole: Located<String>? = nil, billingEmail: Located<String>? = nil,
        projects: [DesiredProject] = [], services: [DesiredService] = [], policy: Policy? = nil
    ) {
        self.name = name
        self.displayName = displayName
        self.description = description
        self.defaultProjectRole = defaultProjectRole
        self.billingEmail = billingEmail
        self.projects = projects
        self.services = services
        self.policy = policy
    }

    public var address: ResourceAddress { .org(name.value) }
}

public struct DesiredProject: Sendable, Hashable {
    public var name: Located<String>
    /// Earlier names, newest first: a live project under one of them is renamed, never deleted and recreated.
    public var previously: [Located<String>]
    public var description: Located<String>?
    public var isPublic: Located<Bool>?
    public var gitRemote: Located<String>?
    public var primaryBranch: Located<String>?
    public var subpath: Located<String>?
    public var prodSlots: Located<Int>?
    public var prodVersion: Located<String>?
    /// `0` means no expiry (Rill's sentinel).
    public var prodTtlSeconds: Located<Int>?
    public var provisioner: Located<String>?
    /// `nil`: deployments are not managed. `[]`: the project should have none.
    public var deployments: [DesiredDeployment]?

    public init(
        name: Located<String>, previously: [Located<String>] = [], description: Located<String>? = nil,
        isPublic: Located<Bool>? = nil, gitRemote: Located<String>? = nil, primaryBranch: Located<String>? = nil,
        subpath: Located<String>? = nil, prodSlots: Located<Int>? = nil, prodVersion: Located<String>? = nil,
        prodTtlSeconds: Located<Int>? = nil, provisioner: Located<String>? = nil,
        deployments: [DesiredDeployment]? = nil
    ) {
        self.name = name
        self.previously = previously
        self.description = description
        self.isPublic = isPublic
        self.gitRemote = gitRemote
        self.primaryBranch = primaryBranch
        self.subpath = subpath
        self.prodSlots = prodSlots
        self.prodVersion = prodVersion
        self.prodTtlSeconds = prodTtlSeconds
        self.provisioner = provisioner
        self.deployments = deployments
    }
}

public enum DeploymentEnvironment: String, Sendable, Hashable, Codable, CaseIterable {
    case prod, dev
}

public enum DeploymentState: String, Sendable, Hashable, Codable, CaseIterable {
    case running, stopped
}

public struct DesiredDeployment: Sendable, Hashable {
    public var environment: Located<DeploymentEnvironment>
    /// Required for dev deployments (their identity), absent for prod.
    public var branch: Located<String>?
    /// Dev only.
    public var editable: Located<Bool>?
    public var state: Located<DeploymentState>?

    public init(
        environment: Located<DeploymentEnvironment>, branch: Located<String>? = nil, editable: Located<Bool>? = nil,
        state: Located<DeploymentState>? = nil
    ) {
        self.environment = environment
        self.branch = branch
        self.editable = editable
        self.state = state
    }

    public func address(org: String, project: String) -> ResourceAddress {
        .deployment(org, project, environment: environment.value.rawValue, branch: branch?.value)
    }
}

public struct DesiredService: Sendable, Hashable {
    public var name: Located<String>
    public var previously: [Located<String>]
    public var orgRole: Located<OrgRole>?
    /// Project name → role. `nil`: not managed; `[:]`: remove every project role.
    public var projectRoles: [String: Located<ProjectRole>]?
    /// `nil`: not managed; an empty object clears them (Rill replaces the whole map on PATCH).
    public var attributes: Located<[String: JSONValue]>?
    public var tokenPolicy: TokenPolicy?

    public init(
        name: Located<String>, previously: [Located<String>] = [], orgRole: Located<OrgRole>? = nil,
        projectRoles: [String: Located<ProjectRole>]? = nil, attributes: Located<[String: JSONValue]>? = nil,
        tokenPolicy: TokenPolicy? = nil
    ) {
        self.name = name
        self.previously = previously
        self.orgRole = orgRole
        self.projectRoles = projectRoles
        self.attributes = attributes
        self.tokenPolicy = tokenPolicy
    }
}

/// What rillform keeps true about a service's tokens. Secrets are never in the manifest or the plan.
public struct TokenPolicy: Sendable, Hashable {
    public var location: SourceLocation
    /// Ensure at least one live token exists (issued into the token sink).
    public var ensure: Bool
    /// Issue a new token and revoke the older ones once the newest is this many days old.
    public var rotateAfterDays: Located<Int>?
    /// Revoke tokens that rillform did not issue.
    public var revokeUnknown: Located<Bool>?

    public init(location: SourceLocation, ensure: Bool = true, rotateAfterDays: Located<Int>? = nil,
                revokeUnknown: Located<Bool>? = nil) {
        self.location = location
        self.ensure = ensure
        self.rotateAfterDays = rotateAfterDays
        self.revokeUnknown = revokeUnknown
    }
}

/// Deletion policy; kept outside resource blocks so removing a block cannot remove its protection.
public struct Policy: Sendable, Hashable {
    /// Delete live resources in scope that the manifest does not declare. Default: off.
    public var prune: Located<Bool>?
    /// Addresses never deleted or replaced (an address protects everything inside it).
    public var protect: [Located<ResourceAddress>]
    public var massDeleteThreshold: Located<MassDeleteThreshold>?
    public var location: SourceLocation?

    public init(prune: Located<Bool>? = nil, protect: [Located<ResourceAddress>] = [],
                massDeleteThreshold: Located<MassDeleteThreshold>? = nil, location: SourceLocation? = nil) {
        self.prune = prune
        self.protect = protect
        self.massDeleteThreshold = massDeleteThreshold
        self.location = location
    }
}

/// Refuse runs that would delete more than `percent` of the live resources of one kind in one org,
/// once that kind has at least `minimumResources` live resources.
public struct MassDeleteThreshold: Sendable, Hashable, Codable {
    public static let `default` = MassDeleteThreshold(percent: 30, minimumResources: 10)

    public var percent: Double
    public var minimumResources: Int

    public init(percent: Double, minimumResources: Int) {
        self.percent = percent
        self.minimumResources = minimumResources
    }
}
