import RillformModel

/// Derives ``AccessChange``s from planned changes: org roles and attributes from `service` changes, project roles
/// from `service_project_role` changes and from deletes of whole services; people's effective roles from the
/// people changes against the live people (``PeopleAccess``).
enum AccessAnalysis {
    static func accessChanges(in changes: [ResourceChange], live: LiveState) -> [AccessChange] {
        (serviceAccessChanges(in: changes) + PeopleAccess.accessChanges(in: changes, live: live)).sorted()
    }

    static func serviceAccessChanges(in changes: [ResourceChange]) -> [AccessChange] {
        var result: [AccessChange] = []
        for change in changes {
            let address = change.address
            let identity: ResourceAddress
            switch address.kind {
            case .service: identity = address
            case .serviceProjectRole: identity = .service(address.org, address.service ?? address.name)
            default: continue
            }
            for field in change.fieldChanges {
                let scope: ResourceAddress
                let aspect: AccessChange.Aspect
                let projectRolePrefix = ServiceProjectRoleField.projectRoles.manifestKey + "."
                if let serviceField = ServiceField(manifestKey: field.field) {
                    switch serviceField {
                    case .orgRole: (scope, aspect) = (.org(address.org), .role)
                    case .attributes: (scope, aspect) = (.org(address.org), .attributes)
                    }
                } else if field.field.hasPrefix(projectRolePrefix) {
                    (scope, aspect) = (.project(address.org, String(field.field.dropFirst(projectRolePrefix.count))), .role)
                } else {
                    continue
                }
                let before = field.before.map(text)
                let after = field.after.map(text)
                guard before != after else { continue }
                let kind: AccessChange.Kind = before == nil ? .grant : (after == nil ? .revoke : .change)
                result.append(AccessChange(identity: identity, scope: scope, aspect: aspect, before: before,
                                           after: after, kind: kind, location: field.location ?? change.location))
            }
        }
        return result.sorted()
    }

    /// Roles as their bare name (`viewer`), anything else as compact JSON.
    private static func text(_ value: JSONValue) -> String {
        if case .string(let string) = value { return string }
        return value.description
    }
}
