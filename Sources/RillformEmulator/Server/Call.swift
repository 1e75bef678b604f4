import Foundation
import GRDB

/// Everything a route handler sees: the open transaction, the caller, path/query/body, and `now`.
struct Call {
    let db: Database
    let principal: Principal
    let params: [String: String]
    let query: [String: String]
    let body: RequestBody
    /// The request's timestamp, already RFC 3339.
    let now: String
    let settings: ServerSettings

    var access: Access { Access(db: db, principal: principal) }

    func param(_ name: String) -> String { params[name] ?? "" }

    /// Query parameters accept camelCase or snake_case names too.
    func queryValue(_ name: String) -> String? {
        query[name] ?? query[RequestBody.snakeCase(name)]
    }

    func queryBool(_ name: String) -> Bool { queryValue(name).map { $0 == "true" || $0 == "1" } ?? false }
}

/// Server-wide settings handlers need.
struct ServerSettings: Sendable {
    var defaultPageSize: Int
    /// Quotas given to orgs created on this server.
    var newOrgQuotas: OrgQuotas = OrgQuotas()
    /// Seconds a deployment's reconcile job works before it settles (see `DeploymentJobs`).
    var deploymentSettleDelay: Double = 0
}

/// A route handler: runs inside one transaction and returns the JSON response body (status 200).
typealias Handler = @Sendable (Call) throws -> JSON
