/// Every emulated REST mapping, in the spec's paths and methods.
enum Routes {
    static let all: [Route] =
        MetaRoutes.routes + OrgRoutes.routes + MemberRoutes.routes + ProjectMemberRoutes.routes + UsergroupRoutes.routes
        + AllowedDomainRoutes.routes + ProjectRoutes.routes + DeploymentRoutes.routes
        + ServiceRoutes.routes + CredentialRoutes.routes + GitHubRoutes.routes
}
