import RillformModel
@testable import RillformPlan

/// People builders: each declared value sits on its own manifest line, so locations are checkable.
extension Fixture {
    static func member(_ email: String, _ role: OrgRole, line: Int, attributes: [String: JSONValue]? = nil)
        -> DesiredMember
    {
        var member = DesiredMember(email: located(email, line))
        member.orgRole = located(role, line + 1)
        if let attributes { member.managed.set(.attributes, located(attributes, line + 2)) }
        return member
    }

    static func group(_ name: String, line: Int, previously: [String] = [], description: String? = nil,
                      orgRole: OrgRole? = nil, members: [String]? = nil, projectRoles: [String: ProjectRole]? = nil)
        -> DesiredUsergroup
    {
        var group = DesiredUsergroup(
            name: located(name, line), previously: previously.map { located($0, line + 1) },
            members: members.map { $0.enumerated().map { located($0.element, line + 10 + $0.offset) } },
            projectRoles: projectRoles.map { roles in
                Dictionary(uniqueKeysWithValues: roles.sorted { $0.key < $1.key }.enumerated().map {
                    ($0.element.key, located($0.element.value, line + 20 + $0.offset))
                })
            })
        group.managed.set(.description, description.map { located($0, line + 2) })
        group.orgRole = orgRole.map { located($0, line + 3) }
        return group
    }

    static func projectMember(_ email: String, _ role: ProjectRole, line: Int, restrict: Bool? = nil,
                              resources: [String]? = nil) -> DesiredProjectMember {
        var member = DesiredProjectMember(email: located(email, line))
        member.role = located(role, line + 1)
        member.managed.set(.restrictResources, restrict.map { located($0, line + 2) })
        member.managed.set(.resources, resources.map { located($0, line + 3) })
        return member
    }

    static func domain(_ domain: String, _ role: OrgRole, line: Int) -> DesiredAllowedDomain {
        var value = DesiredAllowedDomain(domain: located(domain, line))
        value.orgRole = located(role, line + 1)
        return value
    }

    static func projectDomain(_ domain: String, _ role: ProjectRole, line: Int) -> DesiredProjectAllowedDomain {
        var value = DesiredProjectAllowedDomain(domain: located(domain, line))
        value.role = located(role, line + 1)
        return value
    }

    /// Org `acme` with people lists (nil: not managed) and optionally declared project `sales`.
    static func peopleOrg(members: [DesiredMember]? = nil, usergroups: [DesiredUsergroup]? = nil,
                          domains: [DesiredAllowedDomain]? = nil, projects: [DesiredProject] = [],
                          billingEmail: String? = nil, policy: Policy? = nil) -> DesiredOrg {
        var org = DesiredOrg(name: located("acme", 1), billingEmail: billingEmail.map { located($0, 2) },
                             projects: projects, policy: policy)
        org.members = members
        org.usergroups = usergroups
        org.allowedDomains = domains
        return org
    }

    /// A declared project (name only) with people lists.
    static func peopleProject(_ name: String, line: Int, members: [DesiredProjectMember]? = nil,
                              domains: [DesiredProjectAllowedDomain]? = nil) -> DesiredProject {
        var project = DesiredProject(name: located(name, line))
        project.members = members
        project.allowedDomains = domains
        return project
    }

    /// Live org `acme` whose people were read (empty lists, not nil).
    static func livePeopleOrg(members: [LiveMember] = [], usergroups: [LiveUsergroup] = [],
                              domains: [LiveAllowedDomain] = [], projects: [LiveProject] = [],
                              billingEmail: String = "") -> LiveOrg {
        var org = LiveOrg(id: "org-1", name: "acme", billingEmail: billingEmail,
                          projects: Dictionary(uniqueKeysWithValues: projects.map { ($0.name, $0) }))
        org.members = Dictionary(uniqueKeysWithValues: members.map { ($0.email, $0) })
        org.usergroups = Dictionary(uniqueKeysWithValues: usergroups.map { ($0.name, $0) })
        org.allowedDomains = Dictionary(uniqueKeysWithValues: domains.map { ($0.domain, $0) })
        return org
    }

    /// Live project with its people read.
    static func liveProject(_ name: String, id: String = "p1", members: [LiveProjectMember] = [],
                            domains: [LiveProjectAllowedDomain] = []) -> LiveProject {
        var project = LiveProject(id: id, name: name)
        project.members = Dictionary(uniqueKeysWithValues: members.map { ($0.email, $0) })
        project.allowedDomains = Dictionary(uniqueKeysWithValues: domains.map { ($0.domain, $0) })
        return project
    }
}
