import Foundation
import RillformModel

extension OrgPlanner {
    static let secondsPerDay: Double = 86_400

    /// Applies a service's token policy: `ensure`, `rotate_after_days`, `revoke_unknown`. At most one token is
    /// issued per run; revokes of a rotation wait until the new secret is safely in the token sink.
    func planTokens(of service: DesiredService, live liveService: LiveService?, replaced: Bool,
                    into draft: inout PlanDraft) {
        guard let policy = service.tokenPolicy else { return }
        let address = ResourceAddress.serviceToken(org, service.name.value)
        // A new or replaced service has no usable tokens.
        let liveTokens = replaced ? [] : (liveService?.tokens ?? [])
        var revoke: Set<String> = []
        var reasons: [String] = []
        var issue = 0
        var location = policy.location

        if let rotate = policy.rotateAfterDays {
            let limit = Double(rotate.value) * Self.secondsPerDay
            let dated = liveTokens.compactMap { token in token.createdOn.map { (token.id, options.now.timeIntervalSince($0)) } }
            if dated.count < liveTokens.count {
                draft.diagnostics.append(Diagnostic(.note, code: PlanDiagnosticCode.tokenAgeUnknown,
                    message: "\(address): \(liveTokens.count - dated.count) token(s) have no creation time and are not rotated",
                    at: rotate.location))
            }
            if let newestAge = dated.map(\.1).min(), newestAge >= limit {
                issue = 1
                revoke.formUnion(dated.filter { $0.1 >= limit }.map(\.0))
                reasons.append("rotate_after_days = \(rotate.value): newest token is \(Int(newestAge / Self.secondsPerDay)) days old")
                location = rotate.location
            }
        }
        if let revokeUnknown = policy.revokeUnknown, revokeUnknown.value {
            let unknown = liveTokens.map(\.id).filter { !options.issuedTokenIDs.contains($0) }
            if !unknown.isEmpty {
                revoke.formUnion(unknown)
                reasons.append("revoke_unknown: \(unknown.count) token(s) not issued by rillform")
                if issue == 0 { location = revokeUnknown.location }
            }
        }
        if policy.ensure, issue == 0, liveTokens.allSatisfy({ revoke.contains($0.id) }) {
            issue = 1
            reasons.append(replaced ? "ensure: the replacement service starts without tokens"
                : liveTokens.isEmpty ? "ensure: no live token" : "ensure: every live token is revoked")
        }
        guard issue > 0 || !revoke.isEmpty else {
            draft.unchanged += 1
            return
        }
        let remaining = liveTokens.count - revoke.count + issue
        let operation: ChangeOperation = liveTokens.isEmpty ? .create : (remaining == 0 ? .delete : .update)
        let revokeAfterIssue = issue > 0 && !revoke.isEmpty
        var notes: [String] = []
        if revokeAfterIssue {
            notes.append("tokens are revoked only after the new token is written to the token sink")
        }
        draft.record(ResourceChange(
            address: address, actions: operation.actions, location: location,
            tokenChange: TokenChange(issue: issue, revokeIDs: revoke.sorted(), reason: reasons.joined(separator: "; "),
                                     revokeAfterIssue: revokeAfterIssue),
            notes: notes))
    }
}
