/// What a service's token policy asks for. Secrets are never part of a plan: only counts and token ids.
public struct TokenChange: Sendable, Hashable {
    /// New tokens to issue (0 or 1). Each new secret goes to the token sink, never to the plan or output.
    public var issue: Int
    /// Live token ids to revoke, sorted.
    public var revokeIDs: [String]
    /// Why, for humans: `ensure: no live token`, `rotate_after_days = 90: newest token is 120 days old`, ….
    public var reason: String
    /// When true the applier revokes only after the newly issued secret has been written to the sink,
    /// so a failed sink write never leaves the service without a working token.
    public var revokeAfterIssue: Bool

    /// Creates a token change.
    public init(issue: Int, revokeIDs: [String], reason: String, revokeAfterIssue: Bool) {
        self.issue = issue
        self.revokeIDs = revokeIDs
        self.reason = reason
        self.revokeAfterIssue = revokeAfterIssue
    }
}

extension TokenChange: Codable {
    enum CodingKeys: String, CodingKey {
        case issue, reason
        case revokeIDs = "revoke_ids"
        case revokeAfterIssue = "revoke_after_issue"
    }
}
