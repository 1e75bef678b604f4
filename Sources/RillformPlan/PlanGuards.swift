import RillformModel

/// Pure safety checks on a finished plan: `policy.protect` and the mass-delete threshold. They return error
/// diagnostics (the CLI maps them to exit status 3) and never change the plan, so the whole plan is still shown
/// together with what is blocked. The lockout guard needs the caller's identity and lives elsewhere.
public enum PlanGuards {
    /// Every protected address the plan would delete or replace, and every org/kind over its threshold.
    /// `allowMassDelete` is the one-shot override of the threshold; protection has no override.
    public static func check(_ plan: Plan, desired: DesiredState, allowMassDelete: Bool = false) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        for org in plan.scope {
            let policy = desired.effectivePolicy(forOrg: org)
            for change in plan.changes where change.address.org == org && change.destroysLiveObject {
                guard let protect = policy.protect.first(where: { $0.value.contains(change.address) }) else { continue }
                let verb = change.operation == .replace ? "replaced" : "deleted"
                diagnostics.append(.error(PlanDiagnosticCode.protectedResource,
                    "\(change.address) is protected by policy.protect (\(protect.value)) and would be \(verb)",
                    at: protect.location, related: change.location.map { [$0] } ?? []))
            }
            if !allowMassDelete {
                diagnostics += massDeletes(in: plan, org: org, policy: policy)
            }
        }
        return diagnostics.sorted()
    }

    /// octoDNS-style: `org.acme: too many project deletes, 40.00% is over 30.00% (4/10)`.
    private static func massDeletes(in plan: Plan, org: String, policy: Policy) -> [Diagnostic] {
        let threshold = policy.massDeleteThreshold?.value ?? .default
        let destroyed = plan.destructionCounts[org] ?? [:]
        let live = plan.liveCounts[org] ?? [:]
        return ResourceKind.allCases.compactMap { kind in
            guard let count = destroyed[kind], let total = live[kind], total >= threshold.minimumResources, total > 0
            else { return nil }
            let percent = Double(count) / Double(total) * 100
            guard percent > threshold.percent else { return nil }
            return .error(PlanDiagnosticCode.massDelete,
                "org.\(org): too many \(kind.rawValue) deletes, \(format(percent))% is over \(format(threshold.percent))% "
                    + "(\(count)/\(total)); review the plan and override the threshold to proceed",
                at: policy.massDeleteThreshold?.location)
        }
    }

    /// Two decimals without Foundation formatting (`40.00`).
    private static func format(_ value: Double) -> String {
        let hundredths = Int((value * 100).rounded())
        let fraction = hundredths % 100
        return "\(hundredths / 100).\(fraction < 10 ? "0" : "")\(fraction)"
    }
}
