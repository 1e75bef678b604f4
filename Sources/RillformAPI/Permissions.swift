/// What a caller (or a role) may do in an organization, as Rill reports it (`v1OrganizationPermissions`).
/// Missing flags are `false`.
public struct OrgPermissions: Sendable, Hashable, Codable {
    public var admin: Bool
    public var guest: Bool
    public var readOrg: Bool
    public var manageOrg: Bool
    public var readProjects: Bool
    public var createProjects: Bool
    public var manageProjects: Bool
    public var readOrgMembers: Bool
    public var manageOrgMembers: Bool
    public var manageOrgAdmins: Bool

    public init(admin: Bool = false, guest: Bool = false, readOrg: Bool = false, manageOrg: Bool = false,
                readProjects: Bool = false, createProjects: Bool = false, manageProjects: Bool = false,
                readOrgMembers: Bool = false, manageOrgMembers: Bool = false, manageOrgAdmins: Bool = false) {
        self.admin = admin
        self.guest = guest
        self.readOrg = readOrg
        self.manageOrg = manageOrg
        self.readProjects = readProjects
        self.createProjects = createProjects
        self.manageProjects = manageProjects
        self.readOrgMembers = readOrgMembers
        self.manageOrgMembers = manageOrgMembers
        self.manageOrgAdmins = manageOrgAdmins
    }
}

/// What a caller (or a role) may do in a project (the flags rillform reads of `v1ProjectPermissions`).
public struct ProjectPermissions: Sendable, Hashable, Codable {
    public var admin: Bool
    public var readProject: Bool
    public var manageProject: Bool
    public var readProd: Bool
    public var manageProd: Bool
    public var readDev: Bool
    public var manageDev: Bool
    public var readProjectMembers: Bool
    public var manageProjectMembers: Bool
    public var manageProjectAdmins: Bool

    public init(admin: Bool = false, readProject: Bool = false, manageProject: Bool = false, readProd: Bool = false,
                manageProd: Bool = false, readDev: Bool = false, manageDev: Bool = false,
                readProjectMembers: Bool = false, manageProjectMembers: Bool = false,
                manageProjectAdmins: Bool = false) {
        self.admin = admin
        self.readProject = readProject
        self.manageProject = manageProject
        self.readProd = readProd
        self.manageProd = manageProd
        self.readDev = readDev
        self.manageDev = manageDev
        self.readProjectMembers = readProjectMembers
        self.manageProjectMembers = manageProjectMembers
        self.manageProjectAdmins = manageProjectAdmins
    }
}
