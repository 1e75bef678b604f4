import Foundation
import OpenAPIRuntime
import RillformModel

// Generated wire types → RillformModel values. Missing fields become the zero value (protojson omits some and
// sends `null` for others); int64 fields arrive as strings.

enum WireInt64 {
    /// `"2"` → 2; missing or `""` → 0. A value that is not an integer is a protocol violation.
    static func parse(_ text: String?, field: String) throws -> Int {
        guard let text, !text.isEmpty else { return 0 }
        guard let value = Int(text) else {
            throw RillAPIError(kind: .invalidResponse, operation: "decode",
                               message: "field \(field) is not an integer: '\(text.prefix(40))'")
        }
        return value
    }

    static func format(_ value: Int?) -> String? { value.map(String.init) }
}

enum WireAttributes {
    /// A free JSON object (`google.protobuf.Struct`) → JSON values.
    static func decode(_ container: OpenAPIObjectContainer?) throws -> [String: JSONValue] {
        guard let container else { return [:] }
        let data = try JSONEncoder().encode(container)
        return try JSONDecoder().decode([String: JSONValue].self, from: data)
    }

    static func encode(_ attributes: [String: JSONValue]) throws -> OpenAPIObjectContainer {
        let data = try JSONEncoder().encode(attributes)
        return try JSONDecoder().decode(OpenAPIObjectContainer.self, from: data)
    }
}

extension OrgPermissions {
    init(_ wire: Components.Schemas.v1OrganizationPermissions?) {
        self.init(
            admin: wire?.admin ?? false, guest: wire?.guest ?? false, readOrg: wire?.readOrg ?? false,
            manageOrg: wire?.manageOrg ?? false, readProjects: wire?.readProjects ?? false,
            createProjects: wire?.createProjects ?? false, manageProjects: wire?.manageProjects ?? false,
            readOrgMembers: wire?.readOrgMembers ?? false, manageOrgMembers: wire?.manageOrgMembers ?? false,
            manageOrgAdmins: wire?.manageOrgAdmins ?? false)
    }
}

extension ProjectPermissions {
    init(_ wire: Components.Schemas.v1ProjectPermissions?) {
        self.init(
            admin: wire?.admin ?? false, readProject: wire?.readProject ?? false,
            manageProject: wire?.manageProject ?? false, readProd: wire?.readProd ?? false,
            manageProd: wire?.manageProd ?? false, readDev: wire?.readDev ?? false,
            manageDev: wire?.manageDev ?? false, readProjectMembers: wire?.readProjectMembers ?? false,
            manageProjectMembers: wire?.manageProjectMembers ?? false,
            manageProjectAdmins: wire?.manageProjectAdmins ?? false)
    }
}

extension RoleCatalog {
    init(_ wire: Components.Schemas.v1ListRolesResponse) {
        self.init(
            orgRoles: (wire.organizationRoles ?? []).map {
                OrgRoleDefinition(id: $0.id ?? "", name: $0.name ?? "", permissions: OrgPermissions($0.permissions))
            },
            projectRoles: (wire.projectRoles ?? []).map {
                ProjectRoleDefinition(id: $0.id ?? "", name: $0.name ?? "",
                                      permissions: ProjectPermissions($0.permissions))
            })
    }
}

// MARK: Managed fields
// One exhaustive switch per kind and direction: a new field case does not compile until it is read from and
// written to the wire here.

extension OrgField {
    /// The live value of this field in a wire organization; `defaultProjectRole` is resolved from its id by the caller.
    func liveValue(_ wire: Components.Schemas.v1Organization, defaultProjectRole: String) -> FieldValue {
        switch self {
        case .displayName: .string(wire.displayName ?? "")
        case .description: .string(wire.description ?? "")
        case .billingEmail: .string(wire.billingEmail ?? "")
        case .defaultProjectRole: .string(defaultProjectRole)
        }
    }

    /// Sets this field in a `CreateOrganization` body; false when the create has no such field.
    func set(_ value: FieldValue, in body: inout Components.Schemas.v1CreateOrganizationRequest)
        -> Bool
    {
        switch self {
        case .displayName: body.displayName = value.stringValue
        case .description: body.description = value.stringValue
        case .billingEmail, .defaultProjectRole: return false
        }
        return true
    }

    func set(_ value: FieldValue, in body: inout Operations.AdminService_UpdateOrganization.Input.Body.jsonPayload) {
        switch self {
        case .displayName: body.displayName = value.stringValue
        case .description: body.description = value.stringValue
        case .billingEmail: body.billingEmail = value.stringValue
        case .defaultProjectRole: body.defaultProjectRole = value.stringValue
        }
    }
}

extension ProjectField {
    func liveValue(_ wire: Components.Schemas.v1Project) throws -> FieldValue {
        switch self {
        case .description: .string(wire.description ?? "")
        case .isPublic: .bool(wire._public ?? false)
        case .gitRemote: .string(wire.gitRemote ?? "")
        // v0.78 renamed `prodBranch`; read whichever the server sent.
        case .primaryBranch: .string(LiveProject.firstNonEmpty(wire.primaryBranch, wire.prodBranch))
        case .subpath: .string(wire.subpath ?? "")
        case .prodSlots: .integer(try WireInt64.parse(wire.prodSlots, field: wireName))
        case .prodVersion: .string(wire.prodVersion ?? "")
        case .prodTtlSeconds: .integer(try WireInt64.parse(wire.prodTtlSeconds, field: wireName))
        case .provisioner: .string(wire.provisioner ?? "")
        }
    }

    /// Sets this field in a `CreateProject` body; false when the create has no such field
    /// (``ManagedField/acceptedByCreate``).
    func set(_ value: FieldValue, in body: inout Operations.AdminService_CreateProject.Input.Body.jsonPayload) -> Bool {
        switch self {
        case .description: body.description = value.stringValue
        case .isPublic: body._public = value.boolValue
        case .gitRemote: body.gitRemote = value.stringValue
        case .primaryBranch: body.primaryBranch = value.stringValue
        case .subpath: body.subpath = value.stringValue
        case .prodSlots: body.prodSlots = WireInt64.format(value.integerValue)
        case .prodVersion: body.prodVersion = value.stringValue
        case .provisioner: body.provisioner = value.stringValue
        case .prodTtlSeconds: return false
        }
        return true
    }

    func set(_ value: FieldValue, in body: inout Operations.AdminService_UpdateProject.Input.Body.jsonPayload) {
        switch self {
        case .description: body.description = value.stringValue
        case .isPublic: body._public = value.boolValue
        case .gitRemote: body.gitRemote = value.stringValue
        case .primaryBranch: body.primaryBranch = value.stringValue
        case .subpath: body.subpath = value.stringValue
        case .prodSlots: body.prodSlots = WireInt64.format(value.integerValue)
        case .prodVersion: body.prodVersion = value.stringValue
        case .prodTtlSeconds: body.prodTtlSeconds = WireInt64.format(value.integerValue)
        case .provisioner: body.provisioner = value.stringValue
        }
    }
}

extension ServiceField {
    /// The live value in the org-level service listing; nil for a service without an org role.
    func liveValue(_ wire: Components.Schemas.v1OrganizationMemberService) throws -> FieldValue? {
        switch self {
        case .orgRole: LiveService.orgRole(wire.roleName).map { .string($0.rawValue) }
        case .attributes: .object(try WireAttributes.decode(wire.attributes))
        }
    }

    /// The live value in a create or update response, which carries no roles.
    func liveValue(_ wire: Components.Schemas.v1Service) throws -> FieldValue? {
        switch self {
        case .orgRole: nil
        case .attributes: .object(try WireAttributes.decode(wire.attributes))
        }
    }
}

extension MemberField {
    /// The live value of a member as listed.
    func liveValue(_ wire: Components.Schemas.v1OrganizationMemberUser) throws -> FieldValue? {
        switch self {
        case .orgRole: LiveService.orgRole(wire.roleName).map { .string($0.rawValue) }
        case .attributes: .object(try WireAttributes.decode(wire.attributes))
        }
    }

    /// The live value of a pending invite, which has no attributes.
    func liveValue(_ wire: Components.Schemas.v1OrganizationInvite) -> FieldValue? {
        switch self {
        case .orgRole: LiveService.orgRole(wire.roleName).map { .string($0.rawValue) }
        case .attributes: .object([:])
        }
    }
}

extension UsergroupField {
    /// The live value in the org's usergroup listing, which carries the org role but no description.
    func liveValue(_ wire: Components.Schemas.v1MemberUsergroup) -> FieldValue? {
        switch self {
        case .description: nil
        case .orgRole: LiveService.orgRole(wire.roleName).map { .string($0.rawValue) }
        }
    }

    /// The live value in `GetUsergroup` and `CreateUsergroup`, which carry the description but no role.
    func liveValue(_ wire: Components.Schemas.v1Usergroup) -> FieldValue? {
        switch self {
        case .description: .string(wire.groupDescription ?? "")
        case .orgRole: nil
        }
    }
}

extension UsergroupProjectRoleField {
    /// A group's role in a project's usergroup listing.
    func liveValue(_ wire: Components.Schemas.v1MemberUsergroup) -> FieldValue? {
        switch self {
        case .projectRoles: ProjectRole(rawValue: wire.roleName ?? "").map { .string($0.rawValue) }
        }
    }
}

extension ProjectMemberField {
    /// `explore/NAME` for Rill's `{type: rill.runtime.v1.Explore, name: NAME}`; a type rillform has no short
    /// name for keeps its full name (`TYPE/NAME`), so a comparison still sees it.
    static func resource(_ wire: Components.Schemas.v1ResourceName) -> String {
        let type = wire._type ?? ""
        let short = resourceKinds.first { $0.value == type }?.key ?? type
        return "\(short)/\(wire.name ?? "")"
    }

    /// `explore/NAME` → `{type: rill.runtime.v1.Explore, name: NAME}`; nil for an entry of an unknown kind.
    static func wireResource(_ resource: String) -> Components.Schemas.v1ResourceName? {
        guard let slash = resource.firstIndex(of: "/") else { return nil }
        let kind = String(resource[..<slash])
        guard let type = resourceKinds[kind] else { return nil }
        return .init(_type: type, name: String(resource[resource.index(after: slash)...]))
    }

    static func wireResources(_ value: FieldValue) -> [Components.Schemas.v1ResourceName]? {
        guard case .list(let items) = value else { return nil }
        return items.compactMap(wireResource)
    }

    func liveValue(role: String?, restrictResources: Bool?, resources: [Components.Schemas.v1ResourceName]?)
        -> FieldValue?
    {
        switch self {
        case .role: ProjectRole(rawValue: role ?? "").map { .string($0.rawValue) }
        case .restrictResources: .bool(restrictResources ?? false)
        case .resources: .list((resources ?? []).map(ProjectMemberField.resource).sorted())
        }
    }

    func set(_ value: FieldValue, in body: inout Operations.AdminService_AddProjectMemberUser.Input.Body.jsonPayload) {
        switch self {
        case .role: body.role = value.stringValue
        case .restrictResources: body.restrictResources = value.boolValue
        case .resources: body.resources = ProjectMemberField.wireResources(value)
        }
    }

    func set(_ value: FieldValue,
             in body: inout Operations.AdminService_SetProjectMemberUserRole.Input.Body.jsonPayload) {
        switch self {
        case .role: body.role = value.stringValue
        case .restrictResources: body.restrictResources = value.boolValue
        case .resources: body.resources = ProjectMemberField.wireResources(value)
        }
    }
}

extension AllowedDomainField {
    func liveValue(_ wire: Components.Schemas.v1WhitelistedDomain) -> FieldValue? {
        switch self {
        case .orgRole: LiveService.orgRole(wire.role).map { .string($0.rawValue) }
        }
    }
}

extension ProjectAllowedDomainField {
    func liveValue(_ wire: Components.Schemas.v1WhitelistedDomain) -> FieldValue? {
        switch self {
        case .role: ProjectRole(rawValue: wire.role ?? "").map { .string($0.rawValue) }
        }
    }
}

extension LiveMember {
    init(_ wire: Components.Schemas.v1OrganizationMemberUser) throws {
        self.init(email: (wire.userEmail ?? "").lowercased(), name: wire.userName ?? "")
        for field in MemberField.allCases { managed[field] = try field.liveValue(wire) }
    }

    init(_ wire: Components.Schemas.v1OrganizationInvite) {
        self.init(email: (wire.email ?? "").lowercased(), isPendingInvite: true, invitedBy: wire.invitedBy ?? "")
        for field in MemberField.allCases { managed[field] = field.liveValue(wire) }
    }

    /// Members and invites by lowercase email; a member wins over an invite of the same email (Rill deletes the
    /// invite at signup, but a listing may catch both).
    static func merged(members: [LiveMember], invites: [LiveMember]) -> [String: LiveMember] {
        var people: [String: LiveMember] = [:]
        for invite in invites where !invite.email.isEmpty { people[invite.email] = invite }
        for member in members where !member.email.isEmpty { people[member.email] = member }
        return people
    }
}

extension LiveUsergroup {
    init(_ wire: Components.Schemas.v1MemberUsergroup) {
        self.init(id: wire.groupId ?? "", name: wire.groupName ?? "")
        for field in UsergroupField.allCases { managed[field] = field.liveValue(wire) }
        // The listing has no description: "" until `GetUsergroup` says otherwise.
        managed[.description] = managed[.description] ?? .string("")
    }

    init(_ wire: Components.Schemas.v1Usergroup) {
        self.init(id: wire.groupId ?? "", name: wire.groupName ?? "")
        for field in UsergroupField.allCases { managed[field] = field.liveValue(wire) }
    }
}

extension LiveProjectMember {
    /// Nil for a member with a role rillform does not know.
    init?(_ wire: Components.Schemas.v1ProjectMemberUser) {
        self.init(email: wire.userEmail, isPendingInvite: false, role: wire.roleName,
                  restrictResources: wire.restrictResources, resources: wire.resources)
    }

    init?(_ wire: Components.Schemas.v1ProjectInvite) {
        self.init(email: wire.email, isPendingInvite: true, role: wire.roleName,
                  restrictResources: wire.restrictResources, resources: wire.resources)
    }

    private init?(email: String?, isPendingInvite: Bool, role: String?, restrictResources: Bool?,
                  resources: [Components.Schemas.v1ResourceName]?) {
        guard let email, !email.isEmpty, let known = ProjectRole(rawValue: role ?? "") else { return nil }
        self.init(email: email.lowercased(), isPendingInvite: isPendingInvite, role: known)
        for field in ProjectMemberField.allCases {
            managed[field] = field.liveValue(role: role, restrictResources: restrictResources, resources: resources)
        }
    }

    /// Members and invites by lowercase email; a member wins over an invite of the same email.
    static func merged(members: [LiveProjectMember], invites: [LiveProjectMember]) -> [String: LiveProjectMember] {
        var people: [String: LiveProjectMember] = [:]
        for invite in invites { people[invite.email] = invite }
        for member in members { people[member.email] = member }
        return people
    }
}

extension LiveAllowedDomain {
    /// Nil for a domain with a role rillform does not know.
    init?(_ wire: Components.Schemas.v1WhitelistedDomain) {
        guard let domain = wire.domain, !domain.isEmpty,
              let role = AllowedDomainField.orgRole.liveValue(wire)?.stringValue.flatMap(OrgRole.init(rawValue:))
        else { return nil }
        self.init(domain: domain.lowercased(), orgRole: role)
    }
}

extension LiveProjectAllowedDomain {
    init?(_ wire: Components.Schemas.v1WhitelistedDomain) {
        guard let domain = wire.domain, !domain.isEmpty,
              let role = ProjectAllowedDomainField.role.liveValue(wire)?.stringValue.flatMap(ProjectRole.init(rawValue:))
        else { return nil }
        self.init(domain: domain.lowercased(), role: role)
    }
}

extension LiveOrg {
    /// `defaultProjectRole` is the role's name; the wire carries its id, resolved by the caller.
    init(_ wire: Components.Schemas.v1Organization, defaultProjectRole: String) {
        var values = LiveValues<OrgField>()
        for field in OrgField.allCases {
            values[field] = field.liveValue(wire, defaultProjectRole: defaultProjectRole)
        }
        self.init(id: wire.id ?? "", name: wire.name ?? "", managed: values, updatedOn: wire.updatedOn)
    }
}

extension LiveProject {
    init(_ wire: Components.Schemas.v1Project) throws {
        var values = LiveValues<ProjectField>()
        for field in ProjectField.allCases {
            values[field] = try field.liveValue(wire)
        }
        self.init(
            id: wire.id ?? "", name: wire.name ?? "", managed: values,
            primaryDeploymentId: LiveProject.firstNonEmpty(wire.primaryDeploymentId, wire.prodDeploymentId),
            updatedOn: wire.updatedOn)
    }

    /// v0.78 renamed `prodBranch`/`prodDeploymentId`; read whichever the server sent.
    static func firstNonEmpty(_ current: String?, _ legacy: String?) -> String {
        if let current, !current.isEmpty { return current }
        return legacy ?? ""
    }
}

extension LiveDeployment {
    init(_ wire: Components.Schemas.v1Deployment) {
        self.init(
            id: wire.id ?? "", environment: wire.environment ?? "", branch: wire.branch ?? "",
            editable: wire.editable ?? false,
            status: (wire.status?.isEmpty ?? true) ? "DEPLOYMENT_STATUS_UNSPECIFIED" : (wire.status ?? ""),
            statusMessage: wire.statusMessage ?? "", updatedOn: wire.updatedOn)
    }
}

extension LiveService {
    /// From the org-level listing: org role and attributes; project roles are filled in separately.
    init(_ wire: Components.Schemas.v1OrganizationMemberService) throws {
        self.init(id: wire.id ?? "", name: wire.name ?? "", updatedOn: wire.updatedOn)
        for field in ServiceField.allCases {
            managed[field] = try field.liveValue(wire)
        }
    }

    /// From a create or update response, which carries no roles.
    init(_ wire: Components.Schemas.v1Service) throws {
        self.init(id: wire.id ?? "", name: wire.name ?? "", updatedOn: wire.updatedOn)
        for field in ServiceField.allCases {
            managed[field] = try field.liveValue(wire)
        }
    }

    static func orgRole(_ name: String?) -> OrgRole? {
        guard let name, !name.isEmpty else { return nil }
        return OrgRole(rawValue: name)
    }
}

extension LiveToken {
    init(_ wire: Components.Schemas.v1ServiceToken) {
        self.init(id: wire.id ?? "", prefix: wire.prefix ?? "", createdOn: wire.createdOn)
    }
}

/// One service's role on one project, from `ListProjectMemberServices`.
public struct ProjectServiceMembership: Sendable, Hashable {
    public var serviceId: String
    public var serviceName: String
    public var projectName: String
    /// `nil` when the server reports a role rillform does not know.
    public var projectRole: ProjectRole?
    /// The role name as the server sent it.
    public var projectRoleName: String
    /// The service's org role, `nil` when it has none.
    public var orgRole: OrgRole?

    public init(serviceId: String, serviceName: String, projectName: String, projectRole: ProjectRole?,
                projectRoleName: String, orgRole: OrgRole?) {
        self.serviceId = serviceId
        self.serviceName = serviceName
        self.projectName = projectName
        self.projectRole = projectRole
        self.projectRoleName = projectRoleName
        self.orgRole = orgRole
    }

    init(_ wire: Components.Schemas.v1ProjectMemberService, project: String) {
        let roleName = wire.projectRoleName ?? ""
        self.init(serviceId: wire.id ?? "", serviceName: wire.name ?? "",
                  projectName: (wire.projectName?.isEmpty ?? true) ? project : (wire.projectName ?? project),
                  projectRole: ProjectRole(rawValue: roleName), projectRoleName: roleName,
                  orgRole: LiveService.orgRole(wire.orgRoleName))
    }
}
