import RillformModel

/// The pure planner: desired state and live state in, a ``Plan`` out. No I/O, no clock.
public enum Planner {
    /// Plans the orgs named in the manifest (nothing outside them is ever touched or listed).
    public static func plan(desired: DesiredState, live: LiveState, options: PlanOptions) -> Plan {
        var draft = PlanDraft()
        for org in desired.orgs.sorted(by: { $0.name.value < $1.name.value }) {
            let name = org.name.value
            let prune = options.prune || desired.effectivePolicy(forOrg: name).prune?.value == true
            OrgPlanner(desired: org, live: live.orgs[name], prune: prune, options: options).plan(into: &draft)
        }

        let linked = DependencyLinker.link(draft.changes.sorted { $0.address < $1.address })
        let targeted = Targeting.apply(to: PlanFingerprints.fingerprinted(linked, live: live),
                                       targets: options.targets, excludes: options.excludes)
        var diagnostics = draft.diagnostics
        if !targeted.skipped.isEmpty {
            diagnostics.append(Diagnostic(.note, code: PlanDiagnosticCode.skippedByTargeting,
                message: "\(targeted.skipped.count) change(s) left out by --target/--exclude: "
                    + targeted.skipped.map(\.description).joined(separator: ", ")))
        }
        diagnostics += PeopleGuards.check(targeted.kept, desired: desired, live: live,
                                          runningUserEmail: options.runningUserEmail)
        let unmanaged = draft.unmanaged
            .filter { Targeting.isSelected($0.address, targets: options.targets, excludes: options.excludes) }
            .sorted()

        return Plan(
            plannedAt: options.now,
            scope: desired.orgs.map(\.name.value).sorted(),
            changes: targeted.kept,
            unmanaged: unmanaged,
            summary: PlanSummary(changes: targeted.kept, unchanged: draft.unchanged),
            accessChanges: AccessAnalysis.accessChanges(in: targeted.kept, live: live),
            diagnostics: diagnostics.sorted(),
            skipped: targeted.skipped,
            liveCounts: liveCounts(desired: desired, live: live),
            pendingInvites: draft.pendingInvites.sorted())
    }

    /// Live resources per org of the manifest and kind; kinds with none are left out.
    static func liveCounts(desired: DesiredState, live: LiveState) -> [String: [ResourceKind: Int]] {
        var result: [String: [ResourceKind: Int]] = [:]
        for org in desired.orgs {
            guard let liveOrg = live.orgs[org.name.value] else { continue }
            let counts: [ResourceKind: Int] = [
                .org: 1,
                .project: liveOrg.projects.count,
                .deployment: liveOrg.projects.values.reduce(0) { $0 + $1.activeDeployments.count },
                .service: liveOrg.services.count,
                .serviceProjectRole: liveOrg.services.values.reduce(0) { $0 + $1.projectRoles.count },
                .serviceToken: liveOrg.services.values.reduce(0) { $0 + $1.tokens.count },
                .member: liveOrg.members?.count ?? 0,
                .usergroup: liveOrg.usergroups?.values.count { !$0.isManaged } ?? 0,
                // Members of managed groups follow org roles and are never deleted: not in the denominator.
                .usergroupMember: liveOrg.usergroups?.values.filter { !$0.isManaged }
                    .reduce(0) { $0 + ($1.members?.count ?? 0) } ?? 0,
                .usergroupProjectRole: liveOrg.usergroups?.values.reduce(0) { $0 + ($1.projectRoles?.count ?? 0) } ?? 0,
                .projectMember: liveOrg.projects.values.reduce(0) { $0 + ($1.members?.count ?? 0) },
                .allowedDomain: liveOrg.allowedDomains?.count ?? 0,
                .projectAllowedDomain: liveOrg.projects.values.reduce(0) { $0 + ($1.allowedDomains?.count ?? 0) },
            ]
            result[org.name.value] = counts.filter { $0.value > 0 }
        }
        return result
    }
}
