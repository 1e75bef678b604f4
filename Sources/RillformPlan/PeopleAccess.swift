import RillformModel

/// The people part of the access view: per org whose people the plan changes, every person whose effective org
/// role or project role differs after the plan (``PeopleAccessState``), whether the change is direct or comes
/// through a group (a membership, a group's role, a deleted group). `before`/`after` are the effective roles.
enum PeopleAccess {
    static func accessChanges(in changes: [ResourceChange], live: LiveState) -> [AccessChange] {
        let byOrg = Dictionary(grouping: changes, by: \.address.org)
        var result: [AccessChange] = []
        for (org, orgChanges) in byOrg where orgChanges.contains(where: { isPeopleKind($0.kind) }) {
            result += accessChanges(org: org, changes: orgChanges, live: live.orgs[org])
        }
        return result
    }

    static func isPeopleKind(_ kind: ResourceKind) -> Bool {
        switch kind {
        case .member, .usergroup, .usergroupMember, .usergroupProjectRole, .projectMember: true
        case .org, .project, .deployment, .service, .serviceProjectRole, .serviceToken, .allowedDomain,
            .projectAllowedDomain: false
        }
    }

    private static func accessChanges(org: String, changes: [ResourceChange], live: LiveOrg?) -> [AccessChange] {
        var projectRenames: [String: String] = [:]
        var groupRenames: [String: String] = [:]
        for change in changes {
            guard let rename = change.rename else { continue }
            if change.kind == .project { projectRenames[rename.from] = change.address.name }
            if change.kind == .usergroup { groupRenames[rename.from] = change.address.name }
        }
        let before = PeopleAccessState(live: live, projectRenames: projectRenames, groupRenames: groupRenames)
        var after = before
        for change in changes { after.apply(change) }
        let groupsBefore = before.groupsByPerson()
        let groupsAfter = after.groupsByPerson()
        let causes = Causes(changes)

        var result: [AccessChange] = []
        let projects = before.projects.union(after.projects).sorted()
        for email in before.people.union(after.people).sorted() {
            let identity = ResourceAddress.member(org, email: email)
            let old = before.effectiveOrgRole(of: email, groups: groupsBefore[email] ?? [])
            let new = after.effectiveOrgRole(of: email, groups: groupsAfter[email] ?? [])
            if old?.role != new?.role {
                result.append(entry(identity, scope: .org(org), before: old?.role.rawValue, after: new?.role.rawValue,
                                    via: new != nil ? new?.via : old?.via, location: causes.location(for: email, project: nil)))
            }
            for project in projects {
                let old = before.effectiveProjectRole(of: email, on: project, groups: groupsBefore[email] ?? [])
                let new = after.effectiveProjectRole(of: email, on: project, groups: groupsAfter[email] ?? [])
                guard old?.role != new?.role else { continue }
                result.append(entry(identity, scope: .project(org, project), before: old?.role.rawValue,
                                    after: new?.role.rawValue, via: new != nil ? new?.via : old?.via,
                                    location: causes.location(for: email, project: project)))
            }
        }
        return result
    }

    private static func entry(_ identity: ResourceAddress, scope: ResourceAddress, before: String?, after: String?,
                              via group: String?, location: SourceLocation?) -> AccessChange {
        let kind: AccessChange.Kind = before == nil ? .grant : (after == nil ? .revoke : .change)
        return AccessChange(identity: identity, scope: scope, before: before, after: after, kind: kind,
                            location: location, via: group.map { .usergroup(identity.org, $0) })
    }

    /// Where in the manifest a person's access change comes from: their own change (as a member, a group
    /// member or a project member) first, else the first change of a group with a location.
    private struct Causes {
        var personal: [String: SourceLocation] = [:]
        var perProject: [String: SourceLocation] = [:]
        var group: SourceLocation?

        init(_ changes: [ResourceChange]) {
            for change in changes {
                guard let location = change.location else { continue }
                switch change.kind {
                case .member, .usergroupMember:
                    if let email = change.address.email, personal[email] == nil { personal[email] = location }
                case .projectMember:
                    if let email = change.address.email, let project = change.address.project {
                        let key = project + "/" + email
                        if perProject[key] == nil { perProject[key] = location }
                    }
                case .usergroup, .usergroupProjectRole:
                    if group == nil { group = location }
                case .org, .project, .deployment, .service, .serviceProjectRole, .serviceToken, .allowedDomain,
                    .projectAllowedDomain:
                    break
                }
            }
        }

        func location(for email: String, project: String?) -> SourceLocation? {
            if let project, let location = perProject[project + "/" + email] { return location }
            return personal[email] ?? group
        }
    }
}
