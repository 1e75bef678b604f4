extension Call {
    /// The `role` query filter of Rill's List…Members/Usergroups handlers: "" when absent or empty, else the role's
    /// canonical name; an unknown role is 404 "<noun> not found" (as `FindOrganizationRole`/`FindProjectRole` fail).
    func roleFilter<Role: RawRepresentable>(_ named: (String) -> Role?, noun: String) throws -> String
    where Role.RawValue == String {
        guard let filter = queryValue("role"), !filter.isEmpty else { return "" }
        guard let found = named(filter) else { throw RPCError.notFound(noun) }
        return found.rawValue
    }
}
