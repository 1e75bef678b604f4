/// The managed settings of a person's direct role on a project (``ResourceKind/projectMember``).
public enum ProjectMemberField: String, ManagedField {
    case role
    /// True: the role reaches only `resources`.
    case restrictResources = "restrict_resources"
    /// `explore/NAME` or `canvas/NAME`; compared as a set.
    case resources

    /// `explore/sales` ↔ Rill's `{type: rill.runtime.v1.Explore, name: sales}`.
    public static let resourceKinds: [String: String] = [
        "explore": "rill.runtime.v1.Explore",
        "canvas": "rill.runtime.v1.Canvas",
    ]

    public var wireName: String {
        switch self {
        case .role: "roleName"
        case .restrictResources: "restrictResources"
        case .resources: "resources"
        }
    }

    public var valueType: FieldValueType {
        switch self {
        case .role: .enumeration(ProjectRole.allCases.map(\.rawValue))
        case .restrictResources: .bool
        case .resources: .stringList(pattern: "^(explore|canvas)/[^/]+$")
        }
    }

    public var summary: String {
        switch self {
        case .role: "Project role of the person (admin, editor, viewer)."
        case .restrictResources: "True: the role reaches only the listed resources."
        case .resources: "Resources the role is restricted to, as explore/NAME or canvas/NAME."
        }
    }

    public var unsetValue: FieldValue? {
        switch self {
        case .role: nil
        case .restrictResources: .bool(false)
        case .resources: .list([])
        }
    }

    public func normalized(_ value: FieldValue) -> FieldValue {
        switch (self, value) {
        case (.resources, .list(let items)): .list(Array(Set(items)).sorted())
        default: value
        }
    }
}
