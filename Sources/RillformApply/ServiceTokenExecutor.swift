import Foundation
import RillformAPI
import RillformModel
import RillformPlan

/// A service's tokens, as its token policy wants them: IssueServiceToken into the token sink, RevokeServiceToken.
/// Issues first, writes the secret durably to the sink, and only then revokes: a failed write never leaves the
/// service without a working token.
struct ServiceTokenExecutor: ResourceExecutor {
    let context: ExecutionContext

    func create(_ change: ResourceChange) async throws -> CompletionNote {
        try await applyTokens(change)
    }

    func update(_ change: ResourceChange) async throws -> CompletionNote {
        try await applyTokens(change)
    }

    func delete(_ change: ResourceChange) async throws -> CompletionNote {
        for id in change.tokenChange?.revokeIDs ?? [] { try await context.writer.revokeServiceToken(id: id) }
        return .done
    }

    private func applyTokens(_ change: ResourceChange) async throws -> CompletionNote {
        guard let tokens = change.tokenChange else { return .done }
        let address = change.address
        let org = address.org
        let service = try address.required(\.service, "service")
        let writer = context.writer
        var issued = 0
        for _ in 0..<tokens.issue {
            guard let tokenSink = context.tokenSink else {
                throw PlanExecutionError(address: address, reason: "a token must be issued but no --token-sink is set")
            }
            let token = try await issueRecoveringLostSecret(org: org, service: service)
            let live = try await writer.reader.listServiceTokens(org: org, service: service)
            let match = live.filter { token.hasPrefix($0.prefix) && !$0.prefix.isEmpty }
                .max { ($0.createdOn ?? .distantPast, $0.id) < ($1.createdOn ?? .distantPast, $1.id) }
            try await tokenSink.append(IssuedServiceToken(
                org: org, service: service, tokenID: match?.id ?? "", secret: token.revealSecret(),
                issuedAt: context.now()))
            issued += 1
        }
        for id in tokens.revokeIDs { try await writer.revokeServiceToken(id: id) }
        var parts: [String] = []
        if issued > 0 {
            parts.append("\(issued) token\(issued == 1 ? "" : "s") issued to \(context.tokenSink?.path ?? "sink")")
        }
        if !tokens.revokeIDs.isEmpty {
            parts.append("\(tokens.revokeIDs.count) token\(tokens.revokeIDs.count == 1 ? "" : "s") revoked")
        }
        return CompletionNote(detail: parts.isEmpty ? nil : parts.joined(separator: ", "))
    }

    /// Issues a service token. When the outcome is unknown (the server may have issued it, but its secret never
    /// arrived), the token cannot be recovered: any token issued meanwhile that the caller does not hold is revoked
    /// (nobody can have its secret) and the issue is repeated, a bounded number of times.
    private func issueRecoveringLostSecret(org: String, service: String) async throws -> APIToken {
        let writer = context.writer
        let before = Set(try await writer.reader.listServiceTokens(org: org, service: service).map(\.id))
        var attempt = 0
        while true {
            attempt += 1
            do {
                return try await writer.issueServiceToken(org: org, service: service)
            } catch let error as RillAPIError where error.kind == .ambiguous && attempt < 4 {
                let now = try await writer.reader.listServiceTokens(org: org, service: service)
                for orphan in now where !before.contains(orphan.id) {
                    try await writer.revokeServiceToken(id: orphan.id)
                }
            }
        }
    }
}
