import RillformAPI
import RillformModel
import RillformPlan

/// Rill adds an allowed (auto-join) domain, of an org or a project, only for a user token whose own email is at
/// that domain (CreateWhitelistedDomain: 401 for a service token, 403 otherwise). A plan that creates one with
/// another token would fail halfway through apply, so it is refused before any write: RF333 for a service token,
/// RF334 for a user at another domain (exit 3).
enum AllowedDomainPreflight {
    /// One error per allowed-domain create (or replace) the caller cannot make, in plan order.
    static func problems(_ plan: Plan, caller: CallerIdentity) -> [Diagnostic] {
        let email: String? = if case .user(_, let email) = caller { email.lowercased() } else { nil }
        let callerDomain = email.flatMap { $0.split(separator: "@").last.map(String.init) }
        var problems: [Diagnostic] = []
        for change in plan.changes where change.actions.contains(.create) {
            guard change.kind == .allowedDomain || change.kind == .projectAllowedDomain,
                  let domain = change.address.domain?.lowercased() else { continue }
            if let email, let callerDomain {
                guard callerDomain != domain else { continue }
                problems.append(Diagnostic(
                    .allowedDomainEmailMismatch,
                    "\(change.address): Rill adds the domain \(domain) only for a user whose email is at it; this "
                        + "token is \(email)", at: change.location))
            } else {
                problems.append(Diagnostic(
                    .allowedDomainNeedsUserToken,
                    "\(change.address): Rill adds allowed domains only with a user token whose email is at "
                        + "\(domain); this is \(caller)", at: change.location))
            }
        }
        return problems
    }
}
