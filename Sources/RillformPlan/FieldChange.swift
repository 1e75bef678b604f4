import RillformModel

/// One managed field of a resource that differs between live and desired state.
///
/// `field` is the manifest key (`description`, `org_role`, `attributes`, `project_roles.sales`, `state`).
/// `before` is `nil` when the resource (or field) does not exist live; `after` is `nil` when it is being removed.
public struct FieldChange: Sendable, Hashable {
    /// The manifest key.
    public var field: String
    /// The live value; nil when the resource or field does not exist live.
    public var before: JSONValue?
    /// The desired value; nil when the field or resource goes away.
    public var after: JSONValue?
    /// The manifest value that asks for this (nil for fields of deleted resources).
    public var location: SourceLocation?
    /// True when this field cannot be changed in place and makes the whole resource be replaced.
    public var forcesReplacement: Bool

    /// Creates a field change.
    public init(field: String, before: JSONValue?, after: JSONValue?, location: SourceLocation? = nil,
                forcesReplacement: Bool = false) {
        self.field = field
        self.before = before
        self.after = after
        self.location = location
        self.forcesReplacement = forcesReplacement
    }
}
