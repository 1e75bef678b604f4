import Foundation
import RillformModel

/// What `rillform drift` reports: every declared resource in scope with its drift status (live value vs manifest
/// value per field, with the manifest location), and the live resources in scope that the manifest does not declare.
///
/// Built purely from a ``Plan`` and the ``DesiredState`` it was planned from (``init(plan:desired:options:)``):
/// drift is exactly what `apply` would change, seen from the other side.
public struct DriftReport: Sendable, Hashable {
    /// The JSON format version this code writes (`MAJOR.MINOR`; minor versions only add keys).
    public static let currentFormatVersion = "1.0"

    public var formatVersion: String
    /// When live state was compared (the plan's `now`).
    public var checkedAt: Date
    /// The orgs in scope, sorted.
    public var scope: [String]
    /// Every declared resource in scope, sorted by address.
    public var resources: [DriftResource]
    /// Sorted by address.
    public var unmanaged: [DriftUnmanagedResource]
    /// The planner's diagnostics (an error means the comparison is incomplete).
    public var diagnostics: [Diagnostic]
    /// Changes left out by `--target`/`--exclude`.
    public var skipped: [ResourceAddress]

    public init(formatVersion: String = DriftReport.currentFormatVersion, checkedAt: Date, scope: [String] = [],
                resources: [DriftResource] = [], unmanaged: [DriftUnmanagedResource] = [],
                diagnostics: [Diagnostic] = [], skipped: [ResourceAddress] = []) {
        self.formatVersion = formatVersion
        self.checkedAt = checkedAt
        self.scope = scope
        self.resources = resources
        self.unmanaged = unmanaged
        self.diagnostics = diagnostics
        self.skipped = skipped
    }

    /// The resources that are changed or missing.
    public var drifted: [DriftResource] { resources.filter(\.isDrifted) }

    /// True when anything differs: a drifted or missing resource, an unmanaged one, or a declared person who is
    /// still a pending invite (RF404) (`drift` exits 2).
    public var hasDrift: Bool { summary.hasDrift }

    public var summary: DriftSummary {
        DriftSummary(
            drifted: resources.count { $0.isDrifted },
            missing: resources.count { $0.status == .missing },
            unmanaged: unmanaged.count,
            inSync: resources.count { $0.status == .inSync },
            pendingInvites: diagnostics.count { $0.code == DiagnosticCode.inviteNotAccepted.id })
    }
}

/// Counts of a drift report.
public struct DriftSummary: Sendable, Hashable, Codable {
    /// Changed plus missing resources.
    public var drifted: Int
    /// Declared resources that do not exist live (included in `drifted`).
    public var missing: Int
    public var unmanaged: Int
    public var inSync: Int
    /// Declared people who are still pending invites (RF404): they never signed up.
    public var pendingInvites: Int

    public init(drifted: Int = 0, missing: Int = 0, unmanaged: Int = 0, inSync: Int = 0, pendingInvites: Int = 0) {
        self.drifted = drifted
        self.missing = missing
        self.unmanaged = unmanaged
        self.inSync = inSync
        self.pendingInvites = pendingInvites
    }

    public var hasDrift: Bool { drifted > 0 || unmanaged > 0 || pendingInvites > 0 }

    enum CodingKeys: String, CodingKey {
        case drifted, missing, unmanaged
        case inSync = "in_sync"
        case pendingInvites = "pending_invites"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(drifted: try container.decode(Int.self, forKey: .drifted),
                  missing: try container.decode(Int.self, forKey: .missing),
                  unmanaged: try container.decode(Int.self, forKey: .unmanaged),
                  inSync: try container.decode(Int.self, forKey: .inSync),
                  pendingInvites: try container.decodeIfPresent(Int.self, forKey: .pendingInvites) ?? 0)
    }

    /// `pending_invites` only when there are some: reports without people keep their shape.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(drifted, forKey: .drifted)
        try container.encode(missing, forKey: .missing)
        try container.encode(unmanaged, forKey: .unmanaged)
        try container.encode(inSync, forKey: .inSync)
        if pendingInvites > 0 { try container.encode(pendingInvites, forKey: .pendingInvites) }
    }
}
