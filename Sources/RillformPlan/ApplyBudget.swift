import RillformModel

/// One per-method rate limit as Rill's admin server applies it (GCRA, redis_rate's `PerMinute`): a burst of
/// `burst` calls, then `requestsPerMinute / 60` calls a second. Rill limits every method separately, per caller.
public struct APIRateLimit: Sendable, Hashable {
    /// Steady-state calls per minute, per method.
    public var requestsPerMinute: Int
    /// Calls per method that may go back to back before the steady rate applies.
    public var burst: Int

    /// Creates a limit; values below 1 become 1.
    public init(requestsPerMinute: Int, burst: Int) {
        self.requestsPerMinute = max(1, requestsPerMinute)
        self.burst = max(1, burst)
    }

    /// Rill Cloud's `ratelimit.Default`: 180 a minute, burst 180 (3 a second after the burst).
    public static let rill = APIRateLimit(requestsPerMinute: 180, burst: 180)

    /// The shortest time `calls` calls of one method can take under this limit: the first `burst` go at once,
    /// each further one waits one emission interval (`60 / requestsPerMinute` seconds).
    public func minimumSeconds(calls: Int) -> Double {
        Double(max(0, calls - burst)) * 60 / Double(requestsPerMinute)
    }
}

/// The API calls `apply` will make for a plan's changes, per method (Rill's operationIds, e.g.
/// `AdminService_CreateService`), and the lower bound on its duration under per-method rate limits:
/// `max over methods of max(0, calls − burst) / rate`. Latency, retries, 429 waits, the lookups after an
/// ambiguous failure, `--wait` polling and the reads that planning does are not included.
///
/// The mapping mirrors `PlanExecutor` (RillformApply), which is where plan fields become calls.
public struct ApplyBudget: Sendable, Hashable {
    /// Calls per operationId; methods with no calls are absent.
    public var callsByMethod: [String: Int]
    /// The limit every method is paced by.
    public var limit: APIRateLimit

    /// Creates a budget from counted calls.
    public init(callsByMethod: [String: Int], limit: APIRateLimit = .rill) {
        self.callsByMethod = callsByMethod.filter { $0.value > 0 }
        self.limit = limit
    }

    /// Counts the calls for every change of a plan.
    public init(plan: Plan) {
        self.init(changes: plan.changes, limit: plan.apiRateLimit)
    }

    /// Counts the calls for these changes (a plan's `changes`).
    public init(changes: [ResourceChange], limit: APIRateLimit = .rill) {
        let granted = ApplyBudget.projectRolesGrantedByServiceCreates(changes)
        var calls: [String: Int] = [:]
        for change in changes {
            for (method, count) in ApplyBudget.calls(for: change, grantedByServiceCreate: granted.contains(change.address)) {
                calls[method, default: 0] += count
            }
        }
        self.init(callsByMethod: calls, limit: limit)
    }

    /// All calls across methods.
    public var totalCalls: Int { callsByMethod.values.reduce(0, +) }

    /// The lower bound on apply's duration, in seconds: the slowest method under the limit (methods proceed in
    /// parallel because Rill limits each separately).
    public var minimumSeconds: Double {
        callsByMethod.values.map(limit.minimumSeconds(calls:)).max() ?? 0
    }

    /// The method that sets the lower bound (most calls; ties by name), nil without calls.
    public var slowestMethod: String? {
        callsByMethod.max { ($0.value, $1.key) < ($1.value, $0.key) }?.key
    }

    /// Methods by descending call count, then name: the order reports list them in.
    public var sortedMethods: [(method: String, calls: Int)] {
        callsByMethod.sorted { ($1.value, $0.key) < ($0.value, $1.key) }.map { ($0.key, $0.value) }
    }

    // MARK: - The executor's calls

    /// The calls `PlanExecutor` makes for one change. A replace is its delete, then its create.
    /// `grantedByServiceCreate`: a project-role create that the service's create already performs costs nothing.
    public static func calls(for change: ResourceChange, grantedByServiceCreate: Bool = false) -> [String: Int] {
        var calls: [String: Int] = [:]
        func add(_ method: String, _ count: Int = 1) {
            if count > 0 { calls["AdminService_" + method, default: 0] += count }
        }
        switch change.operation {
        case .noOp:
            break
        case .create:
            if !grantedByServiceCreate { createCalls(change, add) }
        case .update:
            updateCalls(change, add)
        case .delete:
            deleteCalls(change, add)
        case .replace:
            deleteCalls(change, add)
            createCalls(change, add)
        }
        return calls
    }

    private static func createCalls(_ change: ResourceChange, _ add: (String, Int) -> Void) {
        switch change.kind {
        case .org:
            add("CreateOrganization", 1)
            // Billing email and default project role are not create fields: a follow-up update sets them.
            if value(change, "billing_email")?.stringValue != nil || value(change, "default_project_role")?.stringValue != nil {
                add("UpdateOrganization", 1)
            }
        case .project:
            add("CreateProject", 1)
            // CreateProject has no TTL field: an update right after sets it.
            if value(change, "prod_ttl_seconds")?.intValue != nil { add("UpdateProject", 1) }
        case .deployment:
            add("CreateDeployment", 1)
            if value(change, "state")?.stringValue == DeploymentState.stopped.rawValue { add("StopDeployment", 1) }
        case .service:
            // One call, with the org role or the initial project role.
            add("CreateService", 1)
        case .serviceProjectRole:
            add("SetProjectMemberServiceRole", 1)
        case .serviceToken:
            tokenCalls(change, add)
        case .member:
            add("AddOrganizationMemberUser", 1)
            if let attributes = value(change, "attributes")?.objectValue, !attributes.isEmpty {
                add("UpdateOrganizationMemberUserAttributes", 1)
            }
        case .usergroup:
            add("CreateUsergroup", 1)
            if let description = value(change, "description")?.stringValue, !description.isEmpty {
                add("EditUsergroup", 1)
            }
            if value(change, "org_role")?.stringValue != nil { add("AddOrganizationMemberUsergroup", 1) }
        case .usergroupMember: add("AddUsergroupMemberUser", 1)
        case .usergroupProjectRole: add("AddProjectMemberUsergroup", 1)
        case .projectMember: add("AddProjectMemberUser", 1)
        case .allowedDomain: add("CreateWhitelistedDomain", 1)
        case .projectAllowedDomain: add("CreateProjectWhitelistedDomain", 1)
        }
    }

    private static func updateCalls(_ change: ResourceChange, _ add: (String, Int) -> Void) {
        switch change.kind {
        case .org:
            let keys = ["display_name", "description", "billing_email", "default_project_role"]
            if keys.contains(where: { value(change, $0)?.stringValue != nil }) { add("UpdateOrganization", 1) }
        case .project:
            if change.rename != nil || projectFieldsSet(change) { add("UpdateProject", 1) }
        case .deployment:
            guard let state = value(change, "state")?.stringValue.flatMap(DeploymentState.init(rawValue:)) else { return }
            if !hasLiveID(change) { add("ListDeployments", 1) }
            add(state == .running ? "StartDeployment" : "StopDeployment", 1)
        case .service:
            if change.rename != nil || change.fieldChange("attributes")?.after?.objectValue != nil {
                add("UpdateService", 1)
            }
            if let role = change.fieldChange("org_role") {
                let setsRole = role.after?.stringValue.flatMap(OrgRole.init(rawValue:)) != nil
                add(setsRole ? "SetOrganizationMemberServiceRole" : "RemoveOrganizationMemberService", 1)
            }
        case .serviceProjectRole:
            add("SetProjectMemberServiceRole", 1)
        case .serviceToken:
            tokenCalls(change, add)
        case .member:
            if change.fieldChange("org_role") != nil { add("SetOrganizationMemberUserRole", 1) }
            if change.fieldChange("attributes") != nil { add("UpdateOrganizationMemberUserAttributes", 1) }
        case .usergroup:
            if change.rename != nil { add("RenameUsergroup", 1) }
            if change.fieldChange("description") != nil { add("EditUsergroup", 1) }
            if let role = change.fieldChange("org_role") {
                add(role.before?.stringValue == nil ? "AddOrganizationMemberUsergroup" : "SetOrganizationMemberUsergroupRole", 1)
            }
        case .usergroupMember, .allowedDomain, .projectAllowedDomain:
            break  // no updates: memberships exist or not; a domain's new role replaces it
        case .usergroupProjectRole: add("SetProjectMemberUsergroupRole", 1)
        case .projectMember: add("SetProjectMemberUserRole", 1)
        }
    }

    private static func deleteCalls(_ change: ResourceChange, _ add: (String, Int) -> Void) {
        switch change.kind {
        case .org: add("DeleteOrganization", 1)
        case .project: add("DeleteProject", 1)
        case .deployment:
            if !hasLiveID(change) { add("ListDeployments", 1) }
            add("DeleteDeployment", 1)
        case .service: add("DeleteService", 1)
        case .serviceProjectRole: add("RemoveProjectMemberService", 1)
        case .serviceToken: add("RevokeServiceAuthToken", change.tokenChange?.revokeIDs.count ?? 0)
        case .member: add("RemoveOrganizationMemberUser", 1)
        case .usergroup: add("DeleteUsergroup", 1)
        case .usergroupMember: add("RemoveUsergroupMemberUser", 1)
        case .usergroupProjectRole: add("RemoveProjectMemberUsergroup", 1)
        case .projectMember: add("RemoveProjectMemberUser", 1)
        case .allowedDomain: add("RemoveWhitelistedDomain", 1)
        case .projectAllowedDomain: add("RemoveProjectWhitelistedDomain", 1)
        }
    }

    /// Each issue lists the tokens before (to recognise a token whose secret was lost) and after (to find the new
    /// token's id for the sink); then the revokes.
    private static func tokenCalls(_ change: ResourceChange, _ add: (String, Int) -> Void) {
        guard let tokens = change.tokenChange else { return }
        add("IssueServiceAuthToken", tokens.issue)
        add("ListServiceAuthTokens", 2 * tokens.issue)
        add("RevokeServiceAuthToken", tokens.revokeIDs.count)
    }

    private static func value(_ change: ResourceChange, _ field: String) -> JSONValue? {
        change.fieldChange(field)?.after
    }

    /// A deployment without a live id (the prod deployment its project's create makes) is looked up first.
    private static func hasLiveID(_ change: ResourceChange) -> Bool {
        !(change.live?.id ?? "").isEmpty
    }

    private static func projectFieldsSet(_ change: ResourceChange) -> Bool {
        ["description", "git_remote", "primary_branch", "subpath", "prod_version", "provisioner"]
            .contains { value(change, $0)?.stringValue != nil }
            || value(change, "public")?.boolValue != nil
            || value(change, "prod_slots")?.intValue != nil
            || value(change, "prod_ttl_seconds")?.intValue != nil
    }

    /// Project-role creates that a service create in the same changes already performs (Rill creates a service
    /// together with one role): applying them costs no call. The applier uses this too, so budget and apply agree.
    public static func projectRolesGrantedByServiceCreates(_ changes: [ResourceChange]) -> Set<ResourceAddress> {
        let byAddress = Dictionary(changes.map { ($0.address, $0) }, uniquingKeysWith: { first, _ in first })
        var granted: Set<ResourceAddress> = []
        for change in changes where change.kind == .service && change.actions.contains(.create) {
            guard let initial = change.initialProjectRole else { continue }
            let address = ResourceAddress.serviceProjectRole(
                change.address.org, service: change.address.name, project: initial.project)
            guard let role = byAddress[address], role.operation == .create,
                  role.fieldChange("project_roles.\(initial.project)")?.after?.stringValue == initial.role.rawValue
            else { continue }
            granted.insert(address)
        }
        return granted
    }
}
