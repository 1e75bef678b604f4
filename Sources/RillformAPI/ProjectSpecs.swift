/// A project to create. `nil` fields are not sent (the server's defaults apply).
public struct NewProject: Sendable, Hashable {
    public var name: String
    public var description: String?
    public var isPublic: Bool?
    /// An HTTPS GitHub remote ending in `.git`; exclusive with `archiveAssetId`.
    public var gitRemote: String?
    public var archiveAssetId: String?
    public var primaryBranch: String?
    public var subpath: String?
    public var prodSlots: Int?
    public var prodVersion: String?
    public var provisioner: String?
    public var directoryName: String?
    /// Create the project without its prod deployment.
    public var skipDeploy: Bool

    public init(name: String, description: String? = nil, isPublic: Bool? = nil, gitRemote: String? = nil,
                archiveAssetId: String? = nil, primaryBranch: String? = nil, subpath: String? = nil,
                prodSlots: Int? = nil, prodVersion: String? = nil, provisioner: String? = nil,
                directoryName: String? = nil, skipDeploy: Bool = false) {
        self.name = name
        self.description = description
        self.isPublic = isPublic
        self.gitRemote = gitRemote
        self.archiveAssetId = archiveAssetId
        self.primaryBranch = primaryBranch
        self.subpath = subpath
        self.prodSlots = prodSlots
        self.prodVersion = prodVersion
        self.provisioner = provisioner
        self.directoryName = directoryName
        self.skipDeploy = skipDeploy
    }
}

/// The fields of a project to change. `nil` leaves a field as it is (only present fields are sent).
public struct ProjectChanges: Sendable, Hashable {
    public var newName: String?
    public var description: String?
    public var isPublic: Bool?
    public var gitRemote: String?
    public var archiveAssetId: String?
    public var primaryBranch: String?
    public var subpath: String?
    public var prodSlots: Int?
    public var prodVersion: String?
    /// `0` means no expiry.
    public var prodTtlSeconds: Int?
    public var provisioner: String?

    public init(newName: String? = nil, description: String? = nil, isPublic: Bool? = nil, gitRemote: String? = nil,
                archiveAssetId: String? = nil, primaryBranch: String? = nil, subpath: String? = nil,
                prodSlots: Int? = nil, prodVersion: String? = nil, prodTtlSeconds: Int? = nil,
                provisioner: String? = nil) {
        self.newName = newName
        self.description = description
        self.isPublic = isPublic
        self.gitRemote = gitRemote
        self.archiveAssetId = archiveAssetId
        self.primaryBranch = primaryBranch
        self.subpath = subpath
        self.prodSlots = prodSlots
        self.prodVersion = prodVersion
        self.prodTtlSeconds = prodTtlSeconds
        self.provisioner = provisioner
    }

    public var isEmpty: Bool { self == ProjectChanges() }
}
