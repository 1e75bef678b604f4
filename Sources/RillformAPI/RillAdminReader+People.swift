import RillformModel

/// People reads: org members and invites, usergroups with their members and project roles, project members and
/// invites, allowed domains. Lists follow every page; emails and domains come back lowercase (the live state's keys).
extension RillAdminReader {
    // MARK: Org members

    /// `GET /v1/orgs/{org}/members` (all pages): the org's users with role and attributes, sorted by email.
    public func listOrgMembers(org: String) async throws -> [LiveMember] {
        let wire = try await connection.allPages("listOrgMembers", ResourceAddress.org(org).description) { pageToken in
            let body = try await client.AdminService_ListOrganizationMemberUsers(
                path: .init(org: org), query: .init(pageSize: connection.pageSizeParameter, pageToken: pageToken)
            ).ok.body.json
            return (body.members ?? [], body.nextPageToken)
        }
        return try await connection.perform("listOrgMembers", ResourceAddress.org(org).description) {
            try wire.map(LiveMember.init).sorted { $0.email < $1.email }
        }
    }

    /// `GET /v1/orgs/{org}/invites` (all pages): pending invites (emails without a Rill account), sorted by email.
    public func listOrgInvites(org: String) async throws -> [LiveMember] {
        let wire = try await connection.allPages("listOrgInvites", ResourceAddress.org(org).description) { pageToken in
            let body = try await client.AdminService_ListOrganizationInvites(
                path: .init(org: org), query: .init(pageSize: connection.pageSizeParameter, pageToken: pageToken)
            ).ok.body.json
            return (body.invites ?? [], body.nextPageToken)
        }
        return wire.map(LiveMember.init).sorted { $0.email < $1.email }
    }

    /// Members and pending invites together, by lowercase email (a member wins over a stale invite of the same email).
    public func orgPeople(org: String) async throws -> [String: LiveMember] {
        async let members = listOrgMembers(org: org)
        async let invites = listOrgInvites(org: org)
        return LiveMember.merged(members: try await members, invites: try await invites)
    }

    // MARK: Usergroups

    /// `GET /v1/orgs/{org}/usergroups` (all pages): every group (managed ones included) with its org role, sorted
    /// by name. The listing has no descriptions (see `getUsergroup`) and no members (see `listUsergroupMembers`).
    public func listUsergroups(org: String) async throws -> [LiveUsergroup] {
        let wire = try await connection.allPages("listUsergroups", ResourceAddress.org(org).description) { pageToken in
            let body = try await client.AdminService_ListOrganizationMemberUsergroups(
                path: .init(org: org), query: .init(pageSize: connection.pageSizeParameter, pageToken: pageToken)
            ).ok.body.json
            return (body.members ?? [], body.nextPageToken)
        }
        return wire.map(LiveUsergroup.init).sorted { $0.name < $1.name }
    }

    /// `GET /v1/orgs/{org}/usergroups/{usergroup}`: the group with its description (no role, no members); `nil`
    /// when absent.
    public func getUsergroup(org: String, name: String) async throws -> LiveUsergroup? {
        let resource = ResourceAddress.usergroup(org, name).description
        let result: LiveUsergroup?? = try await absentIfNotFound {
            try await connection.perform("getUsergroup", resource) {
                let body = try await client.AdminService_GetUsergroup(path: .init(org: org, usergroup: name)).ok.body.json
                return body.usergroup.map(LiveUsergroup.init)
            }
        }
        return result ?? nil
    }

    /// `GET /v1/orgs/{org}/usergroups/{usergroup}/members` (all pages): the members' lowercase emails, sorted.
    public func listUsergroupMembers(org: String, usergroup: String) async throws -> [String] {
        let resource = ResourceAddress.usergroup(org, usergroup).description
        let wire = try await connection.allPages("listUsergroupMembers", resource) { pageToken in
            let body = try await client.AdminService_ListUsergroupMemberUsers(
                path: .init(org: org, usergroup: usergroup),
                query: .init(pageSize: connection.pageSizeParameter, pageToken: pageToken)
            ).ok.body.json
            return (body.members ?? [], body.nextPageToken)
        }
        return Array(Set(wire.compactMap { $0.userEmail?.lowercased() })).sorted()
    }

    /// `GET /v1/orgs/{org}/project/{project}/usergroups` (all pages): each group's role on the project, by group name.
    /// Roles rillform does not know are left out.
    public func listProjectUsergroups(org: String, project: String) async throws -> [String: ProjectRole] {
        let resource = ResourceAddress.project(org, project).description
        let wire = try await connection.allPages("listProjectUsergroups", resource) { pageToken in
            let body = try await client.AdminService_ListProjectMemberUsergroups(
                path: .init(org: org, project: project),
                query: .init(pageSize: connection.pageSizeParameter, pageToken: pageToken)
            ).ok.body.json
            return (body.members ?? [], body.nextPageToken)
        }
        var roles: [String: ProjectRole] = [:]
        for group in wire {
            guard let name = group.groupName, !name.isEmpty,
                  let role = UsergroupProjectRoleField.projectRoles.liveValue(group)?.stringValue
                      .flatMap(ProjectRole.init(rawValue:)) else { continue }
            roles[name] = role
        }
        return roles
    }

    // MARK: Project members

    /// `GET /v1/orgs/{org}/projects/{project}/members` (all pages): direct project members, sorted by email.
    public func listProjectMembers(org: String, project: String) async throws -> [LiveProjectMember] {
        let resource = ResourceAddress.project(org, project).description
        let wire = try await connection.allPages("listProjectMembers", resource) { pageToken in
            let body = try await client.AdminService_ListProjectMemberUsers(
                path: .init(org: org, project: project),
                query: .init(pageSize: connection.pageSizeParameter, pageToken: pageToken)
            ).ok.body.json
            return (body.members ?? [], body.nextPageToken)
        }
        return wire.compactMap(LiveProjectMember.init).sorted { $0.email < $1.email }
    }

    /// `GET /v1/orgs/{org}/projects/{project}/invites` (all pages): pending project invites, sorted by email.
    public func listProjectInvites(org: String, project: String) async throws -> [LiveProjectMember] {
        let resource = ResourceAddress.project(org, project).description
        let wire = try await connection.allPages("listProjectInvites", resource) { pageToken in
            let body = try await client.AdminService_ListProjectInvites(
                path: .init(org: org, project: project),
                query: .init(pageSize: connection.pageSizeParameter, pageToken: pageToken)
            ).ok.body.json
            return (body.invites ?? [], body.nextPageToken)
        }
        return wire.compactMap(LiveProjectMember.init).sorted { $0.email < $1.email }
    }

    /// Direct members and pending project invites together, by lowercase email.
    public func projectPeople(org: String, project: String) async throws -> [String: LiveProjectMember] {
        async let members = listProjectMembers(org: org, project: project)
        async let invites = listProjectInvites(org: org, project: project)
        return LiveProjectMember.merged(members: try await members, invites: try await invites)
    }

    // MARK: Allowed domains

    /// `GET /v1/orgs/{org}/whitelisted`: the org's auto-join domains, sorted. Needs manageOrg.
    public func listAllowedDomains(org: String) async throws -> [LiveAllowedDomain] {
        try await connection.perform("listAllowedDomains", ResourceAddress.org(org).description) {
            let body = try await client.AdminService_ListWhitelistedDomains(path: .init(org: org)).ok.body.json
            return (body.domains ?? []).compactMap(LiveAllowedDomain.init).sorted { $0.domain < $1.domain }
        }
    }

    /// `GET /v1/orgs/{org}/projects/{project}/whitelisted`: the project's auto-join domains, sorted.
    public func listProjectAllowedDomains(org: String, project: String) async throws -> [LiveProjectAllowedDomain] {
        try await connection.perform("listProjectAllowedDomains", ResourceAddress.project(org, project).description) {
            let body = try await client.AdminService_ListProjectWhitelistedDomains(
                path: .init(org: org, project: project)
            ).ok.body.json
            return (body.domains ?? []).compactMap(LiveProjectAllowedDomain.init).sorted { $0.domain < $1.domain }
        }
    }
}
