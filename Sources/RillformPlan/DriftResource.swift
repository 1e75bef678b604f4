import RillformModel

/// One declared resource as drift detection found it: in sync, changed outside rillform, or missing live.
public struct DriftResource: Sendable, Hashable, Comparable {
    public enum Status: String, Sendable, Hashable, Codable, CaseIterable {
        /// Live matches every managed field.
        case inSync = "in_sync"
        /// Exists live, but some managed field (or its token policy) differs.
        case changed
        /// Declared, but does not exist live (also every declared resource inside a missing one).
        case missing
    }

    public var address: ResourceAddress
    public var status: Status
    /// Where the manifest declares the resource.
    public var location: SourceLocation?
    /// The differing fields, sorted by name (empty when in sync, and for token findings).
    public var fields: [DriftedField]
    /// Extra explanation: why a replace would be needed, or what the token policy found.
    public var detail: String?
    /// True when the finding is about the service's tokens rather than its fields (RF403).
    public var isTokenFinding: Bool

    public init(address: ResourceAddress, status: Status, location: SourceLocation? = nil,
                fields: [DriftedField] = [], detail: String? = nil, isTokenFinding: Bool = false) {
        self.address = address
        self.status = status
        self.location = location
        self.fields = fields
        self.detail = detail
        self.isTokenFinding = isTokenFinding
    }

    public var kind: ResourceKind { address.kind }

    /// True unless the resource is in sync.
    public var isDrifted: Bool { status != .inSync }

    public static func < (lhs: DriftResource, rhs: DriftResource) -> Bool { lhs.address < rhs.address }
}

/// A live resource in scope that the manifest does not declare.
public struct DriftUnmanagedResource: Sendable, Hashable, Comparable {
    public var address: ResourceAddress
    /// A short description, e.g. `org role "admin"`.
    public var detail: String?
    /// True when the plan deletes it: pruning is on, or it is missing from a managed list (`deployments`,
    /// `project_roles`).
    public var deletedByApply: Bool
    /// Where its org is declared: the place to add a declaration (annotations need a position).
    public var location: SourceLocation?

    public init(address: ResourceAddress, detail: String? = nil, deletedByApply: Bool = false,
                location: SourceLocation? = nil) {
        self.address = address
        self.detail = detail
        self.deletedByApply = deletedByApply
        self.location = location
    }

    public static func < (lhs: DriftUnmanagedResource, rhs: DriftUnmanagedResource) -> Bool {
        lhs.address < rhs.address
    }
}
