import RillformModel

/// People writes. Adds that are POSTs are resolved like creates after an unknown outcome (look the person, group,
/// role or domain up; add again only if absent); removals report `.alreadyAbsent` instead of failing.
extension RillAdminWriter {
    // MARK: Org members

    /// `POST /v1/orgs/{org}/members`: adds the user with `role`, or invites an email without a Rill account.
    /// Returns true when Rill invited (`pendingSignup`).
    public func addOrgMember(org: String, email: String, role: OrgRole) async throws -> Bool {
        let resource = ResourceAddress.member(org, email: email).description
        return try await createResolvingAmbiguity("addOrgMember", resource) {
            try await connection.perform("addOrgMember", resource) {
                let body = try await client.AdminService_AddOrganizationMemberUser(
                    path: .init(org: org), body: .json(.init(email: email, role: role.rawValue))
                ).ok.body.json
                return body.pendingSignup ?? false
            }
        } lookup: {
            try await reader.orgPeople(org: org)[email.lowercased()].map(\.isPendingInvite)
        }
    }

    /// `PUT /v1/orgs/{org}/members/{email}`: a member's or pending invite's org role.
    public func setOrgMemberRole(org: String, email: String, role: OrgRole) async throws {
        try await connection.perform("setOrgMemberRole", ResourceAddress.member(org, email: email).description) {
            _ = try await client.AdminService_SetOrganizationMemberUserRole(
                path: .init(org: org, email: email), body: .json(.init(role: role.rawValue))
            ).ok
        }
    }

    /// `PUT /v1/orgs/{org}/members/{email}/attributes`: replaces the attributes (`[:]` clears them).
    public func setOrgMemberAttributes(org: String, email: String, attributes: [String: JSONValue]) async throws {
        let resource = ResourceAddress.member(org, email: email).description
        try await connection.perform("setOrgMemberAttributes", resource) {
            _ = try await client.AdminService_UpdateOrganizationMemberUserAttributes(
                path: .init(org: org, email: email), body: .json(.init(attributes: try WireAttributes.encode(attributes)))
            ).ok
        }
    }

    /// `DELETE /v1/orgs/{org}/members/{email}`: the member (with their project roles and group memberships) or
    /// the pending invite.
    @discardableResult
    public func removeOrgMember(org: String, email: String) async throws -> DeletionOutcome {
        try await deleteTolerant {
            try await connection.perform("removeOrgMember", ResourceAddress.member(org, email: email).description) {
                _ = try await client.AdminService_RemoveOrganizationMemberUser(path: .init(org: org, email: email)).ok
            }
        }
    }

    // MARK: Usergroups

    /// `POST /v1/orgs/{org}/usergroups`: a group with no description, role or members.
    public func createUsergroup(org: String, name: String) async throws -> LiveUsergroup {
        let resource = ResourceAddress.usergroup(org, name).description
        return try await createResolvingAmbiguity("createUsergroup", resource) {
            try await connection.perform("createUsergroup", resource) {
                let body = try await client.AdminService_CreateUsergroup(
                    path: .init(org: org), body: .json(.init(name: name))
                ).ok.body.json
                guard let wire = body.usergroup else { throw missing("usergroup", "createUsergroup", resource) }
                return LiveUsergroup(wire)
            }
        } lookup: {
            try await reader.getUsergroup(org: org, name: name)
        }
    }

    /// `POST /v1/orgs/{org}/usergroups/{usergroup}`: renames the group. A resent rename that finds the old name
    /// gone succeeds when the new name exists.
    public func renameUsergroup(org: String, usergroup: String, newName: String) async throws {
        let resource = ResourceAddress.usergroup(org, usergroup).description
        _ = try await renameTolerant(newName: newName, lookup: { try await reader.getUsergroup(org: org, name: $0) }) {
            try await connection.perform("renameUsergroup", resource) {
                _ = try await client.AdminService_RenameUsergroup(
                    path: .init(org: org, usergroup: usergroup), body: .json(.init(name: newName))
                ).ok
                return LiveUsergroup(id: "", name: newName)
            }
        }
    }

    /// `PUT /v1/orgs/{org}/usergroups/{usergroup}`: the description.
    public func editUsergroup(org: String, usergroup: String, description: String) async throws {
        try await connection.perform("editUsergroup", ResourceAddress.usergroup(org, usergroup).description) {
            _ = try await client.AdminService_EditUsergroup(
                path: .init(org: org, usergroup: usergroup), body: .json(.init(description: description))
            ).ok
        }
    }

    /// `DELETE /v1/orgs/{org}/usergroups/{usergroup}`, with its memberships and roles.
    @discardableResult
    public func deleteUsergroup(org: String, usergroup: String) async throws -> DeletionOutcome {
        try await deleteTolerant {
            try await connection.perform("deleteUsergroup", ResourceAddress.usergroup(org, usergroup).description) {
                _ = try await client.AdminService_DeleteUsergroup(path: .init(org: org, usergroup: usergroup)).ok
            }
        }
    }

    /// `PUT /v1/orgs/{org}/usergroups/{usergroup}/members/{email}`. Being in the group already (409, e.g. a resend
    /// of this very call) is the goal, not a failure.
    public func addUsergroupMember(org: String, usergroup: String, email: String) async throws {
        let resource = ResourceAddress.usergroupMember(org, usergroup: usergroup, email: email).description
        do {
            try await connection.perform("addUsergroupMember", resource) {
                _ = try await client.AdminService_AddUsergroupMemberUser(
                    path: .init(org: org, usergroup: usergroup, email: email), body: .json(.init())
                ).ok
            }
        } catch let error as RillAPIError where error.kind == .alreadyExists {
            connection.logger.debug("addUsergroupMember \(resource): already a member")
        }
    }

    /// `DELETE /v1/orgs/{org}/usergroups/{usergroup}/members/{email}`.
    @discardableResult
    public func removeUsergroupMember(org: String, usergroup: String, email: String) async throws -> DeletionOutcome {
        let resource = ResourceAddress.usergroupMember(org, usergroup: usergroup, email: email).description
        return try await deleteTolerant {
            try await connection.perform("removeUsergroupMember", resource) {
                _ = try await client.AdminService_RemoveUsergroupMemberUser(
                    path: .init(org: org, usergroup: usergroup, email: email)
                ).ok
            }
        }
    }

    /// `POST /v1/orgs/{org}/usergroups/{usergroup}/role`: gives a group without an org role one (409 if it has one).
    public func addUsergroupOrgRole(org: String, usergroup: String, role: OrgRole) async throws {
        let resource = ResourceAddress.usergroup(org, usergroup).description
        _ = try await createResolvingAmbiguity("addUsergroupOrgRole", resource) {
            try await connection.perform("addUsergroupOrgRole", resource) {
                _ = try await client.AdminService_AddOrganizationMemberUsergroup(
                    path: .init(org: org, usergroup: usergroup), body: .json(.init(role: role.rawValue))
                ).ok
                return true
            }
        } lookup: {
            try await reader.listUsergroups(org: org).first { $0.name == usergroup }?.orgRole == role ? true : nil
        }
    }

    /// `PUT /v1/orgs/{org}/usergroups/{usergroup}/role`: changes an existing org role (404 when it has none).
    public func setUsergroupOrgRole(org: String, usergroup: String, role: OrgRole) async throws {
        try await connection.perform("setUsergroupOrgRole", ResourceAddress.usergroup(org, usergroup).description) {
            _ = try await client.AdminService_SetOrganizationMemberUsergroupRole(
                path: .init(org: org, usergroup: usergroup), body: .json(.init(role: role.rawValue))
            ).ok
        }
    }

    /// `DELETE /v1/orgs/{org}/usergroups/{usergroup}/role`.
    @discardableResult
    public func removeUsergroupOrgRole(org: String, usergroup: String) async throws -> DeletionOutcome {
        try await deleteTolerant {
            try await connection.perform("removeUsergroupOrgRole", ResourceAddress.usergroup(org, usergroup).description) {
                _ = try await client.AdminService_RemoveOrganizationMemberUsergroup(
                    path: .init(org: org, usergroup: usergroup)
                ).ok
            }
        }
    }

    /// `POST /v1/orgs/{org}/projects/{project}/usergroups/{usergroup}/roles`: a project role for a group without
    /// one on that project (409 if it has one).
    public func addUsergroupProjectRole(org: String, usergroup: String, project: String, role: ProjectRole) async throws {
        let resource = ResourceAddress.usergroupProjectRole(org, usergroup: usergroup, project: project).description
        _ = try await createResolvingAmbiguity("addUsergroupProjectRole", resource) {
            try await connection.perform("addUsergroupProjectRole", resource) {
                _ = try await client.AdminService_AddProjectMemberUsergroup(
                    path: .init(org: org, project: project, usergroup: usergroup),
                    body: .json(.init(role: role.rawValue))
                ).ok
                return true
            }
        } lookup: {
            try await reader.listProjectUsergroups(org: org, project: project)[usergroup] == role ? true : nil
        }
    }

    /// `PUT /v1/orgs/{org}/projects/{project}/usergroups/{usergroup}/roles`: changes an existing project role.
    public func setUsergroupProjectRole(org: String, usergroup: String, project: String, role: ProjectRole) async throws {
        let resource = ResourceAddress.usergroupProjectRole(org, usergroup: usergroup, project: project).description
        try await connection.perform("setUsergroupProjectRole", resource) {
            _ = try await client.AdminService_SetProjectMemberUsergroupRole(
                path: .init(org: org, project: project, usergroup: usergroup), body: .json(.init(role: role.rawValue))
            ).ok
        }
    }

    /// `DELETE /v1/orgs/{org}/projects/{project}/usergroups/{usergroup}/roles`.
    @discardableResult
    public func removeUsergroupProjectRole(org: String, usergroup: String, project: String) async throws
        -> DeletionOutcome
    {
        let resource = ResourceAddress.usergroupProjectRole(org, usergroup: usergroup, project: project).description
        return try await deleteTolerant {
            try await connection.perform("removeUsergroupProjectRole", resource) {
                _ = try await client.AdminService_RemoveProjectMemberUsergroup(
                    path: .init(org: org, project: project, usergroup: usergroup)
                ).ok
            }
        }
    }

    // MARK: Project members

    /// `POST /v1/orgs/{org}/projects/{project}/members` with the fields of `values` (role, restriction, resources).
    /// Returns true when Rill invited (the email has no Rill account).
    public func addProjectMember(org: String, project: String, email: String, values: LiveValues<ProjectMemberField>)
        async throws -> Bool
    {
        let resource = ResourceAddress.projectMember(org, project: project, email: email).description
        var body = Operations.AdminService_AddProjectMemberUser.Input.Body.jsonPayload(email: email)
        for field in values.fields {
            if let value = values[field] { field.set(value, in: &body) }
        }
        let payload = body
        return try await createResolvingAmbiguity("addProjectMember", resource) {
            try await connection.perform("addProjectMember", resource) {
                try await client.AdminService_AddProjectMemberUser(
                    path: .init(org: org, project: project), body: .json(payload)
                ).ok.body.json.pendingSignup ?? false
            }
        } lookup: {
            try await reader.projectPeople(org: org, project: project)[email.lowercased()].map(\.isPendingInvite)
        }
    }

    /// `PUT /v1/orgs/{org}/projects/{project}/members/{email}`: the fields of `values`; the others keep their value.
    public func setProjectMember(org: String, project: String, email: String, values: LiveValues<ProjectMemberField>)
        async throws
    {
        let resource = ResourceAddress.projectMember(org, project: project, email: email).description
        var body = Operations.AdminService_SetProjectMemberUserRole.Input.Body.jsonPayload()
        for field in values.fields {
            if let value = values[field] { field.set(value, in: &body) }
        }
        let payload = body
        try await connection.perform("setProjectMember", resource) {
            _ = try await client.AdminService_SetProjectMemberUserRole(
                path: .init(org: org, project: project, email: email), body: .json(payload)
            ).ok
        }
    }

    /// `DELETE /v1/orgs/{org}/projects/{project}/members/{email}`: the direct role or the pending project invite.
    @discardableResult
    public func removeProjectMember(org: String, project: String, email: String) async throws -> DeletionOutcome {
        let resource = ResourceAddress.projectMember(org, project: project, email: email).description
        return try await deleteTolerant {
            try await connection.perform("removeProjectMember", resource) {
                _ = try await client.AdminService_RemoveProjectMemberUser(
                    path: .init(org: org, project: project, email: email)
                ).ok
            }
        }
    }

    // MARK: Allowed domains

    /// `POST /v1/orgs/{org}/whitelisted`. Rill accepts it only from a user token whose email is at `domain`.
    public func createAllowedDomain(org: String, domain: String, role: OrgRole) async throws {
        let resource = ResourceAddress.allowedDomain(org, domain: domain).description
        _ = try await createResolvingAmbiguity("createAllowedDomain", resource) {
            try await connection.perform("createAllowedDomain", resource) {
                _ = try await client.AdminService_CreateWhitelistedDomain(
                    path: .init(org: org), body: .json(.init(domain: domain, role: role.rawValue))
                ).ok
                return true
            }
        } lookup: {
            try await reader.listAllowedDomains(org: org).contains { $0.domain == domain.lowercased() } ? true : nil
        }
    }

    /// `DELETE /v1/orgs/{org}/whitelisted/{domain}` (members who joined through it stay).
    @discardableResult
    public func removeAllowedDomain(org: String, domain: String) async throws -> DeletionOutcome {
        try await deleteTolerant {
            try await connection.perform("removeAllowedDomain", ResourceAddress.allowedDomain(org, domain: domain).description) {
                _ = try await client.AdminService_RemoveWhitelistedDomain(path: .init(org: org, domain: domain)).ok
            }
        }
    }

    /// `POST /v1/orgs/{org}/projects/{project}/whitelisted`; the same ownership rule as for org domains.
    public func createProjectAllowedDomain(org: String, project: String, domain: String, role: ProjectRole) async throws {
        let resource = ResourceAddress.projectAllowedDomain(org, project: project, domain: domain).description
        _ = try await createResolvingAmbiguity("createProjectAllowedDomain", resource) {
            try await connection.perform("createProjectAllowedDomain", resource) {
                _ = try await client.AdminService_CreateProjectWhitelistedDomain(
                    path: .init(org: org, project: project), body: .json(.init(domain: domain, role: role.rawValue))
                ).ok
                return true
            }
        } lookup: {
            try await reader.listProjectAllowedDomains(org: org, project: project)
                .contains { $0.domain == domain.lowercased() } ? true : nil
        }
    }

    /// `DELETE /v1/orgs/{org}/projects/{project}/whitelisted/{domain}`.
    @discardableResult
    public func removeProjectAllowedDomain(org: String, project: String, domain: String) async throws -> DeletionOutcome {
        let resource = ResourceAddress.projectAllowedDomain(org, project: project, domain: domain).description
        return try await deleteTolerant {
            try await connection.perform("removeProjectAllowedDomain", resource) {
                _ = try await client.AdminService_RemoveProjectWhitelistedDomain(
                    path: .init(org: org, project: project, domain: domain)
                ).ok
            }
        }
    }
}
