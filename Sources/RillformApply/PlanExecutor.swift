import Foundation
import RillformAPI
import RillformModel
import RillformPlan

/// Carries out one planned ``ResourceChange`` with the admin API by handing it to its kind's executor
/// (``OrgExecutor``, ``ProjectExecutor``, ``DeploymentExecutor``, ``ServiceExecutor``,
/// ``ServiceProjectRoleExecutor``, ``ServiceTokenExecutor``, and the people kinds' ``MemberExecutor``,
/// ``UsergroupExecutor``, ``UsergroupMemberExecutor``, ``UsergroupProjectRoleExecutor``, ``ProjectMemberExecutor``,
/// ``AllowedDomainExecutor``, ``ProjectAllowedDomainExecutor``). Adding a kind fails to compile here until it has one.
public struct PlanExecutor: Sendable {
    let context: ExecutionContext

    /// - Parameters:
    ///   - tokenSink: where new service-token secrets go; required when the plan issues tokens.
    ///   - now: the clock stamped on token-sink lines.
    public init(writer: RillAdminWriter, tokenSink: TokenSink?, now: @escaping @Sendable () -> Date = Date.init) {
        self.context = ExecutionContext(writer: writer, tokenSink: tokenSink, now: now)
    }

    /// Executes one step of the apply graph: `action` is the step's half of its change (a replace arrives as a
    /// delete step and a create step, see ``PlanStep``). Returns a short detail for the progress line (never a
    /// secret).
    public func execute(_ change: ResourceChange, as action: Action) async throws -> CompletionNote {
        let executor = executor(for: change.kind)
        switch action {
        case .create: return try await executor.create(change)
        case .update: return try await executor.update(change)
        case .delete: return try await executor.delete(change)
        case .noOp: return .done
        }
    }

    /// Executes a whole change outside the apply graph: a replace deletes, then creates.
    public func execute(_ change: ResourceChange) async throws -> CompletionNote {
        var note = CompletionNote.done
        for action in change.actions { note = try await execute(change, as: action) }
        return note
    }

    private func executor(for kind: ResourceKind) -> any ResourceExecutor {
        switch kind {
        case .org: OrgExecutor(context: context)
        case .project: ProjectExecutor(context: context)
        case .deployment: DeploymentExecutor(context: context)
        case .service: ServiceExecutor(context: context)
        case .serviceProjectRole: ServiceProjectRoleExecutor(context: context)
        case .serviceToken: ServiceTokenExecutor(context: context)
        case .member: MemberExecutor(context: context)
        case .usergroup: UsergroupExecutor(context: context)
        case .usergroupMember: UsergroupMemberExecutor(context: context)
        case .usergroupProjectRole: UsergroupProjectRoleExecutor(context: context)
        case .projectMember: ProjectMemberExecutor(context: context)
        case .allowedDomain: AllowedDomainExecutor(context: context)
        case .projectAllowedDomain: ProjectAllowedDomainExecutor(context: context)
        }
    }
}
