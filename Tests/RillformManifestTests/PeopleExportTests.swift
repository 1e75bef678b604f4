import RillformManifest
import RillformModel
import Testing

/// `rillform export` of people: live state built by hand, exported, read back, and compared with the live state it
/// came from (the planner compares the same values: a match is a plan with no changes).
@Suite("Exporting people")
struct PeopleExportTests {
    static func liveOrg() -> LiveOrg {
        var sales = LiveProject(id: "p1", name: "sales")
        sales.members = [
            "ana@acme.com": LiveProjectMember(email: "ana@acme.com", role: .admin),
            "sam@agency.io": LiveProjectMember(email: "sam@agency.io", isPendingInvite: true, role: .viewer,
                                               restrictResources: true, resources: ["explore/pipeline"]),
        ]
        sales.allowedDomains = ["acme.com": LiveProjectAllowedDomain(domain: "acme.com", role: .viewer)]
        let finance = LiveProject(id: "p2", name: "finance")
        var org = LiveOrg(id: "o1", name: "acme", projects: ["sales": sales, "finance": finance])
        org.members = [
            "ana@acme.com": LiveMember(email: "ana@acme.com", name: "Ana", orgRole: .admin,
                                       attributes: ["team": .string("platform"), "level": .number(3)]),
            "bo@acme.com": LiveMember(email: "bo@acme.com", orgRole: .viewer),
            "sam@agency.io": LiveMember(email: "sam@agency.io", isPendingInvite: true, orgRole: .guest,
                                        invitedBy: "ana@acme.com"),
        ]
        org.usergroups = [
            "analysts": LiveUsergroup(id: "g1", name: "analysts", description: "Analysts: sales & finance",
                                      orgRole: .viewer, members: ["ana@acme.com", "bo@acme.com"],
                                      projectRoles: ["sales": .viewer, "finance": .editor]),
            "readers": LiveUsergroup(id: "g2", name: "readers", members: [], projectRoles: [:]),
            "autogroup:members": LiveUsergroup(id: "g3", name: "autogroup:members", members: ["ana@acme.com"],
                                               projectRoles: ["sales": .editor]),
            "autogroup:users": LiveUsergroup(id: "g4", name: "autogroup:users", projectRoles: [:]),
        ]
        org.allowedDomains = ["acme.com": LiveAllowedDomain(domain: "acme.com", orgRole: .viewer)]
        return org
    }

    /// Every declared value equals the live one (after the field's normalisation).
    static func matches<Field: ManagedField>(_ desired: DesiredValues<Field>, _ live: LiveValues<Field>) -> Bool {
        desired.fields.allSatisfy { field in
            guard let wanted = desired[field]?.value, let actual = live.value(field) else { return false }
            return field.normalized(wanted) == field.normalized(actual)
        }
    }

    static func exportAndLoad(_ org: LiveOrg) throws -> (text: String, org: DesiredOrg) {
        let text = ManifestExporter.export([org])
        let result = ManifestLoader.load(text: text, path: "export.yaml")
        #expect(result.diagnostics == [], "\(result.rendered)\n\(text)")
        return (text, try #require(result.state?.org(named: org.name)))
    }

    @Test("export → read back declares every person, group and domain as live has them")
    func roundTrip() throws {
        let live = Self.liveOrg()
        let (text, desired) = try Self.exportAndLoad(live)

        let members = try #require(desired.members)
        #expect(members.map(\.email.value) == ["ana@acme.com", "bo@acme.com", "sam@agency.io"])
        for member in members {
            let liveMember = try #require(live.members?[member.email.value])
            #expect(Self.matches(member.managed, liveMember.managed), "\(member.email.value)")
        }
        #expect(members[0].managed[.attributes] != nil)
        #expect(members[1].managed[.attributes] == nil, "empty attributes are not written")
        #expect(members[2].managed[.attributes] == nil, "an invite has no attributes")
        #expect(text.contains("- email: sam@agency.io  # pending invite\n"))

        let groups = try #require(desired.usergroups)
        #expect(groups.map(\.name.value) == ["analysts", "autogroup:members", "readers"])
        for group in groups {
            let liveGroup = try #require(live.usergroups?[group.name.value])
            #expect(Self.matches(group.managed, liveGroup.managed), "\(group.name.value)")
            if let members = group.members { #expect(members.map(\.value) == liveGroup.members) }
            if let roles = group.projectRoles { #expect(roles.mapValues(\.value) == liveGroup.projectRoles) }
        }
        #expect(groups[0].members != nil && groups[0].projectRoles?.count == 2)
        #expect(groups[1].members == nil, "a managed group declares only project roles")
        #expect(groups[1].managed.isEmpty)

        let domains = try #require(desired.allowedDomains)
        #expect(domains.map(\.domain.value) == ["acme.com"])
        #expect(Self.matches(domains[0].managed, try #require(live.allowedDomains?["acme.com"]).managed))

        let sales = try #require(desired.projects.first { $0.name.value == "sales" })
        let liveSales = try #require(live.projects["sales"])
        let projectMembers = try #require(sales.members)
        #expect(projectMembers.map(\.email.value) == ["ana@acme.com", "sam@agency.io"])
        for member in projectMembers {
            let liveMember = try #require(liveSales.members?[member.email.value])
            #expect(Self.matches(member.managed, liveMember.managed), "\(member.email.value)")
        }
        #expect(projectMembers[1].managed.list(.resources)?.value == ["explore/pipeline"])
        let projectDomains = try #require(sales.allowedDomains)
        #expect(Self.matches(projectDomains[0].managed,
                             try #require(liveSales.allowedDomains?["acme.com"]).managed))

        let finance = try #require(desired.projects.first { $0.name.value == "finance" })
        #expect(finance.members == nil, "not read: not exported")
        #expect(finance.allowedDomains == nil)
    }

    @Test("people that were not read are not exported")
    func notReadNotExported() throws {
        let (text, desired) = try Self.exportAndLoad(LiveOrg(id: "o1", name: "acme"))
        #expect(desired.members == nil && desired.usergroups == nil && desired.allowedDomains == nil)
        #expect(!text.contains("members") && !text.contains("usergroups") && !text.contains("allowed_domains"))
    }

    @Test("a project member who is not among the org's members leaves the project's list unmanaged, with a comment")
    func projectMemberOutsideOrg() throws {
        var org = Self.liveOrg()
        org.projects["sales"]?.members?["zed@agency.io"] = LiveProjectMember(email: "zed@agency.io", role: .viewer)
        org.usergroups?["analysts"]?.members?.append("zed@agency.io")
        let (text, desired) = try Self.exportAndLoad(org)
        #expect(desired.projects.first { $0.name.value == "sales" }?.members == nil)
        #expect(desired.usergroups?.first?.members == nil)
        #expect(text.contains("# members: not managed, because an entry cannot be declared:"))
        #expect(text.contains("#   zed@agency.io is not among the org's exported members"))
        #expect(text.contains("# members: not managed, because a member cannot be declared: zed@agency.io"))
    }

    @Test("a domain the manifest refuses leaves the authoritative domain list unmanaged, with a comment")
    func refusedDomain() throws {
        var org = Self.liveOrg()
        org.allowedDomains?["gmail.com"] = LiveAllowedDomain(domain: "gmail.com", orgRole: .viewer)
        let (text, desired) = try Self.exportAndLoad(org)
        #expect(desired.allowedDomains == nil)
        #expect(text.contains("#   gmail.com is a public email provider"))
    }

    @Test("a group whose roles name a project that is not exported keeps them unmanaged; bad names are comments")
    func unexportableGroups() throws {
        var org = Self.liveOrg()
        org.usergroups?["analysts"]?.projectRoles?["x y"] = .viewer
        org.usergroups?["bad name"] = LiveUsergroup(id: "g5", name: "bad name")
        org.usergroups?["autogroup:guests"] = LiveUsergroup(id: "g6", name: "autogroup:guests",
                                                            projectRoles: ["gone": .viewer])
        let (text, desired) = try Self.exportAndLoad(org)
        let analysts = try #require(desired.usergroups?.first { $0.name.value == "analysts" })
        #expect(analysts.projectRoles == nil)
        #expect(desired.usergroups?.contains { $0.name.value == "autogroup:guests" } == false)
        #expect(text.contains("# usergroup bad name: its name breaks Rill's naming rules; not exported"))
        #expect(text.contains("# usergroup \"autogroup:guests\": its project roles are not managed"))
    }
}
