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
            let projects = Set(org.projects.map(\.name.value))
            for service in org.services {
                for (project, role) in (service.projectRoles ?? [:]).sorted(by: { $0.key < $1.key })
                where !projects.contains(project) {
                    diagnostics.append(.manifest(
                        .projectRoleUndeclaredProject,
                        "service '\(service.name.value)' has a role on project '\(project)', which \(scope) does not "
                            + "declare (fine if it exists live)",
                        at: role.location))
                }
            }
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
