import GRDB

/// Whitelisted (auto-join) email domains of orgs and projects: ports of CreateWhitelistedDomain,
/// RemoveWhitelistedDomain, ListWhitelistedDomains (admin/server/organizations.go) and the project equivalents
/// (admin/server/projects.go), v0.78-era and newest alike. Lookups are unwrapped (404). Adding a domain makes every
/// existing user with that email domain a member with the domain's role, in the same transaction; later users
/// join at signup (`SignUp`). Removing a domain removes nobody. Rill lets superusers skip the ownership checks;
/// the emulator has no superusers.
enum AllowedDomainRoutes {
    static let routes: [Route] = [
        Route("GET", "/v1/orgs/{org}/whitelisted", listOrgDomains),
        Route("POST", "/v1/orgs/{org}/whitelisted", createOrgDomain),
        Route("DELETE", "/v1/orgs/{org}/whitelisted/{domain}", removeOrgDomain),
        Route("GET", "/v1/orgs/{org}/projects/{project}/whitelisted", listProjectDomains),
        Route("POST", "/v1/orgs/{org}/projects/{project}/whitelisted", createProjectDomain),
        Route("DELETE", "/v1/orgs/{org}/projects/{project}/whitelisted/{domain}", removeProjectDomain),
    ]

    /// Port of CreateWhitelistedDomain: a user token (401), org (404), manageOrg — deliberately not
    /// manageOrgMembers — (403 "only org admins can add whitelisted domain"), the caller's email must end in
    /// "@<domain>" (403), the domain must not be a public email provider (400), role (404 "org role not found"),
    /// admin needs manageOrgAdmins (403); then the domain (409 "domain has already been added for the org") and
    /// every existing user of the domain who is not yet a member joins with the role.
    static func createOrgDomain(_ call: Call) throws -> JSON {
        let caller = try call.requireUser()
        let org = try OrgRecord.require(call.db, name: call.param("org"))
        let domain = try call.body.string("domain") ?? ""
        try call.requireOrg(org, .manageOrg, "only org admins can add whitelisted domain")
        try requireOwnedPrivateDomain(caller: caller, domain: domain)
        guard let role = OrgRoleName.named(try call.body.string("role") ?? "") else { throw RPCError.notFound("org role") }
        if role == .admin { try call.requireOrg(org, .manageOrgAdmins, MemberMessages.assignAdmin) }
        do {
            try call.db.execute(
                cached: "INSERT INTO org_whitelisted_domains (org_id, domain, role, created_on) VALUES (?, ?, ?, ?)",
                arguments: [org.id, domain, role.rawValue, call.now])
        } catch let error as DatabaseError where error.resultCode == .SQLITE_CONSTRAINT {
            throw RPCError(.alreadyExists, "domain has already been added for the org")
        }
        for userID in try usersOfDomain(call.db, domain) {
            try OrgMembership.insertOrgMember(
                call.db, orgID: org.id, userID: userID, role: role.rawValue, ifNotExists: true, now: call.now)
        }
        return .emptyObject
    }

    /// Port of RemoveWhitelistedDomain: org (404), manageOrg (403), domain (404 "org whitelist domain not found").
    static func removeOrgDomain(_ call: Call) throws -> JSON {
        let org = try OrgRecord.require(call.db, name: call.param("org"))
        try call.requireOrg(org, .manageOrg, "only org admins can remove whitelisted domain")
        try call.db.execute(
            cached: "DELETE FROM org_whitelisted_domains WHERE org_id = ? AND domain = ?", arguments: [org.id, call.param("domain")])
        if call.db.changesCount == 0 { throw RPCError.notFound("org whitelist domain") }
        return .emptyObject
    }

    /// Port of ListWhitelistedDomains: org (404), manageOrg (403), every domain with its role name (not paginated).
    static func listOrgDomains(_ call: Call) throws -> JSON {
        let org = try OrgRecord.require(call.db, name: call.param("org"))
        try call.requireOrg(org, .manageOrg, "only org admins can list whitelisted domain")
        return try domainList(
            call.db, sql: "SELECT domain, role FROM org_whitelisted_domains WHERE org_id = ? ORDER BY created_on, domain",
            id: org.id)
    }

    /// Port of CreateProjectWhitelistedDomain: a user token (401), project (404), manageProject (403 "only proj
    /// admins can add whitelisted domain"), the same ownership and public-domain checks, role (404 "project role
    /// not found"), admin needs manageProjectAdmins; then the domain (409 "project whitelist domain already
    /// exists") and every existing user of the domain who is not yet a project member gets the role (joining the
    /// org as a guest if needed).
    static func createProjectDomain(_ call: Call) throws -> JSON {
        let caller = try call.requireUser()
        guard let (org, project) = try ProjectRoutes.findByName(call) else { throw RPCError.notFound("project") }
        let domain = try call.body.string("domain") ?? ""
        try call.requireProject(project, .manageProject, "only proj admins can add whitelisted domain")
        try requireOwnedPrivateDomain(caller: caller, domain: domain)
        guard let role = ProjectRoleName.named(try call.body.string("role") ?? "") else {
            throw RPCError.notFound("project role")
        }
        if role == .admin { try call.requireProject(project, .manageProjectAdmins, MemberMessages.assignAdmin) }
        do {
            try call.db.execute(
                cached: "INSERT INTO project_whitelisted_domains (project_id, domain, role, created_on) VALUES (?, ?, ?, ?)",
                arguments: [project.id, domain, role.rawValue, call.now])
        } catch let error as DatabaseError where error.resultCode == .SQLITE_CONSTRAINT {
            throw RPCError(.alreadyExists, "project whitelist domain already exists")
        }
        for userID in try usersOfDomain(call.db, domain) {
            try OrgMembership.insertProjectMember(
                call.db, orgID: org.id, projectID: project.id, userID: userID, role: role.rawValue, now: call.now)
        }
        return .emptyObject
    }

    /// Port of RemoveProjectWhitelistedDomain: project (404), manageProject (403), domain (404).
    static func removeProjectDomain(_ call: Call) throws -> JSON {
        guard let (_, project) = try ProjectRoutes.findByName(call) else { throw RPCError.notFound("project") }
        try call.requireProject(project, .manageProject, "only project admins can remove whitelisted domain")
        try call.db.execute(
            cached: "DELETE FROM project_whitelisted_domains WHERE project_id = ? AND domain = ?",
            arguments: [project.id, call.param("domain")])
        if call.db.changesCount == 0 { throw RPCError.notFound("project whitelist domain") }
        return .emptyObject
    }

    /// Port of ListProjectWhitelistedDomains: project (404), manageProject (403), the domains with role names.
    static func listProjectDomains(_ call: Call) throws -> JSON {
        guard let (_, project) = try ProjectRoutes.findByName(call) else { throw RPCError.notFound("project") }
        try call.requireProject(project, .manageProject, "only project admins can list whitelisted domains")
        return try domainList(
            call.db,
            sql: "SELECT domain, role FROM project_whitelisted_domains WHERE project_id = ? ORDER BY created_on, domain",
            id: project.id)
    }

    // MARK: Helpers

    /// The caller's own email must be at the domain (`strings.HasSuffix(user.Email, "@"+domain)`, case-sensitive),
    /// and the domain must not be a public provider; checked in this order.
    private static func requireOwnedPrivateDomain(caller: UserRecord, domain: String) throws {
        guard caller.email.hasSuffix("@" + domain) else {
            throw RPCError(.permissionDenied, "Domain name doesn\u{2019}t match verified email domain. Please contact Rill support.")
        }
        if PublicEmailDomains.isPublic(domain) {
            throw RPCError(.invalidArgument, "Public Domain \(domain) cannot be whitelisted")
        }
    }

    /// `FindUsersByEmailPattern(ctx, "%@"+domain, …)`.
    private static func usersOfDomain(_ db: Database, _ domain: String) throws -> [String] {
        try String.fetchAll(db, cached: "SELECT id FROM users WHERE email LIKE ? ORDER BY email", arguments: ["%@" + domain])
    }

    private static func domainList(_ db: Database, sql: String, id: String) throws -> JSON {
        let rows = try Row.fetchAll(db, sql: sql, arguments: [id])
        return .object([
            "domains": .array(rows.map { .object(["domain": .string($0["domain"]), "role": .string($0["role"])]) }),
        ])
    }
}
