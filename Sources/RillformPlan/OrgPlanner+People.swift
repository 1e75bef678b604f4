import RillformModel

/// People of one org: the lists the manifest declares (`members`, `usergroups`, `allowed_domains` of the org,
/// `members` and `allowed_domains` of its projects). An absent list is not managed and plans nothing.
extension OrgPlanner {
    func planPeople(into draft: inout PlanDraft) {
        recordPendingInvites(into: &draft)
        if let members = desired.members { planMembers(members, into: &draft) }
        if let groups = desired.usergroups {
            for group in groups.sorted(by: { $0.name.value < $1.name.value }) { planUsergroup(group, into: &draft) }
            planUndeclaredUsergroups(into: &draft)
        }
        if let domains = desired.allowedDomains { planAllowedDomains(domains, into: &draft) }
        for project in desired.projects.sorted(by: { $0.name.value < $1.name.value }) {
            let liveProject = projects.matches[project.name.value]?.live
            if let members = project.members {
                planProjectMembers(members, of: project.name.value, owner: project.name.location,
                                   domains: project.allowedDomains, live: liveProject, into: &draft)
            }
            if let domains = project.allowedDomains {
                planProjectAllowedDomains(domains, of: project.name.value, owner: project.name.location,
                                          live: liveProject, into: &draft)
            }
        }
    }

    /// Every live pending invite that was read, by the address it has in this plan (a renamed project's new name).
    private func recordPendingInvites(into draft: inout PlanDraft) {
        guard let live else { return }
        for member in (live.members ?? [:]).values where member.isPendingInvite {
            draft.pendingInvites.insert(.member(org, email: member.email))
        }
        for project in live.projects.values {
            let name = projects.declaredNames[project.name] ?? project.name
            for member in (project.members ?? [:]).values where member.isPendingInvite {
                draft.pendingInvites.insert(.projectMember(org, project: name, email: member.email))
            }
        }
    }

    /// `org role "admin"`, with `pending invite` first for invites: the detail of an unmanaged person.
    static func detail(of member: LiveMember) -> String {
        let role = member.orgRole.map { "org role \"\($0.rawValue)\"" } ?? "no org role"
        return member.isPendingInvite ? "pending invite, \(role)" : role
    }
}
