import Foundation
import RillformModel
import RillformPlan

/// People plans and drift built by the real planner, so the goldens show what users will see. Every declared value
/// sits on its own manifest line (`Examples/people/rillform.yaml`-style positions), so sources are checkable.
enum PeopleReportFixtures {
    static let now = ReportFixtures.now
    static let file = "Examples/people/rillform.yaml"

    static func at(_ line: Int, _ column: Int = 5) -> SourceLocation { SourceLocation(file: file, line: line, column: column) }
    static func located<T>(_ value: T, _ line: Int, _ column: Int = 5) -> Located<T> { Located(value, at: at(line, column)) }

    // MARK: - Builders (the shape of `Tests/RillformPlanTests/PeopleFixtures.swift`)

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
            members: members.map { $0.enumerated().map { located($0.element, line + 4 + $0.offset) } },
            projectRoles: projectRoles.map { roles in
                Dictionary(uniqueKeysWithValues: roles.sorted { $0.key < $1.key }.enumerated().map {
                    ($0.element.key, located($0.element.value, line + 8 + $0.offset))
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

    static func project(_ name: String, line: Int, members: [DesiredProjectMember]? = nil,
                        domains: [DesiredProjectAllowedDomain]? = nil) -> DesiredProject {
        var project = DesiredProject(name: located(name, line))
        project.members = members
        project.allowedDomains = domains
        return project
    }

    static func liveProject(_ name: String, id: String, members: [LiveProjectMember]? = nil,
                            domains: [LiveProjectAllowedDomain]? = nil) -> LiveProject {
        var project = LiveProject(id: id, name: name)
        project.members = members.map { Dictionary(uniqueKeysWithValues: $0.map { ($0.email, $0) }) }
        project.allowedDomains = domains.map { Dictionary(uniqueKeysWithValues: $0.map { ($0.domain, $0) }) }
        return project
    }

    static func liveOrg(billingEmail: String, members: [LiveMember], usergroups: [LiveUsergroup],
                        domains: [LiveAllowedDomain], projects: [LiveProject]) -> LiveOrg {
        var org = LiveOrg(id: "org-1", name: "acme", billingEmail: billingEmail,
                          projects: Dictionary(uniqueKeysWithValues: projects.map { ($0.name, $0) }))
        org.members = Dictionary(uniqueKeysWithValues: members.map { ($0.email, $0) })
        org.usergroups = Dictionary(uniqueKeysWithValues: usergroups.map { ($0.name, $0) })
        org.allowedDomains = Dictionary(uniqueKeysWithValues: domains.map { ($0.domain, $0) })
        return org
    }

    // MARK: - The people plan

    /// Every people kind and action, with prune on:
    /// - members: `cy` created, `ana` updated (org_role + attributes; she is the only direct admin: RF324),
    ///   the invite `inv@partner.io` updated (RF310: no attributes on an invite), `bo` removed (the billing email:
    ///   RF325), `dana` unchanged;
    /// - usergroups: `finance` created, `analysts` renamed from `data-analysts` (new description), `old-team` deleted,
    ///   `autogroup:members` left alone; `analysts` gains `cy` and loses `dana`; its project roles are created
    ///   (`marketing`), updated (`sales`) and removed (`legacy`);
    /// - project `sales`: members created (`cy`), updated (`dana`: restrict_resources + resources), removed
    ///   (`ana`, who keeps a lower role through `analysts`); allowed domains created (`partner.io`) and replaced
    ///   (`acme.com`, new role);
    /// - org allowed domains: created (`partner.io`), replaced (`acme.com`, new role), deleted (`old.io`).
    static var plan: Plan {
        let ana = "ana@acme.com", bo = "bo@acme.com", cy = "cy@acme.com", dana = "dana@acme.com"
        let invite = "inv@partner.io"
        var org = DesiredOrg(name: located("acme", 1, 3), projects: [
            project("legacy", line: 60),
            project("marketing", line: 62),
            project("sales", line: 64,
                    members: [projectMember(cy, .viewer, line: 66),
                              projectMember(dana, .viewer, line: 70, restrict: true,
                                            resources: ["explore/pipeline", "canvas/forecast"])],
                    domains: [projectDomain("acme.com", .editor, line: 76), projectDomain("partner.io", .viewer, line: 78)]),
        ])
        org.members = [
            member(ana, .editor, line: 5, attributes: ["team": .string("platform"), "level": .number(3)]),
            member(cy, .editor, line: 9),
            member(dana, .viewer, line: 12),
            member(invite, .editor, line: 15, attributes: ["team": .string("agency")]),
        ]
        org.usergroups = [
            group("analysts", line: 20, previously: ["data-analysts"], description: "Analysts",
                  members: [ana, cy], projectRoles: ["marketing": .viewer, "sales": .editor]),
            group("finance", line: 32, description: "Finance", orgRole: .viewer, members: [dana]),
            group("autogroup:members", line: 42, projectRoles: ["sales": .viewer]),
        ]
        org.allowedDomains = [domain("acme.com", .editor, line: 52), domain("partner.io", .guest, line: 55)]

        let live = liveOrg(
            billingEmail: "Bo@acme.com",
            members: [
                LiveMember(email: ana, name: "Ana", orgRole: .admin, attributes: ["team": .string("data")]),
                LiveMember(email: bo, name: "Bo", orgRole: .viewer),
                LiveMember(email: dana, name: "Dana", orgRole: .viewer),
                LiveMember(email: invite, isPendingInvite: true, orgRole: .viewer, invitedBy: ana),
            ],
            usergroups: [
                LiveUsergroup(id: "g-analysts", name: "data-analysts", description: "Data analysts",
                              members: [ana, dana], projectRoles: ["legacy": .editor, "sales": .viewer]),
                LiveUsergroup(id: "g-old", name: "old-team", orgRole: .editor, members: [bo], projectRoles: [:]),
                LiveUsergroup(id: "g-auto", name: "autogroup:members", members: [ana, bo, dana],
                              projectRoles: ["sales": .viewer]),
            ],
            domains: [LiveAllowedDomain(domain: "acme.com", orgRole: .viewer),
                      LiveAllowedDomain(domain: "old.io", orgRole: .viewer)],
            projects: [
                liveProject("legacy", id: "p-legacy"),
                liveProject("marketing", id: "p-marketing"),
                liveProject("sales", id: "p-sales",
                            members: [LiveProjectMember(email: ana, role: .admin),
                                      LiveProjectMember(email: dana, role: .viewer)],
                            domains: [LiveProjectAllowedDomain(domain: "acme.com", role: .viewer)]),
            ])
        let desired = DesiredState(orgs: [org], policy: Policy(prune: located(true, 90)))
        return Planner.plan(desired: desired, live: LiveState(orgs: ["acme": live]), options: PlanOptions(now: now))
    }

    // MARK: - People drift

    /// Drift with people and prune off: a drifted member role, a missing member, a declared person still a pending
    /// invite (RF404), an unmanaged usergroup, a drifted project member (resources) and a missing allowed domain.
    static var driftReport: DriftReport {
        let ana = "ana@acme.com", bo = "bo@acme.com"
        var org = DesiredOrg(name: located("acme", 1, 3), projects: [
            project("sales", line: 40, members: [projectMember(ana, .editor, line: 42, restrict: true,
                                                               resources: ["explore/pipeline"])]),
        ])
        org.members = [
            member(ana, .editor, line: 5),
            member(bo, .viewer, line: 8),
            member("inv@partner.io", .viewer, line: 11),
            member("root@acme.com", .admin, line: 14),
        ]
        org.usergroups = [group("analysts", line: 20, members: [ana])]
        org.allowedDomains = [domain("acme.com", .viewer, line: 30)]
        let live = liveOrg(
            billingEmail: "",
            members: [
                LiveMember(email: ana, name: "Ana", orgRole: .viewer),
                LiveMember(email: "root@acme.com", name: "Root", orgRole: .admin),
                LiveMember(email: "inv@partner.io", isPendingInvite: true, orgRole: .viewer, invitedBy: ana),
            ],
            usergroups: [
                LiveUsergroup(id: "g-analysts", name: "analysts", members: [ana]),
                LiveUsergroup(id: "g-contractors", name: "contractors", members: []),
            ],
            domains: [],
            projects: [liveProject("sales", id: "p-sales",
                                   members: [LiveProjectMember(email: ana, role: .editor, restrictResources: true,
                                                               resources: ["canvas/forecast"])],
                                   domains: [])])
        let desired = DesiredState(orgs: [org])
        let options = PlanOptions(now: now)
        let plan = Planner.plan(desired: desired, live: LiveState(orgs: ["acme": live]), options: options)
        return DriftReport(plan: plan, desired: desired, options: options)
    }
}
