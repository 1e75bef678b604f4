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
    /// The managed settings present in the manifest (see ``OrgField``).
    public var managed: DesiredValues<OrgField>
    public var projects: [DesiredProject]
    public var services: [DesiredService]
    public var policy: Policy?
    /// People (see `DesiredPeople.swift`). `nil`: not managed. A declared list covers the entries it names;
    /// live entries it leaves out are removed only with prune.
    public var members: [DesiredMember]?
    public var usergroups: [DesiredUsergroup]?
    /// A declared list is authoritative: live domains it leaves out are removed.
    public var allowedDomains: [DesiredAllowedDomain]?

    public init(
        name: Located<String>, displayName: Located<String>? = nil, description: Located<String>? = nil,
        defaultProjectRole: Located<String>? = nil, billingEmail: Located<String>? = nil,
        projects: [DesiredProject] = [], services: [DesiredService] = [], policy: Policy? = nil
    ) {
        self.name = name
        self.managed = DesiredValues()
        self.projects = projects
        self.services = services
        self.policy = policy
        self.displayName = displayName
        self.description = description
        self.defaultProjectRole = defaultProjectRole
        self.billingEmail = billingEmail
    }

    public var displayName: Located<String>? {
        get { managed.string(.displayName) } set { managed.set(.displayName, newValue) }
    }
    public var description: Located<String>? {
        get { managed.string(.description) } set { managed.set(.description, newValue) }
    }
    /// A project role name; `""` clears it (Rill's sentinel).
    public var defaultProjectRole: Located<String>? {
        get { managed.string(.defaultProjectRole) } set { managed.set(.defaultProjectRole, newValue) }
    }
    public var billingEmail: Located<String>? {
        get { managed.string(.billingEmail) } set { managed.set(.billingEmail, newValue) }
    }

    public var address: ResourceAddress { .org(name.value) }
}

public struct DesiredProject: Sendable, Hashable {
    public var name: Located<String>
    /// Earlier names, newest first: a live project under one of them is renamed, never deleted and recreated.
    public var previously: [Located<String>]
    /// The managed settings present in the manifest (see ``ProjectField``).
    public var managed: DesiredValues<ProjectField>
    /// `nil`: deployments are not managed. `[]`: the project should have none.
    public var deployments: [DesiredDeployment]?
    /// People with a direct project role. `nil`: not managed; a declared list is authoritative for the project.
    public var members: [DesiredProjectMember]?
    /// Auto-join email domains. `nil`: not managed; a declared list is authoritative for the project.
    public var allowedDomains: [DesiredProjectAllowedDomain]?

    /// Typed values for the fields that special logic reads; a new field needs no parameter here.
    public init(
        name: Located<String>, previously: [Located<String>] = [], description: Located<String>? = nil,
        isPublic: Located<Bool>? = nil, gitRemote: Located<String>? = nil, primaryBranch: Located<String>? = nil,
        subpath: Located<String>? = nil, prodSlots: Located<Int>? = nil, prodVersion: Located<String>? = nil,
        prodTtlSeconds: Located<Int>? = nil, provisioner: Located<String>? = nil,
        deployments: [DesiredDeployment]? = nil
    ) {
        self.name = name
        self.previously = previously
        self.deployments = deployments
        var managed = DesiredValues<ProjectField>()
        managed.set(.description, description)
        managed.set(.isPublic, isPublic)
        managed.set(.gitRemote, gitRemote)
        managed.set(.primaryBranch, primaryBranch)
        managed.set(.subpath, subpath)
        managed.set(.prodSlots, prodSlots)
        managed.set(.prodVersion, prodVersion)
        managed.set(.prodTtlSeconds, prodTtlSeconds)
        managed.set(.provisioner, provisioner)
        self.managed = managed
    }

    public init(name: Located<String>, previously: [Located<String>] = [], managed: DesiredValues<ProjectField>,
                deployments: [DesiredDeployment]? = nil) {
        self.name = name
        self.previously = previously
        self.managed = managed
        self.deployments = deployments
    }

    public var description: Located<String>? {
        get { managed.string(.description) } set { managed.set(.description, newValue) }
    }
    public var isPublic: Located<Bool>? {
        get { managed.bool(.isPublic) } set { managed.set(.isPublic, newValue) }
    }
    public var gitRemote: Located<String>? {
        get { managed.string(.gitRemote) } set { managed.set(.gitRemote, newValue) }
    }
    public var primaryBranch: Located<String>? {
        get { managed.string(.primaryBranch) } set { managed.set(.primaryBranch, newValue) }
    }
    public var subpath: Located<String>? {
        get { managed.string(.subpath) } set { managed.set(.subpath, newValue) }
    }
    public var prodSlots: Located<Int>? {
        get { managed.integer(.prodSlots) } set { managed.set(.prodSlots, newValue) }
    }
    public var prodVersion: Located<String>? {
        get { managed.string(.prodVersion) } set { managed.set(.prodVersion, newValue) }
    }
    /// `0` means no expiry (Rill's sentinel).
    public var prodTtlSeconds: Located<Int>? {
        get { managed.integer(.prodTtlSeconds) } set { managed.set(.prodTtlSeconds, newValue) }
    }
    public var provisioner: Located<String>? {
        get { managed.string(.provisioner) } set { managed.set(.provisioner, newValue) }
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
    /// The managed settings present in the manifest (see ``DeploymentField``).
    public var managed: DesiredValues<DeploymentField>

    public init(
        environment: Located<DeploymentEnvironment>, branch: Located<String>? = nil, editable: Located<Bool>? = nil,
        state: Located<DeploymentState>? = nil
    ) {
        self.environment = environment
        self.branch = branch
        self.managed = DesiredValues()
        self.editable = editable
        self.state = state
    }

    /// Dev only.
    public var editable: Located<Bool>? {
        get { managed.bool(.editable) } set { managed.set(.editable, newValue) }
    }
    public var state: Located<DeploymentState>? {
        get { managed.enumeration(.state, as: DeploymentState.self) } set { managed.set(.state, newValue) }
    }

    public func address(org: String, project: String) -> ResourceAddress {
        .deployment(org, project, environment: environment.value.rawValue, branch: branch?.value)
    }
}

public struct DesiredService: Sendable, Hashable {
    public var name: Located<String>
    public var previously: [Located<String>]
    /// The managed settings present in the manifest (see ``ServiceField``).
    public var managed: DesiredValues<ServiceField>
    /// Project name → role. `nil`: not managed; `[:]`: remove every project role.
    public var projectRoles: [String: Located<ProjectRole>]?
    public var tokenPolicy: TokenPolicy?

    public init(
        name: Located<String>, previously: [Located<String>] = [], orgRole: Located<OrgRole>? = nil,
        projectRoles: [String: Located<ProjectRole>]? = nil, attributes: Located<[String: JSONValue]>? = nil,
        tokenPolicy: TokenPolicy? = nil
    ) {
        self.name = name
        self.previously = previously
        self.managed = DesiredValues()
        self.projectRoles = projectRoles
        self.tokenPolicy = tokenPolicy
        self.orgRole = orgRole
        self.attributes = attributes
    }

    public var orgRole: Located<OrgRole>? {
        get { managed.enumeration(.orgRole, as: OrgRole.self) } set { managed.set(.orgRole, newValue) }
    }
    /// `nil`: not managed; an empty object clears them (Rill replaces the whole map on PATCH).
    public var attributes: Located<[String: JSONValue]>? {
        get { managed.object(.attributes) } set { managed.set(.attributes, newValue) }
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
