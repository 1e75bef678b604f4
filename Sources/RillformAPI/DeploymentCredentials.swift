import RillformModel

/// A short-lived runtime access token for a project's deployment. The token is an `APIToken`, so it is
/// redacted wherever this value is printed.
public struct DeploymentCredentials: Sendable, Hashable {
    public var runtimeHost: String
    public var instanceId: String
    public var accessToken: APIToken?
    public var ttlSeconds: Int

    public init(runtimeHost: String, instanceId: String, accessToken: APIToken?, ttlSeconds: Int) {
        self.runtimeHost = runtimeHost
        self.instanceId = instanceId
        self.accessToken = accessToken
        self.ttlSeconds = ttlSeconds
    }
}

/// On whose behalf runtime credentials are minted (at most one; `nil` means the caller itself).
public enum CredentialSubject: Sendable, Hashable {
    case userId(String)
    case userEmail(String)
    /// Raw JWT attributes for the runtime's security policies.
    case attributes([String: JSONValue])
}
