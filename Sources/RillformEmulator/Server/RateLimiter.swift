import Foundation

/// A `redis_rate.Limit`: `rate` requests per `period` seconds with a burst of `burst`.
struct RateLimit: Sendable, Equatable {
    var rate: Int
    var period: Double
    var burst: Int

    /// `redis_rate.PerMinute(n)`: burst equals the rate.
    static func perMinute(_ rate: Int, burst: Int? = nil) -> RateLimit {
        RateLimit(rate: rate, period: 60, burst: burst ?? rate)
    }

    /// `ratelimit.Default` (runtime/pkg/ratelimit/ratelimiter.go) on current servers: 180 per minute. Older
    /// servers used 60 per minute (`Sensitive` 10, `Public` 250 then; 30 and 750 now).
    static let rillDefault = perMinute(180)

    /// Seconds between two requests at the steady rate.
    var emissionInterval: Double { period / Double(rate) }
}

/// Rill's per-method, per-caller rate limiter: `checkRateLimit` (admin/server/server.go) keys on the gRPC method
/// and the token owner's id, or the client IP for anonymous callers, and asks `ratelimit.Redis.Limit`, which runs
/// redis_rate's GCRA Lua script. This is that script, in memory (state is lost on restart, like a flushed Redis).
actor RateLimiter {
    enum Decision: Sendable, Equatable {
        case allowed
        /// `RetryAfter` as Go computes it, in nanoseconds.
        case limited(retryAfterNanoseconds: Int64)
    }

    let limit: RateLimit
    /// Unix time in microseconds, Redis `TIME`'s resolution (tests inject a fake clock).
    private let clock: @Sendable () -> Int64
    /// Theoretical arrival time per key, in the script's epoch (seconds since 2017-01-01).
    private var tat: [String: Double] = [:]
    private var decisionsSincePrune = 0

    init(
        limit: RateLimit,
        clock: @escaping @Sendable () -> Int64 = { Int64((Date().timeIntervalSince1970 * 1_000_000).rounded(.down)) }
    ) {
        self.limit = limit
        self.clock = clock
    }

    /// redis_rate's `allowN` script with n = 1.
    func allow(_ key: String) -> Decision {
        let now = Self.scriptNow(unixMicroseconds: clock())
        let emissionInterval = limit.period / Double(limit.rate)
        let increment = emissionInterval
        let burstOffset = emissionInterval * Double(limit.burst)
        let current = max(tat[key] ?? now, now)
        let newTat = current + increment
        let allowAt = newTat - burstOffset
        let diff = now - allowAt
        let remaining = diff / emissionInterval
        if remaining < 0 {
            return .limited(retryAfterNanoseconds: Self.goDuration(luaSeconds: -diff))
        }
        if newTat - now > 0 { tat[key] = newTat }
        prune(now: now)
        return .allowed
    }

    /// Redis `TIME` (seconds and microseconds) relative to Jan 1, 2017, as the script computes it.
    static func scriptNow(unixMicroseconds micros: Int64) -> Double {
        Double(micros / 1_000_000 - 1_483_228_800) + Double(micros % 1_000_000) / 1_000_000
    }

    /// The script returns `tostring(retry_after)` (Lua's "%.14g"); Go parses it and truncates
    /// `f * float64(time.Second)` to a `time.Duration`.
    static func goDuration(luaSeconds: Double) -> Int64 {
        let text = String(format: "%.14g", luaSeconds)
        let parsed = Double(text) ?? luaSeconds
        return Int64(parsed * 1_000_000_000)
    }

    /// Keys whose TAT has passed behave as absent (Redis expires them); drop them now and then.
    private func prune(now: Double) {
        decisionsSincePrune += 1
        guard decisionsSincePrune >= 10_000 else { return }
        decisionsSincePrune = 0
        tat = tat.filter { $0.value > now }
    }

    /// `ratelimit.QuotaExceededError`'s text: `fmt.Sprintf("Rate limit exceeded. Try again in %v seconds", RetryAfter)`.
    static func message(retryAfterNanoseconds: Int64) -> String {
        "Rate limit exceeded. Try again in \(GoDuration.string(nanoseconds: retryAfterNanoseconds)) seconds"
    }

    /// `ratelimit.AuthLimitKey` / `AnonLimitKey`.
    static func key(method: String, principal: Principal, peer: String) -> String {
        switch principal {
        case .anonymous: "anon:\(method):\(peer)"
        case .user(let user): "auth:\(method):\(user.id)"
        case .service(let service): "auth:\(method):\(service.id)"
        }
    }
}

/// Go's `time.Duration.String()`: "0s", "1.5µs", "333.333015ms", "1.5s", "2m0s", "1h0m0s".
enum GoDuration {
    static func string(nanoseconds: Int64) -> String {
        let negative = nanoseconds < 0
        var u = nanoseconds.magnitude
        var out = ""
        if u < 1_000_000_000 {
            let unit: String
            let precision: Int
            switch u {
            case 0: return "0s"
            case ..<1_000: (unit, precision) = ("ns", 0)
            case ..<1_000_000: (unit, precision) = ("µs", 3)
            default: (unit, precision) = ("ms", 6)
            }
            let fraction: String
            (fraction, u) = formatFraction(u, precision: precision)
            out = String(u) + fraction + unit
        } else {
            let fraction: String
            (fraction, u) = formatFraction(u, precision: 9)
            out = String(u % 60) + fraction + "s"
            u /= 60
            if u > 0 {
                out = String(u % 60) + "m" + out
                u /= 60
                if u > 0 { out = String(u) + "h" + out }
            }
        }
        return negative ? "-" + out : out
    }

    /// Go's `fmtFrac`: the fraction of v / 10^precision without trailing zeros (and no dot when it is zero).
    private static func formatFraction(_ value: UInt64, precision: Int) -> (String, UInt64) {
        var v = value
        var digits: [Character] = []
        var printing = false
        for _ in 0..<precision {
            let digit = v % 10
            printing = printing || digit != 0
            if printing { digits.append(Character(String(digit))) }
            v /= 10
        }
        guard printing else { return ("", v) }
        return ("." + String(digits.reversed()), v)
    }
}

/// The gRPC method each REST mapping transcodes to (the limiter's key). Unlisted routes fall back to
/// "METHOD pattern", which is still one key per RPC.
enum RPCMethodNames {
    static func name(for route: Route) -> String {
        let pattern = "/" + route.segments.map { segment -> String in
            switch segment {
            case .literal(let text): text
            case .parameter(let name): "{\(name)}"
            }
        }.joined(separator: "/")
        if let name = table[route.method + " " + pattern] { return "/rill.admin.v1.AdminService/" + name }
        return route.method + " " + pattern
    }

    private static let table: [String: String] = [
        "GET /v1/ping": "Ping",
        "GET /v1/users/current": "GetCurrentUser",
        "GET /v1/roles": "ListRoles",
        "GET /v1/orgs": "ListOrganizations",
        "POST /v1/orgs": "CreateOrganization",
        "GET /v1/orgs/{org}": "GetOrganization",
        "PATCH /v1/orgs/{org}": "UpdateOrganization",
        "DELETE /v1/orgs/{org}": "DeleteOrganization",
        "GET /v1/orgs/{org}/members": "ListOrganizationMemberUsers",
        "POST /v1/orgs/{org}/members": "AddOrganizationMemberUser",
        "PUT /v1/orgs/{org}/members/{email}": "SetOrganizationMemberUserRole",
        "DELETE /v1/orgs/{org}/members/{email}": "RemoveOrganizationMemberUser",
        "PUT /v1/orgs/{org}/members/{email}/attributes": "UpdateOrganizationMemberUserAttributes",
        "GET /v1/orgs/{org}/invites": "ListOrganizationInvites",
        "GET /v1/orgs/{org}/projects/{project}/invites": "ListProjectInvites",
        "GET /v1/orgs/{org}/usergroups": "ListOrganizationMemberUsergroups",
        "POST /v1/orgs/{org}/usergroups": "CreateUsergroup",
        "GET /v1/orgs/{org}/usergroups/{usergroup}": "GetUsergroup",
        "POST /v1/orgs/{org}/usergroups/{usergroup}": "RenameUsergroup",
        "PUT /v1/orgs/{org}/usergroups/{usergroup}": "EditUsergroup",
        "DELETE /v1/orgs/{org}/usergroups/{usergroup}": "DeleteUsergroup",
        "GET /v1/orgs/{org}/usergroups/{usergroup}/members": "ListUsergroupMemberUsers",
        "PUT /v1/orgs/{org}/usergroups/{usergroup}/members/{email}": "AddUsergroupMemberUser",
        "DELETE /v1/orgs/{org}/usergroups/{usergroup}/members/{email}": "RemoveUsergroupMemberUser",
        "POST /v1/orgs/{org}/usergroups/{usergroup}/role": "AddOrganizationMemberUsergroup",
        "PUT /v1/orgs/{org}/usergroups/{usergroup}/role": "SetOrganizationMemberUsergroupRole",
        "DELETE /v1/orgs/{org}/usergroups/{usergroup}/role": "RemoveOrganizationMemberUsergroup",
        "GET /v1/orgs/{org}/project/{project}/usergroups": "ListProjectMemberUsergroups",
        "POST /v1/orgs/{org}/projects/{project}/usergroups/{usergroup}/roles": "AddProjectMemberUsergroup",
        "PUT /v1/orgs/{org}/projects/{project}/usergroups/{usergroup}/roles": "SetProjectMemberUsergroupRole",
        "DELETE /v1/orgs/{org}/projects/{project}/usergroups/{usergroup}/roles": "RemoveProjectMemberUsergroup",
        "GET /v1/orgs/{org}/whitelisted": "ListWhitelistedDomains",
        "POST /v1/orgs/{org}/whitelisted": "CreateWhitelistedDomain",
        "DELETE /v1/orgs/{org}/whitelisted/{domain}": "RemoveWhitelistedDomain",
        "GET /v1/orgs/{org}/projects/{project}/whitelisted": "ListProjectWhitelistedDomains",
        "POST /v1/orgs/{org}/projects/{project}/whitelisted": "CreateProjectWhitelistedDomain",
        "DELETE /v1/orgs/{org}/projects/{project}/whitelisted/{domain}": "RemoveProjectWhitelistedDomain",
        "GET /v1/orgs/{org}/projects": "ListProjectsForOrganization",
        "POST /v1/orgs/{org}/projects": "CreateProject",
        "GET /v1/orgs/{org}/projects/{project}": "GetProject",
        "PATCH /v1/orgs/{org}/projects/{project}": "UpdateProject",
        "DELETE /v1/orgs/{org}/projects/{project}": "DeleteProject",
        "POST /v1/orgs/{org}/projects/{project}/hibernate": "HibernateProject",
        "POST /v1/orgs/{org}/projects/{project}/redeploy": "RedeployProject",
        "GET /v1/projects/{id}": "GetProjectByID",
        "GET /v1/orgs/{org}/projects/{project}/members": "ListProjectMemberUsers",
        "POST /v1/orgs/{org}/projects/{project}/members": "AddProjectMemberUser",
        "PUT /v1/orgs/{org}/projects/{project}/members/{email}": "SetProjectMemberUserRole",
        "DELETE /v1/orgs/{org}/projects/{project}/members/{email}": "RemoveProjectMemberUser",
        "GET /v1/orgs/{org}/projects/{project}/deployments": "ListDeployments",
        "POST /v1/orgs/{org}/projects/{project}/deployments": "CreateDeployment",
        "POST /v1/deployments/{deploymentId}/start": "StartDeployment",
        "POST /v1/deployments/{deploymentId}/stop": "StopDeployment",
        "DELETE /v1/deployments/{deploymentId}": "DeleteDeployment",
        "POST /v1/deployments/{deploymentId}/credentials": "GetDeployment",
        "POST /v1/orgs/{org}/projects/{project}/credentials": "GetDeploymentCredentials",
        "POST /v1/organizations/{org}/projects/{project}/credentials": "GetDeploymentCredentials",
        "GET /v1/orgs/{org}/services": "ListServices",
        "POST /v1/orgs/{org}/services": "CreateService",
        "GET /v1/orgs/{org}/services/{name}": "GetService",
        "PATCH /v1/orgs/{org}/services/{name}": "UpdateService",
        "DELETE /v1/orgs/{org}/services/{name}": "DeleteService",
        "PUT /v1/orgs/{org}/services/{name}/role": "SetOrganizationMemberServiceRole",
        "DELETE /v1/orgs/{org}/services/{name}/role": "RemoveOrganizationMemberService",
        "GET /v1/orgs/{org}/projects/{project}/services": "ListProjectMemberServices",
        "PUT /v1/orgs/{org}/projects/{project}/services/{name}/role": "SetProjectMemberServiceRole",
        "DELETE /v1/orgs/{org}/projects/{project}/services/{name}": "RemoveProjectMemberService",
        "POST /v1/orgs/{org}/services/{serviceName}/tokens": "IssueServiceAuthToken",
        "GET /v1/orgs/{org}/services/{serviceName}/tokens": "ListServiceAuthTokens",
        "DELETE /v1/services/tokens/{tokenId}": "RevokeServiceAuthToken",
    ]
}
