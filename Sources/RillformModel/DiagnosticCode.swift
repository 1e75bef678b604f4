/// Every stable code rillform reports, in one registry: manifest checks (RF1xx), planner findings (RF300–RF319),
/// safety guards (RF320–RF329), preflight refusals (RF330–RF339) and drift findings (RF4xx). A code is never
/// reused for another meaning. Its severity, name, summary and help live in `DiagnosticCode+Registry.swift`; every
/// output (text, JSON, GitHub annotations, SARIF rules) and the README's table are fed from there.
public enum DiagnosticCode: String, Sendable, Hashable, CaseIterable, Codable, Comparable {
    // Manifest (RF1xx): what needs no live state; `validate` reports all of these.
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
    case managedUsergroupEdit = "RF164"
    case personNotDeclaredMember = "RF165"
    case publicEmailDomain = "RF166"
    case invalidDomain = "RF167"
    case resourcesWithoutRestriction = "RF168"
    case invalidProtectAddress = "RF170"
    case protectOutsideDeclaredOrgs = "RF171"
    case publicProject = "RF180"
    case pruneEnabled = "RF181"
    case emptyDocument = "RF182"
    case unreadableFile = "RF190"
    case noManifestFiles = "RF191"

    // Planner (RF300–RF319): what only live state decides.
    case newServiceWithoutRole = "RF301"
    case unknownProjectInRoles = "RF302"
    case renameConflict = "RF303"
    case emptyCollectionNotPruned = "RF304"
    case skippedByTargeting = "RF305"
    case serviceLeftWithoutRoles = "RF306"
    case tokenAgeUnknown = "RF307"
    case roleOnPreviousProjectName = "RF308"
    case plannedDevDeploymentWithoutBranch = "RF309"
    case pendingInvite = "RF310"
    case managedUsergroupMissing = "RF311"

    // Safety guards (RF320–RF329): refusals with exit status 3.
    case protectedResource = "RF320"
    case massDelete = "RF321"
    case lockout = "RF322"
    case gitSourceAccess = "RF323"
    case lastAdminRemoval = "RF324"
    case billingEmailUserRemoval = "RF325"

    // Preflight (RF330–RF339): the token cannot run this at all; refused (exit 3) before anything is read.
    case noAPIToken = "RF330"
    case orgNotCreatable = "RF331"
    case orgAdminMissing = "RF332"
    case allowedDomainNeedsUserToken = "RF333"
    case allowedDomainEmailMismatch = "RF334"

    // Drift findings (RF4xx): SARIF rule ids and annotation codes of `rillform drift`.
    case driftedField = "RF400"
    case unmanagedResource = "RF401"
    case missingResource = "RF402"
    case tokenPolicyUnmet = "RF403"
    case inviteNotAccepted = "RF404"

    /// Where in a run a code is reported; each stage owns a range of ids.
    public enum Stage: String, Sendable, Hashable, CaseIterable {
        case manifest, plan, safetyGuard, preflight, drift
    }

    /// The stable id, e.g. `RF154`.
    public var id: String { rawValue }

    /// The code with this id, if any (reporters look ids up for rule metadata).
    public init?(id: String) { self.init(rawValue: id) }

    /// The severity this code is reported with by default (drift's RF401 is raised to a warning when the next
    /// apply would delete the resource).
    public var severity: Diagnostic.Severity { entry.severity }

    /// A short kebab-case name, e.g. `unknown-key` (SARIF rule `name`, JUnit failure `type`).
    public var name: String { entry.name }

    /// One line: what the code means (README table, SARIF `shortDescription`).
    public var summary: String { entry.summary }

    /// What to do about it (SARIF `help`).
    public var help: String { entry.help }

    /// Where the README documents every code (SARIF `helpUri`).
    public var helpURI: String { DiagnosticCode.documentationURI + "#" + DiagnosticCode.readmeAnchor }

    /// The README section with the table of codes.
    public static let readmeAnchor = "diagnostic-codes"
    public static let documentationURI = "https://github.com/rillform/rillform"

    public var stage: Stage {
        let number = Int(rawValue.dropFirst(2)) ?? 0
        switch number {
        case ..<300: return .manifest
        case 300..<320: return .plan
        case 320..<330: return .safetyGuard
        case 330..<400: return .preflight
        default: return .drift
        }
    }

    /// Guard and preflight refusals end a run with exit status 3, not 1.
    public var isSafetyRefusal: Bool { stage == .safetyGuard || stage == .preflight }

    public static func < (lhs: DiagnosticCode, rhs: DiagnosticCode) -> Bool { lhs.rawValue < rhs.rawValue }
}

extension Diagnostic {
    /// A diagnostic with the code's registered severity.
    public init(_ code: DiagnosticCode, _ message: String, at location: SourceLocation? = nil,
                related: [SourceLocation] = []) {
        self.init(code.severity, code: code.id, message: message, at: location, related: related)
    }

    /// The registered code, or `nil` for an id the registry does not know.
    public var registeredCode: DiagnosticCode? { DiagnosticCode(id: code) }
}
