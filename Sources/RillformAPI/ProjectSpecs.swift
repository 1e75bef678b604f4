import RillformModel

/// A project to create. Its managed settings are a typed map (see ``ProjectField``); fields absent from it are not
/// sent (the server's defaults apply), and so are fields Rill's create does not accept
/// (``ManagedField/acceptedByCreate``: set them by an update right after). The wire mapping is one exhaustive
/// switch (`ModelMapping.swift`), so a new field does not compile until it is mapped.
public struct NewProject: Sendable, Hashable {
    public var name: String
    public var values: LiveValues<ProjectField>
    /// An uploaded archive to deploy from; exclusive with `git_remote`.
    public var archiveAssetId: String?
    public var directoryName: String?
    /// Create the project without its prod deployment.
    public var skipDeploy: Bool

    public init(name: String, values: LiveValues<ProjectField> = [:], archiveAssetId: String? = nil,
                directoryName: String? = nil, skipDeploy: Bool = false) {
        self.name = name
        self.values = values
        self.archiveAssetId = archiveAssetId
        self.directoryName = directoryName
        self.skipDeploy = skipDeploy
    }
}

/// The settings of a project to change: the typed map of ``ProjectField`` values (absent: left as it is), plus a
/// rename and an archive, which are not managed fields.
public struct ProjectChanges: Sendable, Hashable {
    public var newName: String?
    public var archiveAssetId: String?
    public var values: LiveValues<ProjectField>

    public init(newName: String? = nil, archiveAssetId: String? = nil, values: LiveValues<ProjectField> = [:]) {
        self.newName = newName
        self.archiveAssetId = archiveAssetId
        self.values = values
    }

    public var isEmpty: Bool { newName == nil && archiveAssetId == nil && values.isEmpty }
}
