import RillformModel

extension ManifestReader {
    static let orgKeys = ["name"] + OrgField.allCases.map(\.manifestKey) + ["policy", "projects", "services", "members", "usergroups", "allowed_domains"]

    /// One entry of `orgs:`; `nil` when it has no usable name (its problems are still reported).
    func readOrg(_ node: YAMLNode) -> DesiredOrg? {
        let what = Self.describe("org", node)
        guard let fields = fields(node, of: what, allowed: Self.orgKeys, required: ["name"]) else { return nil }
        let name = string(fields["name"])
        if let name { checkName(name, kind: "org") }
        let managed = managedValues(fields, as: OrgField.self)
        let defaultRole = managed.string(.defaultProjectRole)
        if let defaultRole, !defaultRole.value.isEmpty, ProjectRole(rawValue: defaultRole.value) == nil {
            let choices = ProjectRole.allCases.map(\.rawValue)
            report(.unknownRole,
                   "unknown project role \(shown(defaultRole.value, at: defaultRole.location)) for "
                       + "'default_project_role' (one of: "
                       + "\(choices.joined(separator: ", ")), or \"\" to clear it)"
                       + Suggestion.hint(for: defaultRole.value, in: choices),
                   at: defaultRole.location)
        }
        let email = managed.string(.billingEmail)
        if let email, !NameRules.isEmail(email.value) {
            report(.invalidEmail, "'billing_email' \(shown(email.value, at: email.location)) is not an email address",
                   at: email.location)
        }
        let policy = fields["policy"].flatMap { readPolicy($0.value, of: "the policy of \(what)") }
        let projects = list(fields["projects"])?.compactMap(readProject) ?? []
        let services = list(fields["services"])?.compactMap(readService) ?? []
        let members = list(fields["members"]).map { readMembers($0, of: what) }
        let usergroups = list(fields["usergroups"]).map { readUsergroups($0, of: what) }
        let allowedDomains = list(fields["allowed_domains"]).map { readAllowedDomains($0, of: what) }
        guard let name else { return nil }
        var org = DesiredOrg(name: name, projects: projects, services: services, policy: policy)
        org.managed = managed
        org.members = members
        org.usergroups = usergroups
        org.allowedDomains = allowedDomains
        return org
    }

    /// `org 'acme'`, or `an org` when the name is missing or not a plain string: used in messages.
    static func describe(_ kind: String, _ node: YAMLNode) -> String {
        let unnamed = (kind.first.map { "aeiou".contains($0) } ?? false ? "an " : "a ") + kind
        guard case .mapping(let pairs, _, _) = node.dereferenced else { return unnamed }
        for pair in pairs {
            if case .scalar(let key) = pair.key.dereferenced, key.value == "name",
               case .scalar(let value) = pair.value.dereferenced, !value.value.isEmpty, !value.value.contains("$")
            {
                return "\(kind) '\(value.value)'"
            }
        }
        return unnamed
    }
}
