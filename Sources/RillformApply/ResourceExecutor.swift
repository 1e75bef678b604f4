import Foundation
import RillformAPI
import RillformModel
import RillformPlan

/// Carries out the planned changes of one resource kind with the admin API. Each kind has one executor
/// (``OrgExecutor``, ``ProjectExecutor``, …) and ``PlanExecutor`` picks it by the change's kind, so the calls one
/// kind needs live in one file instead of in parallel `switch`es over every kind.
///
/// Errors are the client's `RillAPIError`s, which already name the operation and the resource, or a
/// ``PlanExecutionError`` naming the address.
protocol ResourceExecutor: Sendable {
    func create(_ change: ResourceChange) async throws -> CompletionNote
    func update(_ change: ResourceChange) async throws -> CompletionNote
    func delete(_ change: ResourceChange) async throws -> CompletionNote
}

/// What every executor works with.
struct ExecutionContext: Sendable {
    let writer: RillAdminWriter
    /// Where new service-token secrets go; required when the plan issues tokens.
    let tokenSink: TokenSink?
    /// The clock stamped on token-sink lines.
    let now: @Sendable () -> Date
}
