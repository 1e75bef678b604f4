import RillformModel

/// A live resource in scope (an org of the manifest) that the manifest does not declare, left alone because
/// pruning is off. With `--prune` or `policy.prune: true` it becomes a delete change instead.
public struct UnmanagedResource: Sendable, Hashable, Comparable {
    /// Where the resource is.
    public var address: ResourceAddress
    /// Its live id and name, when it has them.
    public var live: LiveReference?
    /// A short description, e.g. `role "viewer"` or `status DEPLOYMENT_STATUS_RUNNING`.
    public var detail: String?

    /// Creates an unmanaged resource entry.
    public init(address: ResourceAddress, live: LiveReference? = nil, detail: String? = nil) {
        self.address = address
        self.live = live
        self.detail = detail
    }

    public static func < (lhs: UnmanagedResource, rhs: UnmanagedResource) -> Bool { lhs.address < rhs.address }
}
