import RillformModel

/// The stable diagnostic codes of the manifest stage (`RF100`–`RF199`). A code is never reused for another meaning;
/// the README lists this table.
///
/// | Code  | Severity | Meaning |
/// |-------|----------|---------|
/// | RF100 | error    | YAML syntax error (including an alias to an undefined anchor) |
/// | RF101 | error    | A mapping key appears twice in the same mapping |
/// | RF102 | error    | Aliases expand to more than 100,000 nodes (alias bomb) or nesting is deeper than 256 levels |
/// | RF103 | error    | Unsupported YAML: a non-string mapping key (e.g. `1:` or a list as key) |
/// | RF110 | error    | `apiVersion` is missing |
/// | RF111 | error    | `apiVersion` is not `rillform/v1` |
/// | RF120 | error    | Unknown key (with a did-you-mean suggestion) |
/// | RF121 | error    | Wrong type (e.g. an integer where a string is required, `"yes"` where a boolean is) |
/// | RF122 | error    | A required key is missing |
/// | RF123 | error    | A value is not one of the allowed values (deployment environment or state) |
/// | RF124 | error    | Unknown role name |
/// | RF125 | error    | A name Rill would reject (org, project, service, `previously`, `project_roles` key) |
/// | RF126 | error    | `git_remote` is not an HTTPS GitHub remote ending in `.git` |
/// | RF127 | error    | A number is out of range (e.g. `prod_slots` not positive, `prod_ttl_seconds` negative) |
/// | RF128 | error    | `billing_email` is not an email address |
/// | RF129 | error    | An attribute value is not JSON-compatible (timestamp, binary, NaN/infinity, non-string key) |
/// | RF130 | error    | Interpolation error: unset variable without default, unterminated or invalid `${…}` |
/// | RF140 | error    | The same project or service is defined twice (names both places) |
/// | RF141 | error    | The same org or policy setting is set in two places (names both places) |
/// | RF142 | error    | A `previously` name collides with a declared name or another `previously` entry |
/// | RF150 | error    | More than one prod deployment in a project |
/// | RF151 | error    | A dev deployment has no `branch` |
/// | RF152 | error    | A prod deployment sets `branch` or `editable` (dev-only keys) |
/// | RF153 | error    | Two deployments with the same key (same environment and branch) |
/// | RF154 | error    | A project declares deployments but no `git_remote` (Rill cannot deploy a project without a source) |
/// | RF155 | error    | `git_remote` without `primary_branch` (Rill deploys only the branch the create names) |
/// | RF160 | error    | A service has neither `org_role` nor `project_roles` (Rill refuses to create it) |
/// | RF161 | warning  | `project_roles` names a project not declared in the same org (it may exist live) |
/// | RF162 | error    | `project_roles` names a project by its `previously` name (use the new name) |
/// | RF163 | error    | `project_roles` names an undeclared project one typo away from a declared one (did you mean) |
/// | RF170 | error    | Invalid `protect` address |
/// | RF171 | warning  | A `protect` address lies outside the declared orgs |
/// | RF180 | warning  | A project is public (`public: true`) |
/// | RF181 | warning  | `prune: true` at the top level (deletes unmanaged resources in every declared org) |
/// | RF182 | warning  | A manifest file or document is empty |
/// | RF190 | error    | A manifest path cannot be read (missing file, permissions, not UTF-8) |
/// | RF191 | error    | No manifest files: the given directories contain no `*.yaml`/`*.yml` |
public enum ManifestDiagnosticCode: String, Sendable, CaseIterable, Hashable {
    case yamlSyntax = "RF100"
    case duplicateKey = "RF101"
    case aliasBomb = "RF102"
    case unsupportedYAML = "RF103"
    case apiVersionMissing = "RF110"
    case apiVersionUnsupported = "RF111"
    case unknownKey = "RF120"
    case wrongType = "RF121"
    case missingRequired = "RF122"
    case invalidValue = "RF123"
    case unknownRole = "RF124"
    case invalidName = "RF125"
    case invalidGitRemote = "RF126"
    case outOfRange = "RF127"
    case invalidEmail = "RF128"
    case attributeNotJSON = "RF129"
    case interpolation = "RF130"
    case duplicateResource = "RF140"
    case conflictingSetting = "RF141"
    case previouslyCollision = "RF142"
    case multipleProdDeployments = "RF150"
    case devDeploymentWithoutBranch = "RF151"
    case devOnlyKeyOnProd = "RF152"
    case duplicateDeployment = "RF153"
    case deploymentsWithoutSource = "RF154"
    case gitRemoteWithoutBranch = "RF155"
    case serviceWithoutRole = "RF160"
    case projectRoleUndeclaredProject = "RF161"
    case projectRoleOnPreviousName = "RF162"
    case projectRoleTypo = "RF163"
    case invalidProtectAddress = "RF170"
    case protectOutsideDeclaredOrgs = "RF171"
    case publicProject = "RF180"
    case pruneEnabled = "RF181"
    case emptyDocument = "RF182"
    case unreadableFile = "RF190"
    case noManifestFiles = "RF191"

    /// The severity this code is always reported with.
    public var severity: Diagnostic.Severity {
        switch self {
        case .projectRoleUndeclaredProject, .protectOutsideDeclaredOrgs, .publicProject, .pruneEnabled,
            .emptyDocument:
            .warning
        default:
            .error
        }
    }

    /// One line describing the code (the README table and SARIF rule descriptions use it).
    public var summary: String {
        switch self {
        case .yamlSyntax: "YAML syntax error"
        case .duplicateKey: "Duplicate key in a mapping"
        case .aliasBomb: "Alias expansion or nesting beyond the safety limit"
        case .unsupportedYAML: "Non-string mapping key"
        case .apiVersionMissing: "apiVersion is missing"
        case .apiVersionUnsupported: "apiVersion is not rillform/v1"
        case .unknownKey: "Unknown key"
        case .wrongType: "Value has the wrong type"
        case .missingRequired: "Required key is missing"
        case .invalidValue: "Value is not one of the allowed values"
        case .unknownRole: "Unknown role name"
        case .invalidName: "Name that Rill would reject"
        case .invalidGitRemote: "git_remote is not an HTTPS GitHub remote ending in .git"
        case .outOfRange: "Number out of range"
        case .invalidEmail: "Invalid email address"
        case .attributeNotJSON: "Attribute value is not JSON-compatible"
        case .interpolation: "Environment interpolation error"
        case .duplicateResource: "Resource defined twice"
        case .conflictingSetting: "Setting defined in two places"
        case .previouslyCollision: "previously name collides with another name"
        case .multipleProdDeployments: "More than one prod deployment"
        case .devDeploymentWithoutBranch: "Dev deployment without branch"
        case .devOnlyKeyOnProd: "Dev-only key on a prod deployment"
        case .duplicateDeployment: "Deployment defined twice"
        case .deploymentsWithoutSource: "Deployments declared for a project without git_remote"
        case .gitRemoteWithoutBranch: "git_remote without primary_branch"
        case .serviceWithoutRole: "Service has neither org_role nor project_roles"
        case .projectRoleUndeclaredProject: "project_roles names an undeclared project"
        case .projectRoleOnPreviousName: "project_roles names a project by its previous name"
        case .projectRoleTypo: "project_roles names an undeclared project close to a declared one"
        case .invalidProtectAddress: "Invalid protect address"
        case .protectOutsideDeclaredOrgs: "protect address outside the declared orgs"
        case .publicProject: "Public project"
        case .pruneEnabled: "prune enabled at the top level"
        case .emptyDocument: "Empty manifest file or document"
        case .unreadableFile: "Manifest path cannot be read"
        case .noManifestFiles: "No manifest files found"
        }
    }

    /// Looks a code up by its `RFnnn` string (reporters use it for rule descriptions).
    public static func described(_ code: String) -> String? { ManifestDiagnosticCode(rawValue: code)?.summary }
}

extension Diagnostic {
    /// A manifest diagnostic with the code's fixed severity.
    public static func manifest(_ code: ManifestDiagnosticCode, _ message: String, at location: SourceLocation?,
                         related: [SourceLocation] = []) -> Diagnostic {
        Diagnostic(code.severity, code: code.rawValue, message: message, at: location, related: related)
    }
}
