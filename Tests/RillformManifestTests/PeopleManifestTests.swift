import RillformManifest
import RillformModel
import Testing

/// People in the manifest: reading every key, the people diagnostics, and merging across files.
@Suite("People in the manifest")
struct PeopleManifestTests {
    private func at(_ line: Int, _ column: Int, _ file: String = "valid/people.yaml") -> RillformModel.SourceLocation {
        RillformModel.SourceLocation(file: file, line: line, column: column)
    }

    @Test("every people key is read, emails and domains lowercase at the position written")
    func readsEveryKey() throws {
        let result = try Fixtures.load("valid/people.yaml")
        #expect(result.diagnostics == [])
        let org = try #require(result.state?.org(named: "acme"))

        let members = try #require(org.members)
        #expect(members.map(\.email.value) == ["ana@acme.com", "bo@acme.com", "sam@agency.io"])
        #expect(members[0].email.location == at(5, 16))
        #expect(members[0].orgRole?.value == .admin)
        #expect(members[0].managed.object(.attributes)?.value == ["team": .string("platform"), "level": .number(3)])
        #expect(members[1].managed.object(.attributes)?.value == [:])
        #expect(members[2].orgRole == Located(.guest, at: at(12, 19)))
        #expect(members[2].managed[.attributes] == nil)

        let groups = try #require(org.usergroups)
        #expect(groups.map(\.name.value) == ["analysts", "empty-group", "autogroup:members"])
        let analysts = groups[0]
        #expect(analysts.previously.map(\.value) == ["data-analysts"])
        #expect(analysts.managed.string(.description)?.value == "Analysts")
        #expect(analysts.orgRole?.value == .viewer)
        #expect(analysts.members?.map(\.value) == ["bo@acme.com", "ana@acme.com"])
        #expect(analysts.members?.last?.location == at(18, 32))
        #expect(analysts.projectRoles?["sales"]?.value == .viewer)
        #expect(groups[1].members == [])
        #expect(groups[1].projectRoles == [:])
        #expect(groups[1].managed.isEmpty)
        #expect(groups[2].isManaged)
        #expect(groups[2].members == nil)
        #expect(groups[2].projectRoles?["sales"]?.value == .editor)

        let domains = try #require(org.allowedDomains)
        #expect(domains.map(\.domain.value) == ["acme.com", "eu.acme.co.uk"])
        #expect(domains[0].domain.location == at(26, 17))
        #expect(domains.map(\.orgRole?.value) == [.viewer, .guest])

        let sales = try #require(org.projects.first { $0.name.value == "sales" })
        let projectMembers = try #require(sales.members)
        #expect(projectMembers.map(\.email.value) == ["sam@agency.io", "ana@acme.com"])
        #expect(projectMembers[0].role?.value == .viewer)
        #expect(projectMembers[0].managed.bool(.restrictResources)?.value == true)
        #expect(projectMembers[0].managed.list(.resources)?.value == ["explore/pipeline", "canvas/overview"])
        #expect(projectMembers[1].managed[.restrictResources] == nil)
        #expect(sales.allowedDomains?.map(\.domain.value) == ["acme.com"])
        #expect(sales.allowedDomains?.first?.role?.value == .viewer)

        let finance = try #require(org.projects.first { $0.name.value == "finance" })
        #expect(finance.members == [])
        #expect(finance.allowedDomains == [])
    }

    @Test("people keys left out are not managed (nil, not empty)")
    func absentIsUnmanaged() throws {
        let result = ManifestLoader.load(text: """
            apiVersion: rillform/v1
            orgs: [{name: acme, projects: [{name: sales}]}]
            """)
        let org = try #require(result.state?.org(named: "acme"))
        #expect(org.members == nil)
        #expect(org.usergroups == nil)
        #expect(org.allowedDomains == nil)
        #expect(org.projects[0].members == nil)
        #expect(org.projects[0].allowedDomains == nil)
    }

    /// Each people diagnostic, with its position (the full messages are the fixtures' goldens).
    struct Expected: Sendable, CustomTestStringConvertible {
        var file: String
        var code: String
        var line: Int
        var column: Int
        var testDescription: String { "\(code) at \(file):\(line):\(column)" }
    }

    static let expected: [Expected] = [
        // Structure: the schema refuses these too.
        .init(file: "invalid/people-structure.yaml", code: "RF128", line: 5, column: 16),   // member email
        .init(file: "invalid/people-structure.yaml", code: "RF124", line: 8, column: 19),   // unknown org role
        .init(file: "invalid/people-structure.yaml", code: "RF122", line: 9, column: 9),    // member without role
        .init(file: "invalid/people-structure.yaml", code: "RF120", line: 12, column: 9),   // atributes
        .init(file: "invalid/people-structure.yaml", code: "RF125", line: 14, column: 15),  // group name
        .init(file: "invalid/people-structure.yaml", code: "RF128", line: 15, column: 19),  // group member email
        .init(file: "invalid/people-structure.yaml", code: "RF120", line: 17, column: 9),   // org_roel
        .init(file: "invalid/people-structure.yaml", code: "RF124", line: 18, column: 32),  // group project role
        .init(file: "invalid/people-structure.yaml", code: "RF167", line: 20, column: 17),  // "@acme.com"
        .init(file: "invalid/people-structure.yaml", code: "RF167", line: 22, column: 17),  // a URL
        .init(file: "invalid/people-structure.yaml", code: "RF122", line: 24, column: 9),   // domain without role
        .init(file: "invalid/people-structure.yaml", code: "RF165", line: 28, column: 20),  // sam not a member
        .init(file: "invalid/people-structure.yaml", code: "RF124", line: 29, column: 19),  // guest on a project
        .init(file: "invalid/people-structure.yaml", code: "RF165", line: 30, column: 20),  // sam2 not a member
        .init(file: "invalid/people-structure.yaml", code: "RF123", line: 33, column: 43),  // dashboard/pipeline
        .init(file: "invalid/people-structure.yaml", code: "RF123", line: 33, column: 63),  // explore/
        .init(file: "invalid/people-structure.yaml", code: "RF123", line: 33, column: 73),  // listed twice
        .init(file: "invalid/people-structure.yaml", code: "RF165", line: 34, column: 20),  // sam3 not a member
        .init(file: "invalid/people-structure.yaml", code: "RF121", line: 36, column: 33),  // yes
        .init(file: "invalid/people-structure.yaml", code: "RF167", line: 38, column: 21),  // acme
        .init(file: "invalid/people-structure.yaml", code: "RF122", line: 40, column: 13),  // domain without role
        .init(file: "invalid/people-structure.yaml", code: "RF120", line: 41, column: 13),  // rol
        .init(file: "invalid/people-structure.yaml", code: "RF123", line: 46, column: 33),  // false with resources
        // References: the schema accepts these; the reader and the checks refuse them.
        .init(file: "invalid/people-references.yaml", code: "RF140", line: 7, column: 16),  // ANA@acme.com again
        .init(file: "invalid/people-references.yaml", code: "RF165", line: 13, column: 32), // cy not a member
        .init(file: "invalid/people-references.yaml", code: "RF163", line: 14, column: 31), // sale → sales
        .init(file: "invalid/people-references.yaml", code: "RF161", line: 14, column: 50), // warehouse
        .init(file: "invalid/people-references.yaml", code: "RF162", line: 14, column: 69), // old-sales
        .init(file: "invalid/people-references.yaml", code: "RF140", line: 15, column: 15), // Analysts again
        .init(file: "invalid/people-references.yaml", code: "RF142", line: 17, column: 22), // previously: analysts
        .init(file: "invalid/people-references.yaml", code: "RF164", line: 19, column: 9),  // description
        .init(file: "invalid/people-references.yaml", code: "RF164", line: 20, column: 9),  // org_role
        .init(file: "invalid/people-references.yaml", code: "RF164", line: 21, column: 9),  // members
        .init(file: "invalid/people-references.yaml", code: "RF164", line: 22, column: 9),  // previously
        .init(file: "invalid/people-references.yaml", code: "RF166", line: 25, column: 17), // gmail.com
        .init(file: "invalid/people-references.yaml", code: "RF140", line: 29, column: 17), // ACME.com again
        .init(file: "invalid/people-references.yaml", code: "RF168", line: 37, column: 24), // resources, no restriction
        .init(file: "invalid/people-references.yaml", code: "RF165", line: 35, column: 20), // dee not a member
        .init(file: "invalid/people-references.yaml", code: "RF140", line: 40, column: 20), // Bo@Acme.com again
        .init(file: "invalid/people-references.yaml", code: "RF166", line: 43, column: 21), // hotmail.com
        .init(file: "invalid/people-references.yaml", code: "RF140", line: 48, column: 44), // CY@Beta.io again
        .init(file: "invalid/people-references.yaml", code: "RF166", line: 50, column: 17), // yandex.ru (Rill's list)
    ]

    @Test("each people diagnostic is reported at its position", arguments: expected)
    func diagnostic(_ expected: Expected) throws {
        let result = try Fixtures.load(expected.file)
        let location = RillformModel.SourceLocation(file: expected.file, line: expected.line, column: expected.column)
        #expect(result.diagnostics.contains { $0.code == expected.code && $0.location == location },
                "\(result.rendered)")
    }

    @Test("the fixtures report nothing beyond the listed diagnostics",
          arguments: ["invalid/people-structure.yaml", "invalid/people-references.yaml"])
    func nothingElse(_ file: String) throws {
        let result = try Fixtures.load(file)
        let listed = Self.expected.filter { $0.file == file }
        #expect(result.diagnostics.count == listed.count, "\(result.rendered)")
    }

    @Test("RF165 applies only when the org declares members")
    func undeclaredMembersOnlyWithMembers() {
        let result = ManifestLoader.load(text: """
            apiVersion: rillform/v1
            orgs:
              - name: acme
                usergroups: [{name: analysts, members: [bo@acme.com]}]
                projects: [{name: sales, members: [{email: sam@agency.io, role: viewer}]}]
            """)
        #expect(result.diagnostics == [])
    }

    @Test("the public-provider list is Rill's: common and regional providers, any case")
    func publicProviders() {
        for domain in ["gmail.com", "GMail.com", "yahoo.com", "outlook.com", "yandex.ru", "T-Online.de", "qq.com"] {
            let result = ManifestLoader.load(text: """
                apiVersion: rillform/v1
                orgs: [{name: acme, allowed_domains: [{domain: \(domain), org_role: viewer}]}]
                """)
            #expect(result.codes == ["RF166"], "\(domain)")
        }
    }

    @Test("a company domain is not a public provider")
    func companyDomain() {
        let result = ManifestLoader.load(text: """
            apiVersion: rillform/v1
            orgs: [{name: acme, allowed_domains: [{domain: acme.com, org_role: viewer}]}]
            """)
        #expect(result.diagnostics == [])
    }

    /// Rill stores `restrict_resources || resources not empty`: the manifest must say the same.
    struct Restriction: Sendable, CustomTestStringConvertible {
        let keys: String
        let codes: [String]
        var testDescription: String { keys }
    }

    static let restrictions: [Restriction] = [
        .init(keys: "restrict_resources: true, resources: [explore/pipeline]", codes: []),
        .init(keys: "resources: [explore/pipeline]", codes: ["RF168"]),
        .init(keys: "restrict_resources: false, resources: [explore/pipeline]", codes: ["RF123"]),
        .init(keys: "restrict_resources: false, resources: []", codes: []),
        .init(keys: "restrict_resources: false", codes: []),
        .init(keys: "restrict_resources: true", codes: []),
        .init(keys: "resources: []", codes: []),
    ]

    @Test("restrict_resources and resources are refused or warned about as Rill would store them",
          arguments: restrictions)
    func restriction(_ restriction: Restriction) {
        let result = ManifestLoader.load(text: """
            apiVersion: rillform/v1
            orgs: [{name: acme, projects: [{name: sales, members: [{email: sam@agency.io, role: viewer, \
            \(restriction.keys)}]}]}]
            """)
        #expect(result.codes == restriction.codes, "\(result.diagnostics)")
    }

    @Test("an email twice in one usergroup's members is RF140 at the second, naming the first, case-insensitively")
    func usergroupMemberTwice() {
        let result = ManifestLoader.load(text: """
            apiVersion: rillform/v1
            orgs:
              - name: acme
                usergroups:
                  - name: analysts
                    members: [bo@acme.com, cy@acme.com, BO@Acme.com]
            """)
        #expect(result.codes == ["RF140"])
        let first = at(6, 19, "rillform.yaml")
        #expect(result.diagnostics.first?.location == at(6, 45, "rillform.yaml"))
        #expect(result.diagnostics.first?.related == [first])
        #expect(result.diagnostics.first?.message
            == "member 'bo@acme.com' in usergroup 'analysts' of org 'acme' is listed twice: here and at \(first)")
    }

    // MARK: Merging

    private func source(_ path: String, _ body: String) -> ManifestSource {
        ManifestSource(path: path, text: "apiVersion: rillform/v1\n" + body)
    }

    @Test("people lists of an org split across files join into one list, like projects")
    func listsJoinAcrossFiles() throws {
        let result = ManifestLoader.load(files: [
            source("org.yaml", "orgs: [{name: acme, description: Acme}]\n"),
            source("admins.yaml", """
                orgs:
                  - name: acme
                    members: [{email: ana@acme.com, org_role: admin}]
                    allowed_domains: [{domain: acme.com, org_role: viewer}]
                """),
            source("analysts.yaml", """
                orgs:
                  - name: acme
                    members: [{email: bo@acme.com, org_role: viewer}]
                    usergroups: [{name: analysts, members: [bo@acme.com]}]
                """),
        ])
        #expect(result.diagnostics == [])
        let org = try #require(result.state?.org(named: "acme"))
        #expect(org.members?.map(\.email.value) == ["ana@acme.com", "bo@acme.com"])
        #expect(org.members?.map(\.email.location.file) == ["admins.yaml", "analysts.yaml"])
        #expect(org.usergroups?.map(\.name.value) == ["analysts"])
        #expect(org.allowedDomains?.map(\.domain.value) == ["acme.com"])
        #expect(org.description?.value == "Acme")
    }

    @Test("a list declared in no file stays unmanaged; declared empty in one file it is managed")
    func emptyListAcrossFiles() throws {
        let result = ManifestLoader.load(files: [
            source("a.yaml", "orgs: [{name: acme, allowed_domains: []}]\n"),
            source("b.yaml", "orgs: [{name: acme, description: Acme}]\n"),
        ])
        let org = try #require(result.state?.org(named: "acme"))
        #expect(org.allowedDomains == [])
        #expect(org.members == nil)
        #expect(org.usergroups == nil)
    }

    @Test("the same person, group or domain in two files is RF140 naming both places, case-insensitively")
    func duplicatesAcrossFiles() {
        let result = ManifestLoader.load(files: [
            source("a.yaml", """
                orgs:
                  - name: acme
                    members: [{email: ana@acme.com, org_role: admin}]
                    usergroups: [{name: analysts}]
                    allowed_domains: [{domain: acme.com, org_role: viewer}]
                """),
            source("b.yaml", """
                orgs:
                  - name: acme
                    members: [{email: Ana@Acme.com, org_role: viewer}]
                    usergroups: [{name: Analysts}]
                    allowed_domains: [{domain: ACME.COM, org_role: guest}]
                """),
        ])
        #expect(result.state == nil)
        #expect(result.diagnostics.map(\.description) == [
            "b.yaml:4:23: error: member 'ana@acme.com' in org 'acme' is defined twice: here and at a.yaml:4:23 [RF140]",
            "b.yaml:5:25: error: usergroup 'Analysts' in org 'acme' is defined twice: here and at a.yaml:5:25 [RF140]",
            "b.yaml:6:32: error: allowed domain 'acme.com' in org 'acme' is defined twice: here and at a.yaml:6:32 "
                + "[RF140]",
        ])
        #expect(result.diagnostics.first?.related == [RillformModel.SourceLocation(file: "a.yaml", line: 4, column: 23)])
    }

    @Test("RF165 sees the org's members from every file")
    func membersFromAnotherFile() {
        let result = ManifestLoader.load(files: [
            source("members.yaml", "orgs: [{name: acme, members: [{email: bo@acme.com, org_role: viewer}]}]\n"),
            source("groups.yaml", "orgs: [{name: acme, usergroups: [{name: analysts, members: [bo@acme.com, cy@acme.com]}]}]\n"),
        ])
        #expect(result.codes == ["RF165"])
        #expect(result.diagnostics.first?.location == RillformModel.SourceLocation(file: "groups.yaml", line: 2, column: 74))
    }
}
