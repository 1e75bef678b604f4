/// People in the desired state: org members, usergroups, project members and allowed email domains.
/// Emails and domains are kept lowercase (Rill matches them case-insensitively); absent lists are unmanaged.

/// A person in the org by email, with an org role (``MemberField``).
public struct DesiredMember: Sendable, Hashable {
    public var email: Located<String>
    public var managed: DesiredValues<MemberField>

    public init(email: Located<String>, managed: DesiredValues<MemberField> = DesiredValues()) {
        self.email = email
        self.managed = managed
    }

    public var orgRole: Located<OrgRole>? {
        get { managed.enumeration(.orgRole, as: OrgRole.self) } set { managed.set(.orgRole, newValue) }
    }

    public func address(org: String) -> ResourceAddress { .member(org, email: email.value) }
}

/// A usergroup: settings (``UsergroupField``), members and project roles. Managed groups (`autogroup:…`) may
/// declare only project roles.
public struct DesiredUsergroup: Sendable, Hashable {
    public var name: Located<String>
    /// Earlier names, newest first: a live group under one of them is renamed, never deleted and recreated.
    public var previously: [Located<String>]
    public var managed: DesiredValues<UsergroupField>
    /// Emails. `nil`: membership not managed; `[]`: the group should have no members.
    public var members: [Located<String>]?
    /// Project name → role. `nil`: not managed; `[:]`: remove every project role.
    public var projectRoles: [String: Located<ProjectRole>]?

    public init(name: Located<String>, previously: [Located<String>] = [],
                managed: DesiredValues<UsergroupField> = DesiredValues(), members: [Located<String>]? = nil,
                projectRoles: [String: Located<ProjectRole>]? = nil) {
        self.name = name
        self.previously = previously
        self.managed = managed
        self.members = members
        self.projectRoles = projectRoles
    }

    /// True for Rill's own groups (`autogroup:…`), which cannot be created, renamed, edited or deleted.
    public var isManaged: Bool { UsergroupField.isManaged(name.value) }

    public var orgRole: Located<OrgRole>? {
        get { managed.enumeration(.orgRole, as: OrgRole.self) } set { managed.set(.orgRole, newValue) }
    }

    public func address(org: String) -> ResourceAddress { .usergroup(org, name.value) }
}

/// A person's direct role on one project (``ProjectMemberField``).
public struct DesiredProjectMember: Sendable, Hashable {
    public var email: Located<String>
    public var managed: DesiredValues<ProjectMemberField>

    public init(email: Located<String>, managed: DesiredValues<ProjectMemberField> = DesiredValues()) {
        self.email = email
        self.managed = managed
    }

    public var role: Located<ProjectRole>? {
        get { managed.enumeration(.role, as: ProjectRole.self) } set { managed.set(.role, newValue) }
    }

    public func address(org: String, project: String) -> ResourceAddress {
        .projectMember(org, project: project, email: email.value)
    }
}

/// An org-level auto-join email domain (``AllowedDomainField``).
public struct DesiredAllowedDomain: Sendable, Hashable {
    public var domain: Located<String>
    public var managed: DesiredValues<AllowedDomainField>

    public init(domain: Located<String>, managed: DesiredValues<AllowedDomainField> = DesiredValues()) {
        self.domain = domain
        self.managed = managed
    }

    public var orgRole: Located<OrgRole>? {
        get { managed.enumeration(.orgRole, as: OrgRole.self) } set { managed.set(.orgRole, newValue) }
    }

    public func address(org: String) -> ResourceAddress { .allowedDomain(org, domain: domain.value) }
}

/// A project-level auto-join email domain (``ProjectAllowedDomainField``).
public struct DesiredProjectAllowedDomain: Sendable, Hashable {
    public var domain: Located<String>
    public var managed: DesiredValues<ProjectAllowedDomainField>

    public init(domain: Located<String>, managed: DesiredValues<ProjectAllowedDomainField> = DesiredValues()) {
        self.domain = domain
        self.managed = managed
    }

    public var role: Located<ProjectRole>? {
        get { managed.enumeration(.role, as: ProjectRole.self) } set { managed.set(.role, newValue) }
    }

    public func address(org: String, project: String) -> ResourceAddress {
        .projectAllowedDomain(org, project: project, domain: domain.value)
    }
}
