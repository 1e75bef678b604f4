/// Every emulated REST mapping, in the spec's paths and methods.
enum Routes {
    static let all: [Route] =
        MetaRoutes.routes + OrgRoutes.routes + MemberRoutes.routes + ProjectRoutes.routes + DeploymentRoutes.routes
        + ServiceRoutes.routes + CredentialRoutes.routes
}

/// Names Rill accepts for orgs, projects and services.
enum NameRules {
    static func validate(_ name: String, kind: String) throws {
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_")
        guard !name.isEmpty, name.count <= 40, name.allSatisfy({ allowed.contains($0) }), name.first != "-" else {
            throw RPCError(.invalidArgument, "invalid \(kind) name \"\(name)\"")
        }
    }
}
