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

    public init(name: String, values: LiveValues<ProjectField>, archiveAssetId: String? = nil,
                directoryName: String? = nil, skipDeploy: Bool = false) {
        self.name = name
        self.values = values
        self.archiveAssetId = archiveAssetId
        self.directoryName = directoryName
        self.skipDeploy = skipDeploy
    }

    /// Typed parameters for callers that build a spec by hand (tests, the benchmark).
    public init(name: String, description: String? = nil, isPublic: Bool? = nil, gitRemote: String? = nil,
                archiveAssetId: String? = nil, primaryBranch: String? = nil, subpath: String? = nil,
                prodSlots: Int? = nil, prodVersion: String? = nil, provisioner: String? = nil,
                directoryName: String? = nil, skipDeploy: Bool = false) {
        var values = LiveValues<ProjectField>()
        values[.description] = description.map(FieldValue.string)
        values[.isPublic] = isPublic.map(FieldValue.bool)
        values[.gitRemote] = gitRemote.map(FieldValue.string)
        values[.primaryBranch] = primaryBranch.map(FieldValue.string)
        values[.subpath] = subpath.map(FieldValue.string)
        values[.prodSlots] = prodSlots.map(FieldValue.integer)
        values[.prodVersion] = prodVersion.map(FieldValue.string)
        values[.provisioner] = provisioner.map(FieldValue.string)
        self.init(name: name, values: values, archiveAssetId: archiveAssetId, directoryName: directoryName,
                  skipDeploy: skipDeploy)
    }

    public var description: String? {
        get { values[.description]?.stringValue } set { values[.description] = newValue.map(FieldValue.string) }
    }
    public var isPublic: Bool? {
        get { values[.isPublic]?.boolValue } set { values[.isPublic] = newValue.map(FieldValue.bool) }
    }
    /// An HTTPS GitHub remote ending in `.git`; exclusive with `archiveAssetId`.
    public var gitRemote: String? {
        get { values[.gitRemote]?.stringValue } set { values[.gitRemote] = newValue.map(FieldValue.string) }
    }
    public var primaryBranch: String? {
        get { values[.primaryBranch]?.stringValue } set { values[.primaryBranch] = newValue.map(FieldValue.string) }
    }
    public var subpath: String? {
        get { values[.subpath]?.stringValue } set { values[.subpath] = newValue.map(FieldValue.string) }
    }
    public var prodSlots: Int? {
        get { values[.prodSlots]?.integerValue } set { values[.prodSlots] = newValue.map(FieldValue.integer) }
    }
    public var prodVersion: String? {
        get { values[.prodVersion]?.stringValue } set { values[.prodVersion] = newValue.map(FieldValue.string) }
    }
    public var provisioner: String? {
        get { values[.provisioner]?.stringValue } set { values[.provisioner] = newValue.map(FieldValue.string) }
    }
}

/// The settings of a project to change: the typed map of ``ProjectField`` values (absent: left as it is), plus a
/// rename and an archive, which are not managed fields.
public struct ProjectChanges: Sendable, Hashable {
    public var newName: String?
    public var archiveAssetId: String?
    public var values: LiveValues<ProjectField>

    public init(newName: String? = nil, archiveAssetId: String? = nil, values: LiveValues<ProjectField>) {
        self.newName = newName
        self.archiveAssetId = archiveAssetId
        self.values = values
    }

    /// Typed parameters for callers that build changes by hand (tests).
    public init(newName: String? = nil, description: String? = nil, isPublic: Bool? = nil, gitRemote: String? = nil,
                archiveAssetId: String? = nil, primaryBranch: String? = nil, subpath: String? = nil,
                prodSlots: Int? = nil, prodVersion: String? = nil, prodTtlSeconds: Int? = nil,
                provisioner: String? = nil) {
        var spec = NewProject(name: "", description: description, isPublic: isPublic, gitRemote: gitRemote,
                              primaryBranch: primaryBranch, subpath: subpath, prodSlots: prodSlots,
                              prodVersion: prodVersion, provisioner: provisioner)
        spec.values[.prodTtlSeconds] = prodTtlSeconds.map(FieldValue.integer)
        self.init(newName: newName, archiveAssetId: archiveAssetId, values: spec.values)
    }

    public var isEmpty: Bool { newName == nil && archiveAssetId == nil && values.isEmpty }

    // Typed accessors for hand-built changes; code that handles every field uses `values`.
    public var description: String? {
        get { values[.description]?.stringValue } set { values[.description] = newValue.map(FieldValue.string) }
    }
    public var isPublic: Bool? {
        get { values[.isPublic]?.boolValue } set { values[.isPublic] = newValue.map(FieldValue.bool) }
    }
    public var gitRemote: String? {
        get { values[.gitRemote]?.stringValue } set { values[.gitRemote] = newValue.map(FieldValue.string) }
    }
    public var primaryBranch: String? {
        get { values[.primaryBranch]?.stringValue } set { values[.primaryBranch] = newValue.map(FieldValue.string) }
    }
    public var subpath: String? {
        get { values[.subpath]?.stringValue } set { values[.subpath] = newValue.map(FieldValue.string) }
    }
    public var prodSlots: Int? {
        get { values[.prodSlots]?.integerValue } set { values[.prodSlots] = newValue.map(FieldValue.integer) }
    }
    public var prodVersion: String? {
        get { values[.prodVersion]?.stringValue } set { values[.prodVersion] = newValue.map(FieldValue.string) }
    }
    /// `0` means no expiry.
    public var prodTtlSeconds: Int? {
        get { values[.prodTtlSeconds]?.integerValue } set { values[.prodTtlSeconds] = newValue.map(FieldValue.integer) }
    }
    public var provisioner: String? {
        get { values[.provisioner]?.stringValue } set { values[.provisioner] = newValue.map(FieldValue.string) }
    }
}
