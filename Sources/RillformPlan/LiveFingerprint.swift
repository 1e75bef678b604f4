import Foundation
import RillformModel

/// What the live object a change acts on looked like when the plan was made: whether it existed, its
/// `updated_on`, and a short SHA-256 of each observed field. `apply plan.json` re-reads the object, fingerprints
/// it the same way and refuses the plan when any of this moved (a create whose object now exists included).
///
/// Field hashes, not values, are stored: enough to name what changed, small, and never a copy of live data.
public struct LiveFingerprint: Sendable, Hashable {
    /// False when the object did not exist (creates).
    public var exists: Bool
    /// `updated_on` as read, when the API reports one for this kind.
    public var updatedOn: Date?
    /// Observed field name → first 16 hex digits of the SHA-256 of its canonical value.
    public var fields: [String: String]

    /// Creates a fingerprint; ``PlanFingerprints`` is the usual source.
    public init(exists: Bool, updatedOn: Date? = nil, fields: [String: String] = [:]) {
        self.exists = exists
        self.updatedOn = updatedOn
        self.fields = fields
    }

    /// The fingerprint of an object that does not exist.
    public static let absent = LiveFingerprint(exists: false)

    /// What differs between this (planned) fingerprint and `current`, for humans: field names sorted, then
    /// `updated_on`; `["created outside this plan"]` / `["deleted"]` when existence changed. Empty when equal.
    public func differences(to current: LiveFingerprint) -> [String] {
        switch (exists, current.exists) {
        case (false, false): return []
        case (false, true): return ["exists now (created outside this plan)"]
        case (true, false): return ["no longer exists (deleted outside this plan)"]
        case (true, true): break
        }
        var changed = Set(fields.keys).union(current.fields.keys).filter { fields[$0] != current.fields[$0] }.sorted()
        if !Self.sameInstant(updatedOn, current.updatedOn) {
            changed.append("updated_on")
        }
        return changed
    }
}

extension LiveFingerprint {
    /// Saved plans keep milliseconds: a JSON round trip (truncation, binary rounding) is not a change.
    static func sameInstant(_ lhs: Date?, _ rhs: Date?) -> Bool {
        switch (lhs, rhs) {
        case (nil, nil): true
        case let (lhs?, rhs?): abs(lhs.timeIntervalSince(rhs)) < 0.002
        default: false
        }
    }

    /// Builds a fingerprint from canonical field values (hashed here).
    init(updatedOn: Date?, values: [String: JSONValue]) {
        self.init(exists: true, updatedOn: updatedOn, fields: values.mapValues(Self.hash))
    }

    /// First 16 hex digits of the SHA-256 of the value's sorted-keys JSON.
    static func hash(_ value: JSONValue) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let bytes = (try? encoder.encode(value)).map { Array($0) } ?? Array(String(describing: value).utf8)
        return String(ContentDigest.sha256Hex(bytes).prefix(16))
    }

    /// The observed managed fields of one resource, keyed by manifest key, with its id.
    static func values<Field: ManagedField>(id: String, _ managed: LiveValues<Field>) -> [String: JSONValue] {
        var values: [String: JSONValue] = ["id": .string(id)]
        for field in Field.allCases {
            // A field with no live value (a service without org role) hashes as "".
            values[field.manifestKey] = managed.value(field)?.json ?? .string("")
        }
        return values
    }

    /// An org's observed settings.
    public init(org: LiveOrg) {
        self.init(updatedOn: org.updatedOn, values: Self.values(id: org.id, org.managed))
    }

    /// A project's observed settings (not its deployments, which are fingerprinted one by one).
    public init(project: LiveProject) {
        self.init(updatedOn: project.updatedOn, values: Self.values(id: project.id, project.managed))
    }

    /// A deployment's observed state.
    public init(deployment: LiveDeployment) {
        self.init(updatedOn: deployment.updatedOn, values: [
            "id": .string(deployment.id), "environment": .string(deployment.environment),
            "branch": .string(deployment.branch), "editable": .bool(deployment.editable),
            "status": .string(deployment.status),
        ])
    }

    /// A service's org role and attributes (its project roles and tokens are fingerprinted on their own changes).
    public init(service: LiveService) {
        self.init(updatedOn: service.updatedOn, values: Self.values(id: service.id, service.managed))
    }

    /// A service's role on one project; absent when it has none.
    public init(projectRole: ProjectRole?) {
        guard let projectRole else {
            self = .absent
            return
        }
        self.init(updatedOn: nil, values: ["role": .string(projectRole.rawValue)])
    }

    /// A resource known by its managed fields alone (people, usergroups, domains), keyed by `id`.
    public init<Field: ManagedField>(id: String, managed: LiveValues<Field>) {
        self.init(updatedOn: nil, values: Self.values(id: id, managed))
    }

    /// A relation that either exists or not (a usergroup membership).
    public init(present: Bool) {
        self = present ? LiveFingerprint(exists: true) : .absent
    }

    /// A service's tokens: their ids (never secrets). The service existing is what `exists` says.
    public init(tokens: [LiveToken]) {
        self.init(updatedOn: nil, values: ["token_ids": .array(tokens.map(\.id).sorted().map(JSONValue.string))])
    }
}

extension LiveFingerprint: Codable {
    enum CodingKeys: String, CodingKey {
        case exists, fields
        case updatedOn = "updated_on"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(exists: try container.decode(Bool.self, forKey: .exists),
                  updatedOn: try container.decodeIfPresent(Date.self, forKey: .updatedOn),
                  fields: try container.decodeIfPresent([String: String].self, forKey: .fields) ?? [:])
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(exists, forKey: .exists)
        try container.encodeIfPresent(updatedOn, forKey: .updatedOn)
        if !fields.isEmpty { try container.encode(fields, forKey: .fields) }
    }
}
