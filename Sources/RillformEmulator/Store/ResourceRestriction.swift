import Foundation

/// A project role's resource scope (`restrict_resources` + `resources`, `v1ResourceName {type, name}`), as the
/// newest AddProjectMemberUser/SetProjectMemberUserRole and the usergroup equivalents read it: neither field set
/// means "keep what is there"; `resources` non-empty implies `restrict_resources`.
struct ResourceRestriction: Sendable, Equatable {
    var restrict: Bool
    var resources: [JSON]

    static let none = ResourceRestriction(restrict: false, resources: [])

    /// nil when the request sets neither field (`keepExistingRestrictions`).
    static func requested(_ body: RequestBody) throws -> ResourceRestriction? {
        let restrict = try body.bool("restrictResources")
        let resources = try body.array("resources") ?? []
        if restrict == nil && resources.isEmpty { return nil }
        let names: [JSON] = resources.map { item in
            .object(["type": .string(item["type"] ?? ""), "name": .string(item["name"] ?? "")])
        }
        return ResourceRestriction(restrict: (restrict ?? false) || !names.isEmpty, resources: names)
    }

    /// From a row's `restrict_resources` and `resources` (JSON text) columns.
    init(restrict: Bool, resourcesText: String) {
        self.restrict = restrict
        if case .array(let items)? = try? JSON.parse(Data(resourcesText.utf8)) { resources = items } else { resources = [] }
    }

    init(restrict: Bool, resources: [JSON]) {
        self.restrict = restrict
        self.resources = resources
    }

    var resourcesText: String { JSON.array(resources).serialized() }

    /// The DTO fields.
    var jsonFields: [String: JSON] { ["restrictResources": .bool(restrict), "resources": .array(resources)] }
}

extension JSON {
    /// A string member of an object, or nil.
    fileprivate subscript(member: String) -> String? {
        if case .object(let members) = self, case .string(let text)? = members[member] { return text }
        return nil
    }
}
