import RillformModel

/// Merges fragments (documents of all files) into one desired state.
///
/// An org may be split across files (its projects in one, services in another), but each project, service and
/// setting is defined exactly once: a second definition is an error naming both places. Protect lists merge.
enum ManifestMerger {
    static func merge(_ fragments: [ManifestFragment]) -> (state: DesiredState, diagnostics: [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        var policy = Policy()
        var orgs: [DesiredOrg] = []
        var orgIndex: [String: Int] = [:]
        for fragment in fragments {
            if let incoming = fragment.policy {
                policy = mergePolicy(policy, incoming, scope: "the top-level policy", into: &diagnostics)
            }
            for org in fragment.orgs {
                guard let index = orgIndex[org.name.value] else {
                    var first = org
                    first.projects = []
                    first.services = []
                    orgIndex[org.name.value] = orgs.count
                    orgs.append(addResources(of: org, to: first, into: &diagnostics))
                    continue
                }
                orgs[index] = mergeOrg(orgs[index], org, into: &diagnostics)
            }
        }
        return (DesiredState(orgs: orgs, policy: policy), diagnostics)
    }

    private static func mergeOrg(_ existing: DesiredOrg, _ incoming: DesiredOrg, into diagnostics: inout [Diagnostic])
        -> DesiredOrg
    {
        var org = existing
        let scope = "org '\(org.name.value)'"
        for field in OrgField.allCases {
            org.managed[field] = setting(field.manifestKey, of: scope, org.managed[field], incoming.managed[field],
                                         &diagnostics)
        }
        switch (org.policy, incoming.policy) {
        case (let current?, let other?):
            org.policy = mergePolicy(current, other, scope: "the policy of \(scope)", into: &diagnostics)
        case (nil, let other?): org.policy = other
        default: break
        }
        return addResources(of: incoming, to: org, into: &diagnostics)
    }

    /// Adds projects and services one by one: a second definition (same file or another) is reported, not merged.
    private static func addResources(of incoming: DesiredOrg, to existing: DesiredOrg,
                                     into diagnostics: inout [Diagnostic]) -> DesiredOrg
    {
        var org = existing
        let scope = "org '\(org.name.value)'"
        var projects = Dictionary(org.projects.map { ($0.name.value, $0.name.location) },
                                  uniquingKeysWith: { first, _ in first })
        for project in incoming.projects {
            if let first = projects[project.name.value] {
                diagnostics.append(
                    duplicate("project '\(project.name.value)' in \(scope)", first, project.name.location))
            } else {
                projects[project.name.value] = project.name.location
                org.projects.append(project)
            }
        }
        var services = Dictionary(org.services.map { ($0.name.value, $0.name.location) },
                                  uniquingKeysWith: { first, _ in first })
        for service in incoming.services {
            if let first = services[service.name.value] {
                diagnostics.append(
                    duplicate("service '\(service.name.value)' in \(scope)", first, service.name.location))
            } else {
                services[service.name.value] = service.name.location
                org.services.append(service)
            }
        }
        return org
    }

    private static func mergePolicy(_ existing: Policy, _ incoming: Policy, scope: String,
                                    into diagnostics: inout [Diagnostic]) -> Policy
    {
        var policy = existing
        policy.prune = setting("prune", of: scope, existing.prune, incoming.prune, &diagnostics)
        policy.massDeleteThreshold = setting("mass_delete_threshold", of: scope, existing.massDeleteThreshold,
                                             incoming.massDeleteThreshold, &diagnostics)
        policy.protect += incoming.protect
        policy.location = existing.location ?? incoming.location
        return policy
    }

    /// Keeps the first definition of a setting and reports a second one, naming both places.
    private static func setting<Value>(_ key: String, of scope: String, _ first: Located<Value>?,
                                       _ second: Located<Value>?, _ diagnostics: inout [Diagnostic])
        -> Located<Value>?
    {
        guard let first else { return second }
        if let second {
            diagnostics.append(.manifest(
                .conflictingSetting,
                "'\(key)' of \(scope) is set twice: here and at \(first.location)",
                at: second.location, related: [first.location]))
        }
        return first
    }

    private static func duplicate(_ what: String, _ first: SourceLocation, _ second: SourceLocation) -> Diagnostic {
        .manifest(.duplicateResource, "\(what) is defined twice: here and at \(first)", at: second, related: [first])
    }
}
