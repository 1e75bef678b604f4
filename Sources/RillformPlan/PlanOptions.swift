import Foundation
import RillformModel

/// Inputs of a planning run other than the two states. No clock is read: `now` is passed in.
public struct PlanOptions: Sendable, Hashable {
    /// `--prune`, OR'ed with each org's effective `policy.prune`.
    public var prune: Bool
    /// `--target`: when non-empty, only changes inside one of these addresses (plus what they depend on).
    public var targets: [ResourceAddress]
    /// `--exclude`: changes inside these addresses, and changes depending on them, are left out.
    public var excludes: [ResourceAddress]
    /// The time token ages are measured against.
    public var now: Date
    /// Ids of the tokens rillform issued (from the token sink); `revoke_unknown` revokes every other live token.
    public var issuedTokenIDs: Set<String>
    /// With a user token: the user's email, lowercase (``RunningIdentity/email``). Rill makes whoever creates an
    /// org its admin member and whoever creates a project a direct project admin: the planner counts those as
    /// live for the orgs and projects it creates, so an authoritative `members` list is right the first time.
    public var runningUserEmail: String?

    /// Creates planning options; `now` is required because the planner reads no clock.
    public init(prune: Bool = false, targets: [ResourceAddress] = [], excludes: [ResourceAddress] = [], now: Date,
                issuedTokenIDs: Set<String> = [], runningUserEmail: String? = nil) {
        self.prune = prune
        self.targets = targets
        self.excludes = excludes
        self.now = now
        self.issuedTokenIDs = issuedTokenIDs
        self.runningUserEmail = runningUserEmail?.lowercased()
    }
}
