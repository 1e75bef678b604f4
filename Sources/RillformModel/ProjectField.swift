/// The managed settings of a project (its name is its identity; deployments are resources of their own).
public enum ProjectField: String, ManagedField {
    case description
    case isPublic = "public"
    case gitRemote = "git_remote"
    case primaryBranch = "primary_branch"
    case subpath
    case prodSlots = "prod_slots"
    case prodVersion = "prod_version"
    /// `0` means no expiry (Rill's sentinel).
    case prodTtlSeconds = "prod_ttl_seconds"
    case provisioner

    public var wireName: String {
        switch self {
        case .description: "description"
        case .isPublic: "public"
        case .gitRemote: "gitRemote"
        case .primaryBranch: "primaryBranch"
        case .subpath: "subpath"
        case .prodSlots: "prodSlots"
        case .prodVersion: "prodVersion"
        case .prodTtlSeconds: "prodTtlSeconds"
        case .provisioner: "provisioner"
        }
    }

    public var valueType: FieldValueType {
        switch self {
        case .description, .primaryBranch, .subpath, .prodVersion, .provisioner: .string(pattern: nil)
        case .isPublic: .bool
        case .gitRemote: .string(pattern: #"^https://github\.com/[A-Za-z0-9][A-Za-z0-9-]*/[A-Za-z0-9_.-]+\.git$"#)
        case .prodSlots: .integer(minimum: 1, rule: "a positive integer")
        case .prodTtlSeconds: .integer(minimum: 0, rule: "0 (no expiry) or positive")
        }
    }

    public var summary: String {
        switch self {
        case .description: "Project description."
        case .isPublic:
            "Whether anyone can open the project's dashboards without signing in. Default false (rillform warns on true)."
        case .gitRemote:
            "HTTPS GitHub remote the project deploys from, e.g. https://github.com/acme/sales.git. Creating or "
                + "re-pointing a git project needs a user token with GitHub access to the repository through the Rill "
                + "GitHub app (RF323). Needs primary_branch (RF155). Without git_remote a new project is created "
                + "without a deployment and may not declare deployments (RF154)."
        case .primaryBranch: "Git branch of the prod deployment."
        case .subpath: "Directory of the Rill project inside the repository."
        case .prodSlots: "Compute slots of the prod deployment (positive)."
        case .prodVersion: "Rill runtime version of the prod deployment, e.g. latest."
        case .prodTtlSeconds:
            "Seconds of inactivity after which the prod deployment is hibernated; 0 means no expiry."
        case .provisioner: "Provisioner of the project's deployments (\"\" for Rill's default)."
        }
    }

    /// `CreateProject` (admin/server/projects.go) has no TTL: it is set by an update right after the create.
    public var acceptedByCreate: Bool {
        switch self {
        case .description, .isPublic, .gitRemote, .primaryBranch, .subpath, .prodSlots, .prodVersion, .provisioner:
            true
        case .prodTtlSeconds: false
        }
    }

    public var unsetValue: FieldValue? {
        switch self {
        case .description, .gitRemote, .primaryBranch, .subpath, .prodVersion, .provisioner: .string("")
        case .isPublic: .bool(false)
        case .prodSlots, .prodTtlSeconds: .integer(0)
        }
    }

    /// Rill's defaults for a new git project: `main`, 2 slots, the `latest` runtime.
    public var serverDefaults: [FieldValue] {
        switch self {
        case .primaryBranch: [.string("main")]
        case .prodSlots: [.integer(2)]
        case .prodVersion: [.string("latest")]
        case .description, .isPublic, .gitRemote, .subpath, .prodTtlSeconds, .provisioner: []
        }
    }

    /// An empty live `prod_version` is Rill's default, `latest`.
    public func normalized(_ value: FieldValue) -> FieldValue {
        switch self {
        case .prodVersion: value == .string("") ? .string("latest") : value
        case .description, .isPublic, .gitRemote, .primaryBranch, .subpath, .prodSlots, .prodTtlSeconds, .provisioner:
            value
        }
    }

    /// Rill restarts every deployment of the project when an update changes this field (`impactsDeployments` in
    /// admin/projects.go). Description, public, TTL and provisioner do not.
    public var restartsDeployments: Bool {
        switch self {
        case .gitRemote, .primaryBranch, .subpath, .prodSlots, .prodVersion: true
        case .description, .isPublic, .prodTtlSeconds, .provisioner: false
        }
    }

    /// Listed (when not unset) among the live values of a project a plan deletes: the few that say which project
    /// it is; runtime settings would only add noise.
    public var describesDeletedProject: Bool {
        switch self {
        case .description, .isPublic, .gitRemote, .primaryBranch, .prodSlots: true
        case .subpath, .prodVersion, .prodTtlSeconds, .provisioner: false
        }
    }
}
