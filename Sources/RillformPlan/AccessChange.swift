import RillformModel

/// Who gains, loses or changes which access: a role on an org or project, or the attributes that feed
/// security policies. Derived from the changes of a plan, for review and for the lockout guard.
public struct AccessChange: Sendable, Hashable, Comparable {
    /// Whether access is gained, lost or changed.
    public enum Kind: String, Sendable, Hashable, Codable {
        case grant, revoke, change
    }

    /// What kind of access changes.
    public enum Aspect: String, Sendable, Hashable, Codable {
        /// An org role (scope `org.…`) or a project role (scope `project.…`).
        case role
        /// The service's attributes (scope: its org); `before`/`after` are compact JSON.
        case attributes
    }

    /// The service (`service.acme/reporting`) or the person (`member.acme/ana@acme.com`).
    public var identity: ResourceAddress
    /// `org.acme` or `project.acme/sales`.
    public var scope: ResourceAddress
    /// A role or the attributes.
    public var aspect: Aspect
    /// The role name (or compact JSON attributes) before; nil when newly granted.
    public var before: String?
    /// The role name (or compact JSON attributes) after; nil when revoked.
    public var after: String?
    /// Grant, revoke or change.
    public var kind: Kind
    /// The manifest value that causes it; nil when an undeclared service is deleted.
    public var location: SourceLocation?
    /// People only: the usergroup the effective role comes from (after; before for a revoke), e.g.
    /// `usergroup.acme/analysts`; nil when it is the person's direct role. `before`/`after` are effective roles
    /// (the highest of the direct role and the group roles).
    public var via: ResourceAddress?

    /// Creates an access change.
    public init(identity: ResourceAddress, scope: ResourceAddress, aspect: Aspect = .role, before: String?,
                after: String?, kind: Kind, location: SourceLocation? = nil, via: ResourceAddress? = nil) {
        self.identity = identity
        self.scope = scope
        self.aspect = aspect
        self.before = before
        self.after = after
        self.kind = kind
        self.location = location
        self.via = via
    }

    /// By identity, then scope, then aspect: deterministic reports.
    public static func < (lhs: AccessChange, rhs: AccessChange) -> Bool {
        if lhs.identity != rhs.identity { return lhs.identity < rhs.identity }
        if lhs.scope != rhs.scope { return lhs.scope < rhs.scope }
        return lhs.aspect.rawValue < rhs.aspect.rawValue
    }
}

extension AccessChange: Codable {
    enum CodingKeys: String, CodingKey {
        case identity, scope, aspect, before, after, kind, via
        case location = "provenance"
    }
}
