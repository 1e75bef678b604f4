import RillformModel

/// What one YAML document declares, before merging with the other documents and files.
struct ManifestFragment: Sendable {
    var file: String
    var policy: Policy?
    var orgs: [DesiredOrg]
}
