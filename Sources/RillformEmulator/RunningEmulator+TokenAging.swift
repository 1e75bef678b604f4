import Foundation
import GRDB

extension RunningEmulator {
    /// Test hook: makes every token of one service `days` days older (its `createdOn` moves back), so
    /// rotation (`rotate_after_days`) can be exercised without waiting. Returns how many tokens were changed.
    @discardableResult
    public func backdateServiceTokens(org: String, service: String, days: Int) async throws -> Int {
        let tokens = try await store.pool.read { db in
            try Row.fetchAll(db, sql: """
                SELECT t.id, t.created_on FROM service_tokens t
                JOIN services s ON s.id = t.service_id JOIN orgs o ON o.id = s.org_id
                WHERE o.name = ? AND s.name = ?
                """, arguments: [org, service])
                .map { (id: $0["id"] as String, createdOn: $0["created_on"] as String) }
        }
        let shift = TimeInterval(days) * 86_400
        return try await store.pool.write { db in
            var changed = 0
            for token in tokens {
                let created = try ((try? Date(token.createdOn,
                                                   strategy: Date.ISO8601FormatStyle(includingFractionalSeconds: true)))
                    ?? Date(token.createdOn, strategy: Date.ISO8601FormatStyle())).addingTimeInterval(-shift)
                try db.execute(sql: "UPDATE service_tokens SET created_on = ? WHERE id = ?",
                               arguments: [Timestamp.format(created), token.id])
                changed += db.changesCount
            }
            return changed
        }
    }
}
