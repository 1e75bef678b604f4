import Foundation
import RillformModel

/// The plan's JSON document: the `--json` report and the saved-plan file read back by `apply plan.json`.
///
/// Terraform's contract applies: `format_version` is `MAJOR.MINOR`; minor versions only add keys and readers ignore
/// keys they do not know; a different major version is refused. Keys are snake_case and sorted; output is stable.
extension Plan {
    /// Why a saved plan cannot be read.
    public struct DecodingFailure: Error, Sendable, Hashable, CustomStringConvertible {
        /// What is wrong with the saved plan.
        public var description: String
    }

    /// The pretty-printed, key-sorted JSON document (ends without a newline).
    public func jsonData() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(PlanDate.format(date))
        }
        return try encoder.encode(self)
    }

    /// Reads a saved plan; refuses another major format version.
    public init(jsonData: Data) throws {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let container = try decoder.singleValueContainer()
            let text = try container.decode(String.self)
            guard let date = PlanDate.parse(text) else {
                throw DecodingError.dataCorruptedError(in: container, debugDescription: "not an ISO 8601 date: \(text)")
            }
            return date
        }
        let plan = try decoder.decode(Plan.self, from: jsonData)
        let major = plan.formatVersion.split(separator: ".").first.map(String.init)
        let supported = Plan.currentFormatVersion.split(separator: ".").first.map(String.init)
        guard major == supported else {
            throw DecodingFailure(description:
                "saved plan has format_version \(plan.formatVersion); this rillform reads \(Plan.currentFormatVersion)")
        }
        self = plan
    }
}

/// ISO 8601 UTC with milliseconds (`2026-11-23T01:02:03.456Z`); parsing also accepts whole seconds.
enum PlanDate {
    static func format(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true))
    }

    static func parse(_ text: String) -> Date? {
        if let date = try? Date(text, strategy: Date.ISO8601FormatStyle(includingFractionalSeconds: true)) {
            return date
        }
        return try? Date(text, strategy: Date.ISO8601FormatStyle())
    }
}

extension Plan: Codable {
    enum CodingKeys: String, CodingKey {
        case formatVersion = "format_version"
        case plannedAt = "planned_at"
        case scope
        case changes = "resource_changes"
        case unmanaged
        case summary = "change_summary"
        case accessChanges = "access_changes"
        case diagnostics
        case skipped
        case liveCounts = "live_counts"
        case origin
        case budget
        case pendingInvites = "pending_invites"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            formatVersion: try container.decode(String.self, forKey: .formatVersion),
            plannedAt: try container.decode(Date.self, forKey: .plannedAt),
            scope: try container.decodeIfPresent([String].self, forKey: .scope) ?? [],
            changes: try container.decodeIfPresent([ResourceChange].self, forKey: .changes) ?? [],
            unmanaged: try container.decodeIfPresent([UnmanagedResource].self, forKey: .unmanaged) ?? [],
            summary: try container.decodeIfPresent(PlanSummary.self, forKey: .summary) ?? PlanSummary(),
            accessChanges: try container.decodeIfPresent([AccessChange].self, forKey: .accessChanges) ?? [],
            diagnostics: try container.decodeIfPresent([Diagnostic].self, forKey: .diagnostics) ?? [],
            skipped: try container.decodeIfPresent([ResourceAddress].self, forKey: .skipped) ?? [],
            liveCounts: try Self.decodeLiveCounts(container.decodeIfPresent([String: [String: Int]].self, forKey: .liveCounts)),
            pendingInvites: (try container.decodeIfPresent([ResourceAddress].self, forKey: .pendingInvites) ?? []).sorted())
        origin = try container.decodeIfPresent(PlanOrigin.self, forKey: .origin)
        // The budget itself is recomputed from the changes; only the limit it was computed under is kept.
        apiRateLimit = try container.decodeIfPresent(ApplyBudget.self, forKey: .budget)?.limit ?? .rill
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(formatVersion, forKey: .formatVersion)
        try container.encode(plannedAt, forKey: .plannedAt)
        try container.encode(scope, forKey: .scope)
        try container.encode(changes, forKey: .changes)
        try container.encode(unmanaged, forKey: .unmanaged)
        try container.encode(summary, forKey: .summary)
        try container.encode(accessChanges, forKey: .accessChanges)
        try container.encode(diagnostics, forKey: .diagnostics)
        try container.encode(skipped, forKey: .skipped)
        // Kind names as keys (a JSON object, not Swift's array-of-pairs encoding of enum-keyed dictionaries).
        let counts = liveCounts.mapValues { perKind in
            Dictionary(uniqueKeysWithValues: perKind.map { ($0.key.rawValue, $0.value) })
        }
        try container.encode(counts, forKey: .liveCounts)
        try container.encodeIfPresent(origin, forKey: .origin)
        try container.encode(budget, forKey: .budget)
        // Only when there are some: plans without people read none and keep their shape.
        if !pendingInvites.isEmpty { try container.encode(pendingInvites, forKey: .pendingInvites) }
    }

    private static func decodeLiveCounts(_ raw: [String: [String: Int]]?) throws -> [String: [ResourceKind: Int]] {
        try (raw ?? [:]).mapValues { perKind in
            var counts: [ResourceKind: Int] = [:]
            for (name, count) in perKind {
                guard let kind = ResourceKind(rawValue: name) else {
                    throw DecodingFailure(description: "live_counts: unknown kind '\(name)'")
                }
                counts[kind] = count
            }
            return counts
        }
    }
}

extension APIRateLimit: Codable {
    enum CodingKeys: String, CodingKey {
        case requestsPerMinute = "requests_per_minute"
        case burst
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(requestsPerMinute: try container.decode(Int.self, forKey: .requestsPerMinute),
                  burst: try container.decode(Int.self, forKey: .burst))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(requestsPerMinute, forKey: .requestsPerMinute)
        try container.encode(burst, forKey: .burst)
    }
}

/// `{calls, calls_by_method, rate_limit, min_duration_seconds, slowest_method?}`: what apply will call and
/// how long it takes at least under `rate_limit` (per method). Readers recompute it from the changes.
extension ApplyBudget: Codable {
    enum CodingKeys: String, CodingKey {
        case calls
        case callsByMethod = "calls_by_method"
        case rateLimit = "rate_limit"
        case minDurationSeconds = "min_duration_seconds"
        case slowestMethod = "slowest_method"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(callsByMethod: try container.decodeIfPresent([String: Int].self, forKey: .callsByMethod) ?? [:],
                  limit: try container.decodeIfPresent(APIRateLimit.self, forKey: .rateLimit) ?? .rill)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(totalCalls, forKey: .calls)
        try container.encode(callsByMethod, forKey: .callsByMethod)
        try container.encode(limit, forKey: .rateLimit)
        // Milliseconds are plenty for a lower bound, and keep the document free of long fractions.
        try container.encode((minimumSeconds * 1000).rounded() / 1000, forKey: .minDurationSeconds)
        try container.encodeIfPresent(slowestMethod, forKey: .slowestMethod)
    }
}

extension PlanSummary: Codable {
    enum CodingKeys: String, CodingKey {
        case add, change, remove, replace, rename, unchanged
        case tokenIssue = "token_issue"
        case tokenRevoke = "token_revoke"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        func count(_ key: CodingKeys) throws -> Int { try container.decodeIfPresent(Int.self, forKey: key) ?? 0 }
        self.init(add: try count(.add), change: try count(.change), destroy: try count(.remove),
                  replace: try count(.replace), rename: try count(.rename), tokenIssue: try count(.tokenIssue),
                  tokenRevoke: try count(.tokenRevoke), unchanged: try count(.unchanged))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(add, forKey: .add)
        try container.encode(change, forKey: .change)
        try container.encode(destroy, forKey: .remove)
        try container.encode(replace, forKey: .replace)
        try container.encode(rename, forKey: .rename)
        try container.encode(tokenIssue, forKey: .tokenIssue)
        try container.encode(tokenRevoke, forKey: .tokenRevoke)
        try container.encode(unchanged, forKey: .unchanged)
    }
}

extension ResourceChange: Codable {
    enum CodingKeys: String, CodingKey {
        case address, type, change
        case fieldChanges = "field_changes"
        case unchangedFieldCount = "unchanged_fields"
        case location = "provenance"
        case rename, dependencies, live
        case replaceReason = "replace_reason"
        case tokenChange = "token_change"
        case skipDeploy = "skip_deploy"
        case initialProjectRole = "initial_project_role"
        case notes, fingerprint
    }

    /// Terraform's `change` object: the actions plus `before`/`after` maps of the listed fields.
    enum ChangeKeys: String, CodingKey {
        case actions, before, after
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let change = try container.nestedContainer(keyedBy: ChangeKeys.self, forKey: .change)
        let actions = try change.decode([Action].self, forKey: .actions)
        // An action array rillform never writes must not be applied as something else.
        guard let operation = ChangeOperation(actions: actions), operation != .noOp else {
            throw DecodingError.dataCorruptedError(forKey: .actions, in: change, debugDescription:
                "unsupported actions \(actions.map(\.rawValue)); expected create, update, delete or delete+create")
        }
        self.init(
            address: try container.decode(ResourceAddress.self, forKey: .address),
            actions: operation.actions,
            rename: try container.decodeIfPresent(RenameInfo.self, forKey: .rename),
            fieldChanges: try container.decodeIfPresent([FieldChange].self, forKey: .fieldChanges) ?? [],
            unchangedFieldCount: try container.decodeIfPresent(Int.self, forKey: .unchangedFieldCount) ?? 0,
            location: try container.decodeIfPresent(SourceLocation.self, forKey: .location),
            dependencies: try container.decodeIfPresent([ResourceAddress].self, forKey: .dependencies) ?? [],
            live: try container.decodeIfPresent(LiveReference.self, forKey: .live),
            replaceReason: try container.decodeIfPresent(String.self, forKey: .replaceReason),
            tokenChange: try container.decodeIfPresent(TokenChange.self, forKey: .tokenChange),
            skipDeploy: try container.decodeIfPresent(Bool.self, forKey: .skipDeploy) ?? false,
            initialProjectRole: try container.decodeIfPresent(InitialProjectRole.self, forKey: .initialProjectRole),
            notes: try container.decodeIfPresent([String].self, forKey: .notes) ?? [])
        fingerprint = try container.decodeIfPresent(LiveFingerprint.self, forKey: .fingerprint)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(address, forKey: .address)
        try container.encode(address.kind, forKey: .type)
        var change = container.nestedContainer(keyedBy: ChangeKeys.self, forKey: .change)
        try change.encode(actions, forKey: .actions)
        let before = fieldMap(\.before)
        let after = fieldMap(\.after)
        // Terraform's convention: `before` is null for creates, `after` is null for deletes.
        if operation == .create || before.isEmpty { try change.encodeNil(forKey: .before) } else {
            try change.encode(before, forKey: .before)
        }
        if operation == .delete || after.isEmpty { try change.encodeNil(forKey: .after) } else {
            try change.encode(after, forKey: .after)
        }
        try container.encode(fieldChanges, forKey: .fieldChanges)
        try container.encode(unchangedFieldCount, forKey: .unchangedFieldCount)
        try container.encodeIfPresent(location, forKey: .location)
        try container.encodeIfPresent(rename, forKey: .rename)
        try container.encode(dependencies, forKey: .dependencies)
        try container.encodeIfPresent(live, forKey: .live)
        try container.encodeIfPresent(replaceReason, forKey: .replaceReason)
        try container.encodeIfPresent(tokenChange, forKey: .tokenChange)
        if skipDeploy { try container.encode(true, forKey: .skipDeploy) }
        try container.encodeIfPresent(initialProjectRole, forKey: .initialProjectRole)
        if !notes.isEmpty { try container.encode(notes, forKey: .notes) }
        try container.encodeIfPresent(fingerprint, forKey: .fingerprint)
    }

    private func fieldMap(_ value: KeyPath<FieldChange, JSONValue?>) -> [String: JSONValue] {
        var map: [String: JSONValue] = [:]
        for field in fieldChanges {
            if let fieldValue = field[keyPath: value] { map[field.field] = fieldValue }
        }
        return map
    }
}

extension FieldChange: Codable {
    enum CodingKeys: String, CodingKey {
        case field, before, after
        case location = "provenance"
        case forcesReplacement = "forces_replacement"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            field: try container.decode(String.self, forKey: .field),
            before: try container.decodeIfPresent(JSONValue.self, forKey: .before),
            after: try container.decodeIfPresent(JSONValue.self, forKey: .after),
            location: try container.decodeIfPresent(SourceLocation.self, forKey: .location),
            forcesReplacement: try container.decodeIfPresent(Bool.self, forKey: .forcesReplacement) ?? false)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(field, forKey: .field)
        // Explicit nulls: "absent before" (create) and "removed after" are part of the meaning.
        if let before { try container.encode(before, forKey: .before) } else { try container.encodeNil(forKey: .before) }
        if let after { try container.encode(after, forKey: .after) } else { try container.encodeNil(forKey: .after) }
        try container.encodeIfPresent(location, forKey: .location)
        if forcesReplacement { try container.encode(true, forKey: .forcesReplacement) }
    }
}

extension UnmanagedResource: Codable {
    enum CodingKeys: String, CodingKey {
        case address, type, live, detail
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(address: try container.decode(ResourceAddress.self, forKey: .address),
                  live: try container.decodeIfPresent(LiveReference.self, forKey: .live),
                  detail: try container.decodeIfPresent(String.self, forKey: .detail))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(address, forKey: .address)
        try container.encode(address.kind, forKey: .type)
        try container.encodeIfPresent(live, forKey: .live)
        try container.encodeIfPresent(detail, forKey: .detail)
    }
}
