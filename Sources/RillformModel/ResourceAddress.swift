/// The kinds of resource rillform manages. The raw value is the address prefix.
public enum ResourceKind: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    case org
    case project
    case deployment
    case service
    /// A service account's role on one project (`service_project_role.acme/reporting/sales`).
    case serviceProjectRole = "service_project_role"
    /// The tokens of one service account, managed by its token policy.
    case serviceToken = "service_token"
    /// A person in the org by email: a member with an org role, or a pending invite (`member.acme/ana@acme.com`).
    case member
    /// A usergroup (`usergroup.acme/analysts`; managed groups are `usergroup.acme/autogroup:members`).
    case usergroup
    /// One person's membership of one usergroup (`usergroup_member.acme/analysts/ana@acme.com`).
    case usergroupMember = "usergroup_member"
    /// A usergroup's role on one project (`usergroup_project_role.acme/analysts/sales`).
    case usergroupProjectRole = "usergroup_project_role"
    /// A person's direct role on one project (`project_member.acme/sales/ana@acme.com`).
    case projectMember = "project_member"
    /// An org-level auto-join email domain (`allowed_domain.acme/acme.com`).
    case allowedDomain = "allowed_domain"
    /// A project-level auto-join email domain (`project_allowed_domain.acme/sales/acme.com`).
    case projectAllowedDomain = "project_allowed_domain"

    /// Dependency order: parents sort (and are created) before children.
    public var rank: Int {
        switch self {
        case .org: 0
        case .project: 1
        case .deployment: 2
        case .service: 3
        case .serviceProjectRole: 4
        case .serviceToken: 5
        case .member: 6
        case .usergroup: 7
        case .usergroupMember: 8
        case .usergroupProjectRole: 9
        case .projectMember: 10
        case .allowedDomain: 11
        case .projectAllowedDomain: 12
        }
    }

    /// How many `/`-separated names follow the kind, the org included.
    public var componentCount: Int {
        switch self {
        case .org: 1
        case .project, .service, .serviceToken, .member, .usergroup, .allowedDomain: 2
        case .deployment, .serviceProjectRole, .usergroupMember, .usergroupProjectRole, .projectMember,
            .projectAllowedDomain: 3
        }
    }

    public static func < (lhs: ResourceKind, rhs: ResourceKind) -> Bool { lhs.rank < rhs.rank }
}

/// A resource address, used everywhere: plan output, `--target`/`--exclude`, `protect` lists, JSON reports.
///
/// Grammar: `KIND.ORG[/NAME…]`
/// - `org.acme`
/// - `project.acme/sales`
/// - `deployment.acme/sales/prod`, `deployment.acme/sales/dev@feature-x` (a dev deployment is keyed by branch)
/// - `service.acme/reporting`
/// - `service_project_role.acme/reporting/sales` (service `reporting`'s role on project `sales`)
/// - `service_token.acme/reporting`
/// - `member.acme/ana@acme.com`, `usergroup.acme/analysts`, `usergroup_member.acme/analysts/ana@acme.com`,
///   `usergroup_project_role.acme/analysts/sales`, `project_member.acme/sales/ana@acme.com`,
///   `allowed_domain.acme/acme.com`, `project_allowed_domain.acme/sales/acme.com`
public struct ResourceAddress: Sendable, Hashable, Comparable, CustomStringConvertible, LosslessStringConvertible,
    Codable
{
    public let kind: ResourceKind
    /// `[org, …]`: exactly `kind.componentCount` non-empty names.
    public let components: [String]

    public init(kind: ResourceKind, components: [String]) {
        precondition(components.count == kind.componentCount, "address components do not match kind")
        self.kind = kind
        self.components = components
    }

    public static func org(_ org: String) -> ResourceAddress { .init(kind: .org, components: [org]) }
    public static func project(_ org: String, _ project: String) -> ResourceAddress {
        .init(kind: .project, components: [org, project])
    }
    /// `environment` is `prod` or `dev`; a dev deployment is identified by its branch.
    public static func deployment(_ org: String, _ project: String, environment: String, branch: String?)
        -> ResourceAddress
    {
        let key = environment == "prod" || branch == nil ? environment : "\(environment)@\(branch ?? "")"
        return .init(kind: .deployment, components: [org, project, key])
    }
    public static func service(_ org: String, _ service: String) -> ResourceAddress {
        .init(kind: .service, components: [org, service])
    }
    public static func serviceProjectRole(_ org: String, service: String, project: String) -> ResourceAddress {
        .init(kind: .serviceProjectRole, components: [org, service, project])
    }
    public static func serviceToken(_ org: String, _ service: String) -> ResourceAddress {
        .init(kind: .serviceToken, components: [org, service])
    }
    public static func member(_ org: String, email: String) -> ResourceAddress {
        .init(kind: .member, components: [org, email])
    }
    public static func usergroup(_ org: String, _ usergroup: String) -> ResourceAddress {
        .init(kind: .usergroup, components: [org, usergroup])
    }
    public static func usergroupMember(_ org: String, usergroup: String, email: String) -> ResourceAddress {
        .init(kind: .usergroupMember, components: [org, usergroup, email])
    }
    public static func usergroupProjectRole(_ org: String, usergroup: String, project: String) -> ResourceAddress {
        .init(kind: .usergroupProjectRole, components: [org, usergroup, project])
    }
    public static func projectMember(_ org: String, project: String, email: String) -> ResourceAddress {
        .init(kind: .projectMember, components: [org, project, email])
    }
    public static func allowedDomain(_ org: String, domain: String) -> ResourceAddress {
        .init(kind: .allowedDomain, components: [org, domain])
    }
    public static func projectAllowedDomain(_ org: String, project: String, domain: String) -> ResourceAddress {
        .init(kind: .projectAllowedDomain, components: [org, project, domain])
    }

    public var org: String { components[0] }

    /// The resource's own name: the last component (`sales` in `project.acme/sales`, `prod` or `dev@BRANCH` for a
    /// deployment, the project for a service project role).
    public var name: String { components[components.count - 1] }

    /// The project this address is about: the project itself, a deployment's project, the project a service or
    /// usergroup role is granted on, or the project of a project member or domain. Nil for org-level kinds.
    public var project: String? {
        switch kind {
        case .project, .deployment, .projectMember, .projectAllowedDomain: components[1]
        case .serviceProjectRole, .usergroupProjectRole: components[2]
        case .org, .service, .serviceToken, .member, .usergroup, .usergroupMember, .allowedDomain: nil
        }
    }

    /// The service this address is about: the service itself, or the service holding a project role or tokens.
    public var service: String? {
        switch kind {
        case .service, .serviceProjectRole, .serviceToken: components[1]
        case .org, .project, .deployment, .member, .usergroup, .usergroupMember, .usergroupProjectRole,
            .projectMember, .allowedDomain, .projectAllowedDomain: nil
        }
    }

    /// The person this address is about (an email): a member, a usergroup member or a project member.
    public var email: String? {
        switch kind {
        case .member: components[1]
        case .usergroupMember, .projectMember: components[2]
        case .org, .project, .deployment, .service, .serviceProjectRole, .serviceToken, .usergroup,
            .usergroupProjectRole, .allowedDomain, .projectAllowedDomain: nil
        }
    }

    /// The usergroup this address is about: the group itself, or the group holding a member or project role.
    public var usergroup: String? {
        switch kind {
        case .usergroup, .usergroupMember, .usergroupProjectRole: components[1]
        case .org, .project, .deployment, .service, .serviceProjectRole, .serviceToken, .member, .projectMember,
            .allowedDomain, .projectAllowedDomain: nil
        }
    }

    /// The email domain of an allowed-domain address.
    public var domain: String? {
        switch kind {
        case .allowedDomain: components[1]
        case .projectAllowedDomain: components[2]
        case .org, .project, .deployment, .service, .serviceProjectRole, .serviceToken, .member, .usergroup,
            .usergroupMember, .usergroupProjectRole, .projectMember: nil
        }
    }

    /// A deployment's key: `prod` or `dev@BRANCH`. Nil for other kinds.
    public var deploymentKey: String? { kind == .deployment ? components[2] : nil }

    /// A deployment's environment (`prod` or `dev`), from its key. Nil for other kinds.
    public var deploymentEnvironment: String? {
        deploymentKey.map { $0 == "prod" ? "prod" : "dev" }
    }

    /// A dev deployment's branch (everything after `dev@`). Nil for prod deployments and other kinds.
    public var deploymentBranch: String? {
        guard let key = deploymentKey, key.hasPrefix("dev@") else { return nil }
        return String(key.dropFirst(4))
    }

    /// The containing resource: deployments live in projects, roles and tokens in services, all in an org.
    public var parent: ResourceAddress? {
        switch kind {
        case .org: nil
        case .project, .service: .org(org)
        case .deployment: .project(org, components[1])
        case .serviceProjectRole, .serviceToken: .service(org, components[1])
        case .member, .usergroup, .allowedDomain: .org(org)
        case .usergroupMember, .usergroupProjectRole: .usergroup(org, components[1])
        case .projectMember, .projectAllowedDomain: .project(org, components[1])
        }
    }

    /// True when `other` is this address or lies inside it (for `--target`, `--exclude` and `protect`).
    /// A project also contains the service and usergroup roles granted on it.
    public func contains(_ other: ResourceAddress) -> Bool {
        if self == other { return true }
        if kind == .project, other.kind == .serviceProjectRole || other.kind == .usergroupProjectRole,
            other.org == org, other.project == project
        {
            return true
        }
        var cursor = other.parent
        while let current = cursor {
            if current == self { return true }
            cursor = current.parent
        }
        return false
    }

    public var description: String { "\(kind.rawValue).\(components.joined(separator: "/"))" }

    /// Parses an address; `nil` when malformed. Use `parse(_:)` for the reason.
    public init?(_ description: String) {
        guard case .success(let address) = ResourceAddress.parse(description) else { return nil }
        self = address
    }

    /// Parses an address, explaining what is wrong with a malformed one.
    public static func parse(_ text: String) -> Result<ResourceAddress, AddressError> {
        guard let dot = text.firstIndex(of: ".") else {
            return .failure(AddressError(text: text, reason: "expected KIND.NAME, e.g. project.acme/sales"))
        }
        let kindText = String(text[..<dot])
        guard let kind = ResourceKind(rawValue: kindText) else {
            let kinds = ResourceKind.allCases.map(\.rawValue).joined(separator: ", ")
            return .failure(AddressError(text: text, reason: "unknown kind '\(kindText)' (one of: \(kinds))"))
        }
        let rest = text[text.index(after: dot)...]
        var parts = rest.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        // A dev deployment's branch may itself contain '/': everything after the project is the deployment key.
        if kind == .deployment, parts.count > 3 {
            parts = Array(parts[0..<2]) + [parts[2...].joined(separator: "/")]
        }
        guard parts.count == kind.componentCount, parts.allSatisfy({ !$0.isEmpty }) else {
            return .failure(AddressError(text: text, reason: "\(kind.rawValue) addresses look like \(kind.example)"))
        }
        if kind == .deployment {
            let key = parts[2]
            guard key == "prod" || key.hasPrefix("dev@"), key != "dev@" else {
                return .failure(AddressError(text: text, reason: "deployments are 'prod' or 'dev@BRANCH', as in \(kind.example)"))
            }
        }
        return .success(ResourceAddress(kind: kind, components: parts))
    }

    /// Orders by org, then kind (parents first), then names: the order of every report.
    public static func < (lhs: ResourceAddress, rhs: ResourceAddress) -> Bool {
        if lhs.org != rhs.org { return lhs.org < rhs.org }
        if lhs.kind != rhs.kind { return lhs.kind < rhs.kind }
        return lhs.components.lexicographicallyPrecedes(rhs.components)
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        switch ResourceAddress.parse(text) {
        case .success(let address): self = address
        case .failure(let error):
            throw DecodingError.dataCorruptedError(in: container, debugDescription: error.description)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

extension ResourceKind {
    public var example: String {
        switch self {
        case .org: "org.acme"
        case .project: "project.acme/sales"
        case .deployment: "deployment.acme/sales/prod"
        case .service: "service.acme/reporting"
        case .serviceProjectRole: "service_project_role.acme/reporting/sales"
        case .serviceToken: "service_token.acme/reporting"
        case .member: "member.acme/ana@acme.com"
        case .usergroup: "usergroup.acme/analysts"
        case .usergroupMember: "usergroup_member.acme/analysts/ana@acme.com"
        case .usergroupProjectRole: "usergroup_project_role.acme/analysts/sales"
        case .projectMember: "project_member.acme/sales/ana@acme.com"
        case .allowedDomain: "allowed_domain.acme/acme.com"
        case .projectAllowedDomain: "project_allowed_domain.acme/sales/acme.com"
        }
    }
}

/// Why a text is not a resource address.
public struct AddressError: Error, Sendable, Hashable, CustomStringConvertible {
    public var text: String
    public var reason: String
    public var description: String { "invalid resource address '\(text)': \(reason)" }
}
