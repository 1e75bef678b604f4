import RillformModel

/// Pure safety checks on a finished plan: `policy.protect` and the mass-delete threshold. They return error
/// diagnostics (the CLI maps them to exit status 3) and never change the plan, so the whole plan is still shown
/// together with what is blocked. The lockout guard needs the caller's identity and lives elsewhere.
public enum PlanGuards {
    /// Every protected address the plan would delete or replace, and every org/kind over its threshold.
    /// `allowMassDelete` is the one-shot override of the threshold; protection has no override.
    public static func check(_ plan: Plan, desired: DesiredState, allowMassDelete: Bool = false) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        let destroyed = plan.destructionCounts  // once, not per org: it walks every change
        for org in plan.scope {
            let policy = desired.effectivePolicy(forOrg: org)
            for change in plan.changes where change.address.org == org && change.destroysLiveObject {
                guard let protect = policy.protect.first(where: { $0.value.contains(change.address) }) else { continue }
                let verb = change.operation == .replace ? "replaced" : "deleted"
                diagnostics.append(.error(PlanDiagnosticCode.protectedResource,
                    "\(change.address) would be \(verb), but policy.protect entry \(protect.value) "
                        + "(\(protect.location)) protects it",
                    at: protect.location, related: change.location.map { [$0] } ?? []))
            }
            if !allowMassDelete {
                diagnostics += massDeletes(in: plan, destroyed: destroyed[org] ?? [:], org: org, policy: policy)
            }
        }
        return diagnostics.sorted()
    }

    /// Peribolos/octoDNS-style, with the numbers: `deleting 12 of 30 services in org acme (40% > 30%)`.
    private static func massDeletes(in plan: Plan, destroyed: [ResourceKind: Int], org: String, policy: Policy)
        -> [Diagnostic]
    {
        let threshold = policy.massDeleteThreshold?.value ?? .default
        let live = plan.liveCounts[org] ?? [:]
        return ResourceKind.allCases.compactMap { kind in
            guard let count = destroyed[kind], let total = live[kind], total >= threshold.minimumResources, total > 0
            else { return nil }
            let percent = Double(count) / Double(total) * 100
            guard percent > threshold.percent else { return nil }
            return .error(PlanDiagnosticCode.massDelete,
                "deleting \(count) of \(total) \(pluralName(kind)) in org \(org) "
                    + "(\(format(percent))% > \(format(threshold.percent))%)",
                at: policy.massDeleteThreshold?.location)
        }
    }

    /// `projects`, `service tokens`, ….
    static func pluralName(_ kind: ResourceKind) -> String {
        kind.rawValue.split(separator: "_").joined(separator: " ") + "s"
    }

    /// At most two decimals, trailing zeros dropped, without Foundation formatting (`40`, `33.33`, `12.5`).
    static func format(_ value: Double) -> String {
        let hundredths = Int((value * 100).rounded())
        var text = "\(hundredths / 100)"
        let fraction = hundredths % 100
        if fraction != 0 {
            text += "." + (fraction < 10 ? "0\(fraction)" : (fraction % 10 == 0 ? "\(fraction / 10)" : "\(fraction)"))
        }
        return text
    }
}
