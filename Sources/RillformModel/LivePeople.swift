/// People as read from the admin API. Emails and domains are lowercase keys.

/// A person in the org: a member, or a pending invite (an email without a Rill account).
public struct LiveMember: Sendable, Hashable, Codable {
    public var email: String
    /// Display name; "" for invites.
    public var name: String
    /// True for an invite that was never accepted (`ListOrganizationInvites`).
    public var isPendingInvite: Bool
    /// The managed settings as read (see ``MemberField``); invites have no attributes.
    public var managed: LiveValues<MemberField>
    /// Who sent the invite (invites only; "" when unknown).
    public var invitedBy: String

    public init(email: String, name: String = "", isPendingInvite: Bool = false, orgRole: OrgRole? = nil,
                attributes: [String: JSONValue] = [:], invitedBy: String = "") {
        self.email = email
        self.name = name
        self.isPendingInvite = isPendingInvite
        var managed = LiveValues<MemberField>([.attributes: .object(attributes)])
        managed[.orgRole] = orgRole.map { .string($0.rawValue) }
        self.managed = managed
        self.invitedBy = invitedBy
    }

    public var orgRole: OrgRole? {
        get { managed[.orgRole]?.stringValue.flatMap(OrgRole.init(rawValue:)) }
        set { managed[.orgRole] = newValue.map { .string($0.rawValue) } }
    }
}

public struct LiveUsergroup: Sendable, Hashable, Codable {
    public var id: String
    public var name: String
    /// The managed settings as read (see ``UsergroupField``); no `org_role` entry when the group has none.
    public var managed: LiveValues<UsergroupField>
    /// Members' emails, sorted. Nil when not read.
    public var members: [String]?
    /// Project name → role. Nil when not read.
    public var projectRoles: [String: ProjectRole]?

    public init(id: String, name: String, description: String = "", orgRole: OrgRole? = nil,
                members: [String]? = nil, projectRoles: [String: ProjectRole]? = nil) {
        self.id = id
        self.name = name
        var managed = LiveValues<UsergroupField>([.description: .string(description)])
        managed[.orgRole] = orgRole.map { .string($0.rawValue) }
        self.managed = managed
        self.members = members
        self.projectRoles = projectRoles
    }

    public var isManaged: Bool { UsergroupField.isManaged(name) }

    public var orgRole: OrgRole? {
        get { managed[.orgRole]?.stringValue.flatMap(OrgRole.init(rawValue:)) }
        set { managed[.orgRole] = newValue.map { .string($0.rawValue) } }
    }
}

/// A person's direct role on a project, or a pending project invite.
public struct LiveProjectMember: Sendable, Hashable, Codable {
    public var email: String
    public var isPendingInvite: Bool
    /// The managed settings as read (see ``ProjectMemberField``).
    public var managed: LiveValues<ProjectMemberField>

    public init(email: String, isPendingInvite: Bool = false, role: ProjectRole, restrictResources: Bool = false,
                resources: [String] = []) {
        self.email = email
        self.isPendingInvite = isPendingInvite
        self.managed = LiveValues([
            .role: .string(role.rawValue), .restrictResources: .bool(restrictResources),
            .resources: .list(resources.sorted()),
        ])
    }

    public var role: ProjectRole? { managed[.role]?.stringValue.flatMap(ProjectRole.init(rawValue:)) }
}

public struct LiveAllowedDomain: Sendable, Hashable, Codable {
    public var domain: String
    public var managed: LiveValues<AllowedDomainField>

    public init(domain: String, orgRole: OrgRole) {
        self.domain = domain
        self.managed = LiveValues([.orgRole: .string(orgRole.rawValue)])
    }

    public var orgRole: OrgRole? { managed[.orgRole]?.stringValue.flatMap(OrgRole.init(rawValue:)) }
}

public struct LiveProjectAllowedDomain: Sendable, Hashable, Codable {
    public var domain: String
    public var managed: LiveValues<ProjectAllowedDomainField>

    public init(domain: String, role: ProjectRole) {
        self.domain = domain
        self.managed = LiveValues([.role: .string(role.rawValue)])
    }

    public var role: ProjectRole? { managed[.role]?.stringValue.flatMap(ProjectRole.init(rawValue:)) }
}
