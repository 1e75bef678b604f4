/// Names Rill accepts for orgs, projects and services: the `slug` rule of admin/database/validate.go,
/// `^[_a-zA-Z0-9][-_a-zA-Z0-9]{2,39}$` (3 to 40 characters).
enum SlugValidation {
    static func isValid(_ name: String) -> Bool {
        let first = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_")
        let rest = first.union("-")
        guard let head = name.first, first.contains(head), (3...40).contains(name.count) else { return false }
        return name.dropFirst().allSatisfy { rest.contains($0) }
    }

    /// go-playground/validator's message for the options struct the name goes into, e.g.
    /// `Key: 'InsertOrganizationOptions.Name' Error:Field validation for 'Name' failed on the 'slug' tag`.
    static func validatorMessage(options: String) -> String {
        "Key: '\(options).Name' Error:Field validation for 'Name' failed on the 'slug' tag"
    }

    /// Create-path check: the handlers wrap the DB error as InvalidArgument.
    static func validate(_ name: String, kind: String) throws {
        if kind == "service" {
            // Services (not ported here) keep the emulator's earlier, laxer rule and message.
            let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_")
            guard !name.isEmpty, name.count <= 40, name.allSatisfy({ allowed.contains($0) }), name.first != "-" else {
                throw RPCError(.invalidArgument, "invalid \(kind) name \"\(name)\"")
            }
            return
        }
        guard !isValid(name) else { return }
        let options = switch kind {
        case "org": "InsertOrganizationOptions"
        case "project": "InsertProjectOptions"
        case "service": "InsertServiceOptions"
        default: "Insert\(kind.capitalized)Options"
        }
        throw RPCError(.invalidArgument, validatorMessage(options: options))
    }
}
