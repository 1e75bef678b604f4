import RillformModel

/// Checks that need the whole merged manifest: cross references between resources and files.
enum ManifestChecks {
    static func check(_ state: DesiredState) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        let declaredOrgs = Set(state.orgs.map(\.name.value))
        for org in state.orgs {
            let scope = "org '\(org.name.value)'"
            diagnostics += previouslyCollisions(
                org.projects.map { ($0.name, $0.previously) }, kind: "project", scope: scope)
            diagnostics += previouslyCollisions(
                org.services.map { ($0.name, $0.previously) }, kind: "service", scope: scope)
            diagnostics += previouslyCollisions(
                (org.usergroups ?? []).map { ($0.name, $0.previously) }, kind: "usergroup", scope: scope)
            diagnostics += projectRoleReferences(org, scope: scope)
            diagnostics += undeclaredMembers(org, scope: scope)
            for address in org.policy?.protect ?? [] where address.value.org != org.name.value {
                diagnostics.append(.manifest(
                    .protectOutsideDeclaredOrgs,
                    "protect address '\(address.value)' in the policy of \(scope) lies outside that org",
                    at: address.location))
            }
        }
        for address in state.policy.protect where !declaredOrgs.contains(address.value.org) {
            diagnostics.append(.manifest(
                .protectOutsideDeclaredOrgs,
                "protect address '\(address.value)' names org '\(address.value.org)', which no manifest declares",
                at: address.location))
        }
        return diagnostics
    }

    /// `project_roles` keys against the org's projects. Decided from the manifest alone (the planner repeats the
    /// checks that need live state): a project's old name is an error (RF162: the rename would strand the role),
    /// a name one typo away from a declared project is an error with the suggestion (RF163), any other undeclared
    /// name a warning (RF161: it may exist live).
    private static func projectRoleReferences(_ org: DesiredOrg, scope: String) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        let projects = org.projects.map(\.name.value)
        let declared = Set(projects)
        var renamedAway: [String: String] = [:]
        for project in org.projects {
            for old in project.previously where !declared.contains(old.value) {
                renamedAway[old.value] = renamedAway[old.value] ?? project.name.value
            }
        }
        let owners = org.services.map { ("service '\($0.name.value)'", $0.projectRoles) }
            + (org.usergroups ?? []).map { ("usergroup '\($0.name.value)'", $0.projectRoles) }
        for (owner, projectRoles) in owners {
            for (project, role) in (projectRoles ?? [:]).sorted(by: { $0.key < $1.key })
            where !declared.contains(project) {
                let subject = "\(owner) has a role on project '\(project)'"
                if let newName = renamedAway[project] {
                    diagnostics.append(.manifest(
                        .projectRoleOnPreviousName,
                        "\(subject), which is being renamed to '\(newName)'; use the new name", at: role.location))
                } else if let close = likelyTypo(of: project, among: projects) {
                    diagnostics.append(.manifest(
                        .projectRoleTypo,
                        "\(subject), which \(scope) does not declare; did you mean '\(close)'?", at: role.location))
                } else {
                    diagnostics.append(.manifest(
                        .projectRoleUndeclaredProject,
                        "\(subject), which \(scope) does not declare (fine if it exists live)", at: role.location))
                }
            }
        }
        return diagnostics
    }

    /// RF165: with a declared `members` list, everyone in a usergroup or a project must be in it too; otherwise the
    /// plan would remove them from the org (members not declared go with prune) while adding them elsewhere.
    private static func undeclaredMembers(_ org: DesiredOrg, scope: String) -> [Diagnostic] {
        guard let members = org.members else { return [] }
        let declared = Set(members.map(\.email.value))
        var references = (org.usergroups ?? []).flatMap { group in
            (group.members ?? []).map { ($0, "usergroup '\(group.name.value)'") }
        }
        references += org.projects.flatMap { project in
            (project.members ?? []).map { ($0.email, "project '\(project.name.value)'") }
        }
        return references.filter { !declared.contains($0.0.value) }.map { email, owner in
            .manifest(.personNotDeclaredMember,
                      "'\(email.value)' is a member of \(owner) but not in the 'members' of \(scope); add them "
                          + "there (org_role: guest for someone who only needs the project)",
                      at: email.location)
        }
    }

    /// A declared name that `name` is plainly a misspelling of: one edit away (two for names of 8 or more
    /// characters), and not a sibling in a numbered series (`web1`/`web2` differ only in digits, so both may be real).
    static func likelyTypo(of name: String, among candidates: [String]) -> String? {
        let limit = name.count >= 8 ? 2 : 1
        func letters(_ text: String) -> String { text.lowercased().filter { !$0.isNumber } }
        return candidates
            .map { ($0, Suggestion.distance(name.lowercased(), $0.lowercased())) }
            .filter { $0.1 <= limit && letters($0.0) != letters(name) }
            .sorted { ($0.1, $0.0) < ($1.1, $1.0) }
            .first?.0
    }

    /// A `previously` name must not be a declared name (that resource exists under it) nor claimed twice.
    private static func previouslyCollisions(
        _ resources: [(name: Located<String>, previously: [Located<String>])], kind: String, scope: String
    ) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        let declared = Dictionary(resources.map { ($0.name.value, $0.name.location) }, uniquingKeysWith: { a, _ in a })
        var claimed: [String: (owner: String, location: SourceLocation)] = [:]
        for resource in resources {
            for earlier in resource.previously {
                if earlier.value == resource.name.value {
                    diagnostics.append(.manifest(
                        .previouslyCollision,
                        "\(kind) '\(resource.name.value)' lists its own name in 'previously'", at: earlier.location))
                } else if let other = declared[earlier.value] {
                    diagnostics.append(.manifest(
                        .previouslyCollision,
                        "'previously' name '\(earlier.value)' of \(kind) '\(resource.name.value)' is the name of "
                            + "another \(kind) in \(scope), declared at \(other)",
                        at: earlier.location, related: [other]))
                } else if let first = claimed[earlier.value] {
                    diagnostics.append(.manifest(
                        .previouslyCollision,
                        "'previously' name '\(earlier.value)' is claimed by \(kind) '\(resource.name.value)' and by "
                            + "\(kind) '\(first.owner)' at \(first.location)",
                        at: earlier.location, related: [first.location]))
                } else {
                    claimed[earlier.value] = (resource.name.value, earlier.location)
                }
            }
        }
        return diagnostics
    }
}
