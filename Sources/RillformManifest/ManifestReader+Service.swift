import RillformModel

extension ManifestReader {
    static let serviceKeys = ["name", "previously"] + ServiceField.allCases.map(\.manifestKey) + ["project_roles", "tokens"]
    static let tokenKeys = ["ensure", "rotate_after_days", "revoke_unknown"]

    func readService(_ node: YAMLNode) -> DesiredService? {
        let what = Self.describe("service", node)
        guard let fields = fields(node, of: what, allowed: Self.serviceKeys, required: ["name"]) else { return nil }
        let name = string(fields["name"])
        if let name { checkName(name, kind: "service") }
        let previously = stringList(fields["previously"]) ?? []
        for earlier in previously { checkName(earlier, kind: "previous service") }
        let managed = managedValues(fields, as: ServiceField.self) { field in
            field == .orgRole ? (code: .unknownRole, noun: "org role") : nil
        }
        let projectRoles = fields["project_roles"].flatMap { readProjectRoles($0, of: what) }
        let tokens = fields["tokens"].flatMap(readTokenPolicy)
        // Rill refuses to create a service without any role. Not reported when a role key was attempted (invalid or
        // misspelled): that diagnostic already explains it.
        if fields[ServiceField.orgRole.manifestKey] == nil, projectRoles?.isEmpty ?? (fields["project_roles"] == nil),
           fields.unknownKeys.isEmpty
        {
            report(.serviceWithoutRole,
                   "\(what) needs an 'org_role' or at least one entry in 'project_roles' (Rill refuses a service "
                       + "without any role)",
                   at: fields.mark)
        }
        guard let name else { return nil }
        var service = DesiredService(name: name, previously: previously, projectRoles: projectRoles, tokenPolicy: tokens)
        service.managed = managed
        return service
    }

    /// `project_roles` of a service or usergroup: project name → project role.
    func readProjectRoles(_ entry: Entry, of owner: String) -> [String: Located<ProjectRole>]? {
        guard let (_, entries) = entries(entry.value, of: "'project_roles' of \(owner)") else { return nil }
        var roles: [String: Located<ProjectRole>] = [:]
        for item in entries {
            if let problem = NameRules.nameProblem(item.key) {
                report(.invalidName,
                       "project name '\(item.key)' \(problem) (Rill allows \(NameRules.nameRuleText))",
                       at: item.keyMark)
            }
            if let role = enumeration(item, as: ProjectRole.self, code: .unknownRole, noun: "project role") {
                roles[item.key] = role
            }
        }
        return roles
    }

    private func readTokenPolicy(_ entry: Entry) -> TokenPolicy? {
        guard let fields = fields(entry.value, of: "'tokens'", allowed: Self.tokenKeys) else { return nil }
        let rotate = int(fields["rotate_after_days"])
        if let rotate, rotate.value <= 0 {
            report(.outOfRange, "'rotate_after_days' must be a positive number of days, got \(rotate.value)",
                   at: rotate.location)
        }
        return TokenPolicy(location: location(fields.mark), ensure: bool(fields["ensure"])?.value ?? true,
                           rotateAfterDays: rotate, revokeUnknown: bool(fields["revoke_unknown"]))
    }

    // MARK: JSON values

    /// Converts a node to JSON, reporting every value JSON cannot hold; `nil` if any part failed.
    func json(_ node: YAMLNode, path: String) -> JSONValue? {
        switch node.dereferenced {
        case .scalar:
            guard let value = scalar(node, field: path) else { return nil }
            switch value {
            case .null: return .null
            case .bool(let flag): return .bool(flag)
            case .int(let number): return .number(Double(number))
            case .float(let number) where number.isFinite: return .number(number)
            case .string(let text): return .string(text)
            case .float:
                report(.attributeNotJSON, "'\(path)' is \(describe(value, at: node.mark)), which JSON cannot represent",
                       at: node.mark)
            case .timestamp:
                report(.attributeNotJSON,
                       "'\(path)' is \(describe(value, at: node.mark)), which JSON cannot represent; "
                           + "quote it to keep it a string",
                       at: node.mark)
            case .binary, .unsupportedTag:
                report(.attributeNotJSON, "'\(path)' is \(value.kindName), which JSON cannot represent",
                       at: node.mark)
            }
            return nil
        case .sequence(let items, _, _):
            var values: [JSONValue] = []
            var failed = false
            for (index, item) in items.enumerated() {
                if let value = json(item, path: "\(path)[\(index)]") { values.append(value) } else { failed = true }
            }
            return failed ? nil : .array(values)
        case .mapping:
            guard let (_, entries) = entries(node, of: "'\(path)'", keyCode: .attributeNotJSON) else { return nil }
            var members: [String: JSONValue] = [:]
            var failed = false
            for entry in entries {
                if let value = json(entry.value, path: "\(path).\(entry.key)") {
                    members[entry.key] = value
                } else {
                    failed = true
                }
            }
            // A non-string key was reported by `entries` and dropped: the object as a whole is unusable.
            if case .mapping(let pairs, _, _) = node.dereferenced, pairs.count != entries.count { failed = true }
            return failed ? nil : .object(members)
        case .alias:
            return nil
        }
    }
}
