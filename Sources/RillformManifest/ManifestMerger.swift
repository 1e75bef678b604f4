import RillformModel

/// Merges fragments (documents of all files) into one desired state.
///
/// An org may be split across files (its projects in one, services in another), but each project, service and
/// setting is defined exactly once: a second definition is an error naming both places. Protect lists merge.
/// People lists (`members`, `usergroups`, `allowed_domains`) merge like `projects`: entries from every file join one
/// list, and each person, group or domain is defined once (case-insensitively).
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
                    first.members = nil
                    first.usergroups = nil
                    first.allowedDomains = nil
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
                org.projects.append(withUniquePeople(project, into: &diagnostics))
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
        org.members = joined(org.members, incoming.members, what: "member", scope: scope, key: \.email,
                             into: &diagnostics)
        org.usergroups = joined(org.usergroups, incoming.usergroups, what: "usergroup", scope: scope, key: \.name,
                                into: &diagnostics)
        org.allowedDomains = joined(org.allowedDomains, incoming.allowedDomains, what: "allowed domain",
                                    scope: scope, key: \.domain, into: &diagnostics)
        return org
    }

    /// A project's own people lists, each entry once.
    private static func withUniquePeople(_ project: DesiredProject, into diagnostics: inout [Diagnostic])
        -> DesiredProject
    {
        var project = project
        let scope = "project '\(project.name.value)'"
        project.members = joined(nil, project.members, what: "member", scope: scope, key: \.email,
                                 into: &diagnostics)
        project.allowedDomains = joined(nil, project.allowedDomains, what: "allowed domain", scope: scope,
                                        key: \.domain, into: &diagnostics)
        return project
    }

    /// `existing` followed by the entries of `incoming` not already there (compared case-insensitively); a repeat is
    /// reported naming both places. `nil` (not declared) stays nil only when both are.
    private static func joined<Entry>(_ existing: [Entry]?, _ incoming: [Entry]?, what: String, scope: String,
                                      key: KeyPath<Entry, Located<String>>, into diagnostics: inout [Diagnostic])
        -> [Entry]?
    {
        guard let incoming else { return existing }
        var result = existing ?? []
        var seen = Dictionary(result.map { ($0[keyPath: key].value.lowercased(), $0[keyPath: key].location) },
                              uniquingKeysWith: { first, _ in first })
        for entry in incoming {
            let name = entry[keyPath: key]
            if let first = seen[name.value.lowercased()] {
                diagnostics.append(duplicate("\(what) '\(name.value)' in \(scope)", first, name.location))
            } else {
                seen[name.value.lowercased()] = name.location
                result.append(entry)
            }
        }
        return result
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
