/// Ping, current user and role definitions.
enum MetaRoutes {
    static let version = "v0.78.1-rillform-emulator"

    static let routes: [Route] = [
        Route("GET", "/v1/ping") { call in
            .object(["version": .string(version), "time": .string(call.now)])
        },
        // Port of GetCurrentUser (admin/server/users.go): anonymous → empty response; any non-user → 401 (the
        // newest servers; v0.76-era servers returned an untyped error, which Vanguard turned into 500).
        Route("GET", "/v1/users/current") { call in
            switch call.principal {
            case .anonymous:
                return .emptyObject
            case .service:
                throw RPCError(.unauthenticated, "not authenticated as a user")
            case .user(let user):
                return .object(["user": user.json, "preferences": .object(["timeZone": .string("")])])
            }
        },
        Route("GET", "/v1/roles") { _ in
            .object([
                "organizationRoles": .array(OrgRoleName.allCases.map { role in
                    .object(["id": .string(role.id), "name": .string(role.rawValue),
                             "permissions": PermissionTable.org(role).json])
                }),
                "projectRoles": .array(ProjectRoleName.allCases.map { role in
                    .object(["id": .string(role.id), "name": .string(role.rawValue),
                             "permissions": PermissionTable.project(role).json])
                }),
            ])
        },
    ]
}
