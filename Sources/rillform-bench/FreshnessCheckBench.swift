import Foundation
import RillformModel
import RillformPlan

/// B7: `apply plan.json`'s freshness check on a saved plan with thousands of changes against a large live state,
/// in memory: which objects to re-read (``StalePlanReads``) and the fingerprint comparison (``StalePlanCheck``),
/// each timed as it was (a scan of the plan's changes per change, kept here as the baseline) and as it is (the
/// live names indexed once). Both must give the same answer.
enum FreshnessCheckBench {
    static func run(_ settings: BenchSettings) async throws {
        let manifest = settings.cpuScale
        let desired = try Scenarios.loadDesired(manifest)
        let live = PlanManyChanges.drifted(manifest, roleChanges: 6_000, roleDeletes: 2_000, deploymentDeletes: 1_000)
        let plan = Planner.plan(desired: desired, live: live, options: PlanOptions(now: Date()))
        // Since the plan: every 50th service lost its roles, so some changes are stale.
        var moved = live
        if var org = moved.orgs[manifest.org] {
            for index in stride(from: 0, to: manifest.services, by: 50) { org.services[manifest.serviceName(index)]?.projectRoles = [:] }
            moved.orgs[manifest.org] = org
        }
        print("== B7 saved-plan freshness check: \(plan.changes.count) changes, live state of "
            + "\(manifest.resourceCount) resources, in memory")

        let (formerReads, formerReadsTime) = await measure { formerReadList(plan.changes) }
        let (reads, readsTime) = await measure { StalePlanReads(plan: plan) }
        let (formerStale, formerStaleTime) = await measure { formerStaleResources(in: plan, current: moved) }
        let (stale, staleTime) = await measure { StalePlanCheck.staleResources(in: plan, current: moved) }
        let readCount = reads.orgs.count + reads.projects.count + reads.deploymentsOf.count + reads.services.count
            + reads.tokensOf.count
        print("   objects to re-read: \(readCount) (\(reads.projects.count) projects, \(reads.deploymentsOf.count) deployment "
            + "lists, \(reads.services.count) services, \(reads.tokensOf.count) token lists); stale: \(stale.count)")
        print("   which objects to read: before (scan per change) \(format(formerReadsTime.milliseconds, 1)) ms; "
            + "after (indexed) \(format(readsTime.milliseconds, 1)) ms")
        print("   fingerprint check: before (re-index per change) \(format(formerStaleTime.milliseconds, 1)) ms; "
            + "after (indexed once) \(format(staleTime.milliseconds, 1)) ms")
        if formerReads != reads { throw BenchError("b7: the indexed read list differs from the scanned one") }
        if formerStale != stale { throw BenchError("b7: the indexed check differs from the per-change one") }
        if stale.isEmpty { throw BenchError("b7: no stale changes found; the moved live state should have some") }
    }

    /// The read list as `SavedPlanFreshness` built it before: the live name of a project or service by a scan of
    /// all changes, per change.
    private static func formerReadList(_ changes: [ResourceChange]) -> StalePlanReads {
        var reads = StalePlanReads(changes: [])
        reads.orgs = Set(changes.map(\.address.org)).sorted()
        var projects: Set<StalePlanReads.Object> = []
        var services: Set<StalePlanReads.Object> = []
        var deployments: Set<StalePlanReads.Object> = []
        var tokens: Set<StalePlanReads.Object> = []
        for change in changes {
            let org = change.address.org
            let components = change.address.components
            switch change.kind {
            case .org:
                break
            case .project:
                let project = StalePlanReads.Object(org: org, name: change.live?.name ?? components[1])
                if projects.insert(project).inserted { reads.projects.append(project) }
            case .deployment:
                let name = PlanFingerprints.liveName(of: .project(org, components[1]), in: changes)
                let project = StalePlanReads.Object(org: org, name: name)
                if projects.insert(project).inserted { reads.projects.append(project) }
                if deployments.insert(project).inserted { reads.deploymentsOf.append(project) }
            case .service:
                let service = StalePlanReads.Object(org: org, name: change.live?.name ?? components[1])
                if services.insert(service).inserted { reads.services.append(service) }
            case .serviceProjectRole:
                let name = PlanFingerprints.liveName(of: .service(org, components[1]), in: changes)
                let service = StalePlanReads.Object(org: org, name: name)
                if services.insert(service).inserted { reads.services.append(service) }
            case .serviceToken:
                let name = PlanFingerprints.liveName(of: .service(org, components[1]), in: changes)
                let service = StalePlanReads.Object(org: org, name: name)
                if services.insert(service).inserted { reads.services.append(service) }
                if tokens.insert(service).inserted { reads.tokensOf.append(service) }
            case .member, .usergroup, .usergroupMember, .usergroupProjectRole, .projectMember, .allowedDomain,
                .projectAllowedDomain:
                break  // the former algorithm predates these kinds; the benchmark's plans have none
            }
        }
        return reads
    }

    /// `StalePlanCheck.staleResources` as it was: the plan's live names re-indexed for every change.
    private static func formerStaleResources(in plan: Plan, current: LiveState) -> [StaleResource] {
        plan.changes.compactMap { change in
            guard let planned = change.fingerprint else { return nil }
            let now = PlanFingerprints.fingerprint(of: change, in: plan.changes, live: current)
            let changed = planned.differences(to: now)
            return changed.isEmpty ? nil : StaleResource(address: change.address, changed: changed)
        }.sorted { $0.address < $1.address }
    }
}
