import Foundation

/// How the applier finds the live object a change acts on, plus the fingerprint it had when planned.
///
/// - org, project, service: `id` and the current live `name` (the old name when the change renames it)
/// - deployment: `id` (start/stop/delete are id-based in Rill)
/// - service_project_role, service_token: no live reference (they are addressed by names; tokens by ``TokenChange``)
public struct LiveReference: Sendable, Hashable {
    /// The live object id (org, project, service or deployment id).
    public var id: String?
    /// The live name now (the old name when the change renames); for deployments, the `prod`/`dev@…` key.
    public var name: String?
    /// `updated_on` as read; lets `apply plan.json` refuse objects that moved since the plan (staleness check).
    public var updatedOn: Date?

    /// Creates a live reference.
    public init(id: String? = nil, name: String? = nil, updatedOn: Date? = nil) {
        self.id = id
        self.name = name
        self.updatedOn = updatedOn
    }
}

extension LiveReference: Codable {
    enum CodingKeys: String, CodingKey {
        case id, name
        case updatedOn = "updated_on"
    }
}
