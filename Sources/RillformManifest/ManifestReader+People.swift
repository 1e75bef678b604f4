import RillformModel

/// People: `members`, `usergroups` and `allowed_domains` of an org, `members` and `allowed_domains` of a project.
/// Emails and domains are stored lowercase (Rill matches them case-insensitively) at the position they were written.
/// Duplicates are reported by the merger (they may be split across files); references to the org's `members` by
/// ``ManifestChecks``.
extension ManifestReader {
    static let memberKeys = ["email"] + MemberField.allCases.map(\.manifestKey)
    static let usergroupKeys = ["name", "previously"] + UsergroupField.allCases.map(\.manifestKey)
        + ["members"] + UsergroupProjectRoleField.allCases.map(\.manifestKey)
    static let allowedDomainKeys = ["domain"] + AllowedDomainField.allCases.map(\.manifestKey)
    static let projectMemberKeys = ["email"] + ProjectMemberField.allCases.map(\.manifestKey)
    static let projectAllowedDomainKeys = ["domain"] + ProjectAllowedDomainField.allCases.map(\.manifestKey)

    private static let orgRoleDiagnostic: EnumerationDiagnostic = (code: .unknownRole, noun: "org role")
    private static let projectRoleDiagnostic: EnumerationDiagnostic = (code: .unknownRole, noun: "project role")

    // MARK: Org

    func readMembers(_ items: [YAMLNode], of org: String) -> [DesiredMember] {
        items.compactMap { item in
            guard let fields = fields(item, of: "a member of \(org)", allowed: Self.memberKeys,
                                      required: ["email", MemberField.orgRole.manifestKey])
            else { return nil }
            let managed = managedValues(fields, as: MemberField.self) { _ in Self.orgRoleDiagnostic }
            guard let email = email(fields["email"]) else { return nil }
            return DesiredMember(email: email, managed: managed)
        }
    }

    func readUsergroups(_ items: [YAMLNode], of org: String) -> [DesiredUsergroup] {
        items.compactMap { item in readUsergroup(item, of: org) }
    }

    private func readUsergroup(_ node: YAMLNode, of org: String) -> DesiredUsergroup? {
        let what = Self.describe("usergroup", node) + " of \(org)"
        guard let fields = fields(node, of: what, allowed: Self.usergroupKeys, required: ["name"]) else { return nil }
        let name = string(fields["name"])
        let isManaged = name.map { UsergroupField.isManaged($0.value) } ?? false
        if let name, !isManaged { checkName(name, kind: "usergroup") }
        let previously = stringList(fields["previously"]) ?? []
        for earlier in previously { checkName(earlier, kind: "previous usergroup") }
        let managed = managedValues(fields, as: UsergroupField.self) { _ in Self.orgRoleDiagnostic }
        let members = list(fields["members"]).map { items in
            uniqueMembers(items.compactMap { email(Entry(key: "members", keyMark: $0.mark, value: $0)) }, of: what)
        }
        let projectRoles = fields[UsergroupProjectRoleField.projectRoles.manifestKey]
            .flatMap { readProjectRoles($0, of: what) }
        if isManaged {
            // Rill owns these groups: it refuses to rename or edit them and keeps their members itself.
            let refused = ["previously"] + UsergroupField.allCases.map(\.manifestKey) + ["members"]
            for key in refused {
                guard let entry = fields[key] else { continue }
                report(.managedUsergroupEdit,
                       "\(what) is managed by Rill: '\(key)' cannot be set (only 'project_roles')",
                       at: entry.keyMark)
            }
        }
        guard let name else { return nil }
        return DesiredUsergroup(name: name, previously: previously, managed: managed, members: members,
                                projectRoles: projectRoles)
    }

    func readAllowedDomains(_ items: [YAMLNode], of org: String) -> [DesiredAllowedDomain] {
        items.compactMap { item in
            guard let fields = fields(item, of: "an allowed domain of \(org)", allowed: Self.allowedDomainKeys,
                                      required: ["domain", AllowedDomainField.orgRole.manifestKey])
            else { return nil }
            let managed = managedValues(fields, as: AllowedDomainField.self) { _ in Self.orgRoleDiagnostic }
            guard let domain = domain(fields["domain"]) else { return nil }
            return DesiredAllowedDomain(domain: domain, managed: managed)
        }
    }

    // MARK: Project

    func readProjectMembers(_ items: [YAMLNode], of project: String) -> [DesiredProjectMember] {
        items.compactMap { item in
            guard let fields = fields(item, of: "a member of \(project)", allowed: Self.projectMemberKeys,
                                      required: ["email", ProjectMemberField.role.manifestKey])
            else { return nil }
            let managed = managedValues(fields, as: ProjectMemberField.self) { _ in Self.projectRoleDiagnostic }
            if let entry = fields[ProjectMemberField.resources.manifestKey] { checkResources(entry) }
            checkRestriction(managed, of: project)
            guard let email = email(fields["email"]) else { return nil }
            return DesiredProjectMember(email: email, managed: managed)
        }
    }

    func readProjectAllowedDomains(_ items: [YAMLNode], of project: String) -> [DesiredProjectAllowedDomain] {
        items.compactMap { item in
            guard let fields = fields(item, of: "an allowed domain of \(project)",
                                      allowed: Self.projectAllowedDomainKeys,
                                      required: ["domain", ProjectAllowedDomainField.role.manifestKey])
            else { return nil }
            let managed = managedValues(fields, as: ProjectAllowedDomainField.self) { _ in
                Self.projectRoleDiagnostic
            }
            guard let domain = domain(fields["domain"]) else { return nil }
            return DesiredProjectAllowedDomain(domain: domain, managed: managed)
        }
    }

    /// A usergroup's `members`, each email once: a repeat (case-insensitive, as emails are lowercase here) is RF140
    /// naming the first, like a person defined twice in the org's `members`.
    private func uniqueMembers(_ emails: [Located<String>], of group: String) -> [Located<String>] {
        var first: [String: SourceLocation] = [:]
        return emails.filter { email in
            if let earlier = first[email.value] {
                report(.duplicateResource,
                       "member '\(email.value)' in \(group) is listed twice: here and at \(earlier)",
                       at: email.location, related: [earlier])
                return false
            }
            first[email.value] = email.location
            return true
        }
    }

    /// Rill restricts a project member's role whenever `resources` lists anything, whatever `restrict_resources`
    /// says (it stores `restrict_resources || resources not empty`). So `false` with resources could never settle
    /// (RF123), and resources without the key restrict the role anyway (RF168: say so in the manifest).
    private func checkRestriction(_ managed: DesiredValues<ProjectMemberField>, of project: String) {
        guard let resources = managed.list(.resources), !resources.value.isEmpty else { return }
        switch managed.bool(.restrictResources) {
        case let restrict? where !restrict.value:
            report(.invalidValue,
                   "'restrict_resources: false' with 'resources' cannot hold: Rill restricts the role to the listed "
                       + "resources whenever 'resources' is not empty; write 'restrict_resources: true', or drop "
                       + "'resources' to give the role every resource of \(project)",
                   at: restrict.location, related: [resources.location])
        case nil:
            report(.resourcesWithoutRestriction,
                   "'resources' is given without 'restrict_resources': Rill restricts the role to the listed "
                       + "resources of \(project) anyway; write 'restrict_resources: true' so the manifest says so",
                   at: resources.location)
        default:
            break
        }
    }

    // MARK: Values

    /// An email address, lowercase; reports one that is not (RF128, like `billing_email`).
    private func email(_ entry: Entry?) -> Located<String>? {
        guard let text = string(entry), let entry else { return nil }
        guard NameRules.isEmail(text.value) else {
            report(.invalidEmail, "'\(entry.key)' \(shown(text.value, at: text.location)) is not an email address",
                   at: text.location)
            return nil
        }
        return Located(text.value.lowercased(), at: text.location)
    }

    /// A domain, lowercase; reports one that is not a host name (RF167) or is a public email provider (RF166).
    private func domain(_ entry: Entry?) -> Located<String>? {
        guard let text = string(entry) else { return nil }
        let domain = text.value.lowercased()
        guard NameRules.isDomain(domain) else {
            report(.invalidDomain,
                   "allowed domain \(shown(text.value, at: text.location)) is not a domain name; write it alone, "
                       + "like acme.com (no '@', scheme or path)",
                   at: text.location)
            return nil
        }
        if NameRules.publicEmailDomains.contains(domain) {
            report(.publicEmailDomain,
                   "allowed domain '\(domain)' is a public email provider: anyone with an address there could join "
                       + "(Rill refuses it)",
                   at: text.location)
            return nil
        }
        return Located(domain, at: text.location)
    }

    /// Each entry of `resources` must be `explore/NAME` or `canvas/NAME`, once (RF123).
    private func checkResources(_ entry: Entry) {
        guard case .sequence(let items, _, _) = entry.value.dereferenced else { return }
        let kinds = ProjectMemberField.resourceKinds.keys.sorted()
        var seen: [String: SourceLocation] = [:]
        for item in items {
            guard case .scalar = item.dereferenced,
                  case .string(let text)? = scalar(item, field: entry.key, expected: "a string")
            else { continue }
            let at = location(item.mark)
            let parts = text.split(separator: "/", omittingEmptySubsequences: false)
            guard parts.count == 2, kinds.contains(String(parts[0])), !parts[1].isEmpty else {
                report(.invalidValue,
                       "'resources' entry \(shown(text, at: at)) must be "
                           + kinds.map { "\($0)/NAME" }.joined(separator: " or "),
                       at: at)
                continue
            }
            if let first = seen[text] {
                report(.invalidValue, "'resources' lists '\(text)' twice (first at \(first))", at: at,
                       related: [first])
            }
            seen[text] = seen[text] ?? at
        }
    }
}
