/// Who the API token is, as far as the admin API tells.
public enum CallerIdentity: Sendable, Hashable, CustomStringConvertible {
    /// A user token.
    case user(id: String, email: String)
    /// Not a user: a service token. The API does not say which service; `LiveStateReader.identify` works it out
    /// per organization from token prefixes.
    case service
    /// No token was configured.
    case anonymous

    public var description: String {
        switch self {
        case .user(_, let email): "user \(email)"
        case .service: "a service account"
        case .anonymous: "anonymous"
        }
    }
}

/// The caller and what it may do in each organization in scope: the input of preflight checks.
public struct CallerAccess: Sendable, Hashable {
    public struct OrgAccess: Sendable, Hashable {
        /// `nil` when the organization does not exist or the caller cannot see it.
        public var permissions: OrgPermissions?
        /// For a service token: the service it belongs to in this org, when it could be recognised
        /// (needs `manageOrg` to list the services' tokens).
        public var serviceName: String?

        public init(permissions: OrgPermissions?, serviceName: String? = nil) {
            self.permissions = permissions
            self.serviceName = serviceName
        }
    }

    public var caller: CallerIdentity
    /// By organization name, for every organization asked about.
    public var orgs: [String: OrgAccess]

    public init(caller: CallerIdentity, orgs: [String: OrgAccess]) {
        self.caller = caller
        self.orgs = orgs
    }
}

/// The admin server's answer to a ping.
public struct ServerInfo: Sendable, Hashable {
    public var version: String

    public init(version: String) {
        self.version = version
    }
}
