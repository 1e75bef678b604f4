import RillformModel

/// Who holds which org and project role in one org, directly or through usergroups: built from the live people,
/// then moved forward by a plan's changes, so the access view can compare each person's effective role before and
/// after (``PeopleAccess``). Project roles here are project roles only (an org role's reach into projects is
/// shown as the org role).
struct PeopleAccessState {
    /// Email → direct org role (pending invites included: their role applies when they sign up).
    var orgRoles: [String: OrgRole] = [:]
    /// Emails of pending invites: Rill keeps them out of the managed groups.
    var invites: Set<String> = []
    /// Project → email → direct project role.
    var projectRoles: [String: [String: ProjectRole]] = [:]
    /// Group → org role.
    var groupOrgRoles: [String: OrgRole] = [:]
    /// Group → member emails.
    var groupMembers: [String: Set<String>] = [:]
    /// Group → project → role.
    var groupProjectRoles: [String: [String: ProjectRole]] = [:]

    /// The live people of `org`, with renamed projects and groups already under the names `renames` gives them
    /// (so a rename alone changes nobody's access).
    init(live org: LiveOrg?, projectRenames: [String: String], groupRenames: [String: String]) {
        guard let org else { return }
        for member in (org.members ?? [:]).values {
            if let role = member.orgRole { orgRoles[member.email] = role }
            if member.isPendingInvite { invites.insert(member.email) }
        }
        for project in org.projects.values {
            let name = projectRenames[project.name] ?? project.name
            for member in (project.members ?? [:]).values {
                if let role = member.role { projectRoles[name, default: [:]][member.email] = role }
            }
        }
        for group in (org.usergroups ?? [:]).values {
            let name = groupRenames[group.name] ?? group.name
            if let role = group.orgRole { groupOrgRoles[name] = role }
            groupMembers[name] = Set(group.members ?? [])
            for (project, role) in group.projectRoles ?? [:] {
                groupProjectRoles[name, default: [:]][projectRenames[project] ?? project] = role
            }
        }
    }

    /// Moves the state forward by one planned change (only the people kinds and project deletes matter).
    mutating func apply(_ change: ResourceChange) {
        let address = change.address
        let isDelete = change.operation == .delete
        switch address.kind {
        case .member:
            guard let email = address.email else { return }
            if isDelete {
                orgRoles[email] = nil
                for group in groupMembers.keys { groupMembers[group]?.remove(email) }
                for project in projectRoles.keys { projectRoles[project]?[email] = nil }
            } else if let role = role(change, MemberField.orgRole.manifestKey, as: OrgRole.self) {
                orgRoles[email] = role
                updateManagedGroups(for: email)
            }
        case .usergroup:
            let group = address.name
            if isDelete {
                groupOrgRoles[group] = nil
                groupMembers[group] = nil
                groupProjectRoles[group] = nil
            } else {
                if groupMembers[group] == nil { groupMembers[group] = [] }
                if let role = role(change, UsergroupField.orgRole.manifestKey, as: OrgRole.self) {
                    groupOrgRoles[group] = role
                }
            }
        case .usergroupMember:
            guard let group = address.usergroup, let email = address.email else { return }
            if isDelete { groupMembers[group]?.remove(email) } else { groupMembers[group, default: []].insert(email) }
        case .usergroupProjectRole:
            guard let group = address.usergroup, let project = address.project else { return }
            groupProjectRoles[group, default: [:]][project] =
                isDelete ? nil : role(change, "project_roles.\(project)", as: ProjectRole.self)
        case .projectMember:
            guard let project = address.project, let email = address.email else { return }
            if isDelete {
                projectRoles[project]?[email] = nil
            } else if let role = role(change, ProjectMemberField.role.manifestKey, as: ProjectRole.self) {
                projectRoles[project, default: [:]][email] = role
            }
        case .project:
            guard isDelete else { return }
            projectRoles[address.name] = nil
            for group in groupProjectRoles.keys { groupProjectRoles[group]?[address.name] = nil }
        case .org, .deployment, .service, .serviceProjectRole, .serviceToken, .allowedDomain, .projectAllowedDomain:
            return
        }
    }

    /// Rill's managed groups follow the org role: `autogroup:users` everyone, `autogroup:members` everyone but
    /// guests, `autogroup:guests` the guests (invites are in none). Only groups that exist live are kept up.
    private mutating func updateManagedGroups(for email: String) {
        let role = invites.contains(email) ? nil : orgRoles[email]
        let wanted: [String: Bool] = [
            "autogroup:users": role != nil,
            "autogroup:members": role != nil && role != .guest,
            "autogroup:guests": role == .guest,
        ]
        for (group, isIn) in wanted where groupMembers[group] != nil {
            if isIn { groupMembers[group]?.insert(email) } else { groupMembers[group]?.remove(email) }
        }
    }

    private func role<Role: RawRepresentable>(_ change: ResourceChange, _ field: String, as type: Role.Type) -> Role?
        where Role.RawValue == String
    {
        change.fieldChange(field)?.after?.stringValue.flatMap(Role.init(rawValue:))
    }

    /// Everyone this state knows of.
    var people: Set<String> {
        var result = Set(orgRoles.keys)
        for members in groupMembers.values { result.formUnion(members) }
        for roles in projectRoles.values { result.formUnion(roles.keys) }
        return result
    }

    /// Every project someone holds a role on.
    var projects: Set<String> {
        Set(projectRoles.keys).union(groupProjectRoles.values.flatMap(\.keys))
    }

    /// The highest of the person's direct org role and their groups' org roles, with the group it comes from when
    /// a group gives more than the direct role (ties go to the direct role, then to the first group by name).
    /// `groups`: the person's groups, sorted (``groupsByPerson()``).
    func effectiveOrgRole(of email: String, groups: [String]) -> (role: OrgRole, via: String?)? {
        var best = orgRoles[email].map { (role: $0, via: String?.none) }
        for group in groups {
            guard let role = groupOrgRoles[group] else { continue }
            if best.map({ role > $0.role }) ?? true { best = (role, group) }
        }
        return best
    }

    /// Same for one project: the direct project role against the groups' roles on it.
    func effectiveProjectRole(of email: String, on project: String, groups: [String])
        -> (role: ProjectRole, via: String?)?
    {
        var best = projectRoles[project]?[email].map { (role: $0, via: String?.none) }
        for group in groups {
            guard let role = groupProjectRoles[group]?[project] else { continue }
            if best.map({ role > $0.role }) ?? true { best = (role, group) }
        }
        return best
    }

    /// Email → the groups they are in, sorted: built once per comparison, not per person and project.
    func groupsByPerson() -> [String: [String]] {
        var result: [String: [String]] = [:]
        for group in groupMembers.keys.sorted() {
            for email in groupMembers[group] ?? [] { result[email, default: []].append(group) }
        }
        return result
    }
}
