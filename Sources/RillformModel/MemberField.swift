/// The managed settings of a person in an org (``ResourceKind/member``): a member, or a pending invite when the
/// email has no Rill account yet (Rill's `AddOrganizationMemberUser` invites it).
public enum MemberField: String, ManagedField {
    case orgRole = "org_role"
    /// Replaced whole by `PUT /v1/orgs/{org}/members/{email}/attributes`; `{}` clears them.
    case attributes

    public var wireName: String {
        switch self {
        case .orgRole: "roleName"
        case .attributes: "attributes"
        }
    }

    public var valueType: FieldValueType {
        switch self {
        case .orgRole: .enumeration(OrgRole.allCases.map(\.rawValue))
        case .attributes: .object
        }
    }

    public var summary: String {
        switch self {
        case .orgRole: "Org role of the person (admin, editor, viewer, guest)."
        case .attributes:
            "Custom attributes that security policies read as attributes.<key>; replaced whole, {} clears them. "
                + "Not settable on a pending invite."
        }
    }

    /// Rill's add call takes only email and role: attributes follow in their own call.
    public var acceptedByCreate: Bool {
        switch self {
        case .orgRole: true
        case .attributes: false
        }
    }

    public var unsetValue: FieldValue? {
        switch self {
        case .orgRole: nil
        case .attributes: .object([:])
        }
    }
}
