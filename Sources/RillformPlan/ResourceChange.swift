import RillformModel

/// One planned change to one resource: what to do, which fields differ, why (provenance) and what must run first.
///
/// Creates list every desired field (`before` nil); updates list only the fields that differ; deletes list the
/// live values being removed (`after` nil); replaces list the desired fields, the forcing one marked.
public struct ResourceChange: Sendable, Hashable {
    /// The resource changed (for a rename: its new name).
    public var address: ResourceAddress
    /// Terraform-style action array; see ``Action``.
    public var actions: [Action]
    /// Set when a `previously:` name matched: the change renames the live object first.
    public var rename: RenameInfo?
    /// Sorted by field name.
    public var fieldChanges: [FieldChange]
    /// How many managed fields already match (shown as `# (3 unchanged attributes hidden)`).
    public var unchangedFieldCount: Int
    /// The manifest block that caused the change; nil for deletes of undeclared resources.
    public var location: SourceLocation?
    /// Changes in this plan that must finish first. Creates and updates wait for their parents;
    /// deletes wait for the deletes of their children.
    public var dependencies: [ResourceAddress]
    /// The live object acted on; nil for creates.
    public var live: LiveReference?
    /// Why a replace is needed, e.g. `org_role cannot be added to a service that has no org role`.
    public var replaceReason: String?
    /// Token issue/revoke work (only on `service_token` changes).
    public var tokenChange: TokenChange?
    /// Project creates only: create without the prod deployment (the desired deployments exclude prod).
    public var skipDeploy: Bool
    /// Service creates without an org role: the project role the service is created with.
    public var initialProjectRole: InitialProjectRole?
    /// Extra facts for humans and the applier, e.g. that a deployment is created by its project's create.
    public var notes: [String]
    /// The live object as planned against (absent for creates); `apply plan.json` refuses the plan when the
    /// object no longer matches. Nil in plans written before fingerprints existed.
    public var fingerprint: LiveFingerprint?

    /// Creates a change; the planner is the usual source.
    public init(
        address: ResourceAddress, actions: [Action], rename: RenameInfo? = nil, fieldChanges: [FieldChange] = [],
        unchangedFieldCount: Int = 0, location: SourceLocation? = nil, dependencies: [ResourceAddress] = [],
        live: LiveReference? = nil, replaceReason: String? = nil, tokenChange: TokenChange? = nil,
        skipDeploy: Bool = false, initialProjectRole: InitialProjectRole? = nil, notes: [String] = []
    ) {
        self.address = address
        self.actions = actions
        self.rename = rename
        self.fieldChanges = fieldChanges
        self.unchangedFieldCount = unchangedFieldCount
        self.location = location
        self.dependencies = dependencies
        self.live = live
        self.replaceReason = replaceReason
        self.tokenChange = tokenChange
        self.skipDeploy = skipDeploy
        self.initialProjectRole = initialProjectRole
        self.notes = notes
        self.fingerprint = nil
    }

    /// The operation as a whole (`replace` for `["delete","create"]`); `noOp` for an unknown action array.
    public var operation: ChangeOperation { ChangeOperation(actions: actions) ?? .noOp }

    /// The kind of the resource changed.
    public var kind: ResourceKind { address.kind }

    /// True for deletes and replaces: the live object goes away (what protection and mass-delete guards look at).
    public var destroysLiveObject: Bool { actions.contains(.delete) }

    /// The field change for one manifest key, if any.
    public func fieldChange(_ field: String) -> FieldChange? { fieldChanges.first { $0.field == field } }
}
