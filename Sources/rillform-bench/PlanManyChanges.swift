import Foundation
import RillformModel
import RillformPlan

/// B6: plans a large manifest against a large live org that differs from it in thousands of places (role changes,
/// role revokes, deployment deletes), in memory. B3 plans zero changes and so never exercised the steps that are
/// per change (dependency linking, fingerprints, access analysis, guards).
enum PlanManyChanges {
    /// The live state of `manifest` with `roleChanges` roles flipped (viewer ↔ editor), `roleDeletes` extra live
    /// roles (revoked: the manifest's `project_roles` maps are authoritative) and `deploymentDeletes` extra dev
    /// deployments (deleted: the `deployments:` lists are authoritative).
    static func drifted(_ manifest: ScaleManifest, roleChanges: Int, roleDeletes: Int, deploymentDeletes: Int)
        -> LiveState
    {
        var live = manifest.liveState
        guard var org = live.orgs[manifest.org], manifest.projects > manifest.rolesPerService else { return live }
        var flipped = 0
        var added = 0
        for index in 0..<manifest.services where flipped < roleChanges || added < roleDeletes {
            let name = manifest.serviceName(index)
            guard var service = org.services[name] else { continue }
            for (project, role) in manifest.roles(ofService: index) where flipped < roleChanges {
                service.projectRoles[project] = role == .viewer ? .editor : .viewer
                flipped += 1
            }
            if added < roleDeletes {
                // A project the manifest does not give this service a role on.
                let extra = manifest.projectName((index + manifest.rolesPerService) % manifest.projects)
                service.projectRoles[extra] = .viewer
                added += 1
            }
            org.services[name] = service
        }
        for index in 0..<min(deploymentDeletes, manifest.projects) {
            let name = manifest.projectName(index)
            org.projects[name]?.deployments.append(
                LiveDeployment(id: "dev-\(index)", environment: "dev", branch: "feature-\(index)", editable: true))
        }
        live.orgs[manifest.org] = org
        return live
    }

    static func run(_ settings: BenchSettings, roleChanges: Int = 6_000, roleDeletes: Int = 2_000,
                    deploymentDeletes: Int = 1_000) async throws {
        let manifest = settings.cpuScale
        print("== B6 plan \(manifest.resourceCount) resources against a drifted live org (\(roleChanges) role changes, "
            + "\(roleDeletes) role revokes, \(deploymentDeletes) deployment deletes), in memory, no HTTP")
        let baseline = peakResidentMiB()
        let desired = try Scenarios.loadDesired(manifest)
        let live = drifted(manifest, roleChanges: roleChanges, roleDeletes: roleDeletes,
                           deploymentDeletes: deploymentDeletes)
        let options = PlanOptions(now: Date())
        let (plan, planTime) = await measure { Planner.plan(desired: desired, live: live, options: options) }
        let identity = RunningIdentity(isUser: true, description: "bench", adminOrgs: [manifest.org])
        let (guards, guardTime) = await measure {
            PlanGuards.check(plan, desired: desired, allowMassDelete: true)
                + LockoutGuard.check(plan, live: live, identity: identity)
        }
        let (json, jsonTime) = try await measure { try plan.jsonData() }
        let peak = peakResidentMiB()
        let expected = roleChanges + roleDeletes + deploymentDeletes
        print("   plan changes: \(plan.changes.count) (expected \(expected)); access changes: \(plan.accessChanges.count); "
            + "guard diagnostics: \(guards.count); plan JSON: \(json.count / 1024) KiB")
        print("   plan: \(format(planTime.milliseconds, 0)) ms; guards: \(format(guardTime.milliseconds, 0)) ms; "
            + "JSON: \(format(jsonTime.milliseconds, 0)) ms")
        print("   peak RSS (ru_maxrss): \(format(peak, 1)) MiB (before generating the input: \(format(baseline, 1)) MiB)")
        if plan.changes.count != expected {
            throw BenchError("b6 planned \(plan.changes.count) changes, expected \(expected)")
        }
    }
}
