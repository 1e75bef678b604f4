/// Ping, current user and role definitions.
enum MetaRoutes {
    static let version = "v0.78.1-rillform-emulator"

    static let routes: [Route] = [
        Route("GET", "/v1/ping") { call in
            .object(["version": .string(version), "time": .string(call.now)])
        },
        Route("GET", "/v1/users/current") { call in
            // `user` is null for service tokens and anonymous callers (protojson emits unset messages as null).
            guard case .user(let user) = call.principal else {
                return .object(["user": .null, "preferences": .null])
            }
            return .object(["user": user.json, "preferences": .object(["timeZone": .string("")])])
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
