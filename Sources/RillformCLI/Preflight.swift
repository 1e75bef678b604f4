import RillformAPI
import RillformModel
import RillformPlan

/// Before anything is read or written: who the token is and whether it may do what the run needs, reported as
/// ONE message listing everything missing (exit 3), instead of a half-read plan or a 403 halfway through apply.
/// Each finding is a diagnostic with a preflight code (RF330–RF332).
///
/// Rules (see Rill's permission model): reading services and private projects needs org admin (`manageOrg`),
/// so every existing org in scope needs it; a service token without it would see only public projects and the
/// plan would be wrong. Orgs that do not exist yet are created, which needs a user token.
enum Preflight {
    /// Everything the caller lacks for `orgs`, one error each, sorted by org; empty when the run may proceed.
    static func problems(_ access: CallerAccess, orgs: [String]) -> [Diagnostic] {
        if access.caller == .anonymous {
            return [Diagnostic(.noAPIToken, "no API token is set (RILL_API_TOKEN or --api-token-file)")]
        }
        let isUser = if case .user = access.caller { true } else { false }
        var problems: [Diagnostic] = []
        for org in Set(orgs).sorted() {
            guard let permissions = access.orgs[org]?.permissions else {
                if !isUser {
                    problems.append(Diagnostic(.orgNotCreatable, "org.\(org): does not exist or is not visible to "
                        + "this token; creating an org needs a user token, and this is a service token"))
                }
                continue
            }
            guard permissions.manageOrg else {
                var line = "org.\(org): needs org admin (manageOrg) to read services and private projects and to "
                    + "apply; the token has \(level(permissions)) permissions"
                if !isUser { line += " (a service token without org admin sees only public projects)" }
                problems.append(Diagnostic(.orgAdminMissing, line))
                continue
            }
        }
        return problems
    }

    /// `admin`, `editor`, `viewer`, `guest` or `no`, from the permission flags.
    static func level(_ permissions: OrgPermissions) -> String {
        if permissions.admin || permissions.manageOrg { return "admin" }
        if permissions.createProjects { return "editor" }
        if permissions.guest { return "guest" }
        if permissions.readOrg { return "viewer" }
        return "no"
    }

    /// The caller as the pure lockout guard needs it.
    static func identity(_ access: CallerAccess) -> RunningIdentity {
        let isUser = if case .user = access.caller { true } else { false }
        var serviceNames: [String: String] = [:]
        var adminOrgs: Set<String> = []
        for (org, orgAccess) in access.orgs {
            if let name = orgAccess.serviceName { serviceNames[org] = name }
            if orgAccess.permissions?.manageOrg == true { adminOrgs.insert(org) }
        }
        let email: String? = if case .user(_, let email) = access.caller { email.lowercased() } else { nil }
        return RunningIdentity(isUser: isUser, description: access.caller.description, serviceNames: serviceNames,
                               adminOrgs: adminOrgs, email: email)
    }
}

extension PlanningWorkflow {
    /// Identifies the token and checks it against `orgs` (a few GETs per org). Prints the refusal (one coded
    /// diagnostic per finding) and throws exit status 3 when something is missing.
    static func preflight(orgs: [String], reader: RillAdminReader, parallelism: Int) async throws -> CallerAccess {
        let access = try await LiveStateReader(reader: reader).identify(orgs: orgs, parallelism: parallelism)
        let problems = Preflight.problems(access, orgs: orgs)
        guard problems.isEmpty else {
            Terminal.standardError.write(
                "Error: preflight: \(access.caller) cannot run this against \(orgs.count == 1 ? "org" : "orgs") "
                    + "\(orgs.sorted().joined(separator: ", ")):\n"
                    + problems.map { "  - \($0.description)\n" }.joined()
                    + "Nothing was planned or changed. Use a token with the missing permissions.\n")
            throw CommandError(.refusedBySafetyGuard)
        }
        return access
    }
}
