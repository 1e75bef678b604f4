import RillformModel

/// One managed field whose live value differs from the manifest.
///
/// `live` is what the API returned (nil: the resource or field does not exist live); `desired` is the manifest's
/// value, which `rillform apply` would restore.
public struct DriftedField: Sendable, Hashable {
    /// The manifest key (`description`, `org_role`, `project_roles.sales`, `state`, `name` for a pending rename).
    public var field: String
    public var live: JSONValue?
    public var desired: JSONValue?
    /// The manifest value that declares the field.
    public var location: SourceLocation?
    /// True when restoring the value means replacing the resource.
    public var forcesReplacement: Bool

    public init(field: String, live: JSONValue?, desired: JSONValue?, location: SourceLocation? = nil,
                forcesReplacement: Bool = false) {
        self.field = field
        self.live = live
        self.desired = desired
        self.location = location
        self.forcesReplacement = forcesReplacement
    }
}
