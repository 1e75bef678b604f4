import Foundation
import RillformModel

/// The result of planning: everything a reviewer needs to read and everything `apply plan.json` needs to execute
/// exactly this plan (live ids, desired values, dependencies). Its JSON form (``Plan/jsonData()``) is both the
/// `--json` report and the saved-plan file.
public struct Plan: Sendable, Hashable {
    /// The JSON format version this code writes; readers accept any `1.x` and ignore unknown keys.
    public static let currentFormatVersion = "1.0"

    /// The JSON format version (`MAJOR.MINOR`) this plan was written with.
    public var formatVersion: String
    /// The `now` the plan was made with (token ages are measured against it).
    public var plannedAt: Date
    /// The orgs in scope (those named in the manifest), sorted.
    public var scope: [String]
    /// Sorted by address, which puts parents first. No-op changes are not listed (see ``PlanSummary/unchanged``).
    public var changes: [ResourceChange]
    /// Live resources in scope that are not declared and not being deleted, sorted.
    public var unmanaged: [UnmanagedResource]
    /// Counts of the listed changes, plus the unchanged count.
    public var summary: PlanSummary
    /// Sorted by identity, then scope.
    public var accessChanges: [AccessChange]
    /// Warnings, notes and errors found while planning (an error means the plan must not be applied).
    public var diagnostics: [Diagnostic]
    /// Changes left out by `--target`/`--exclude`, sorted.
    public var skipped: [ResourceAddress]
    /// Live resources per org and kind when planned (tokens counted individually): the denominator of the
    /// mass-delete threshold ("deleting 4 of 10 projects").
    public var liveCounts: [String: [ResourceKind: Int]]
    /// Where and from what the plan was made (API, manifest digest); set by the CLI (not by the initializer), nil for pure plans.
    public var origin: PlanOrigin?
    /// The per-method rate limit the plan's ``budget`` is computed under: Rill's unless the CLI sets the
    /// configured one (`--rate-limit-per-minute`, `--rate-limit-burst`).
    public var apiRateLimit: APIRateLimit
    /// The live people that are pending invites (no Rill account yet), as `member.…` and `project_member.…`
    /// addresses, sorted: reports mark their rows `(pending invite)`; drift warns about declared ones (RF404).
    public var pendingInvites: [ResourceAddress]

    /// Creates a plan; the planner is the usual source (``Planner/plan(desired:live:options:)``).
    public init(
        formatVersion: String = Plan.currentFormatVersion, plannedAt: Date, scope: [String] = [],
        changes: [ResourceChange] = [], unmanaged: [UnmanagedResource] = [], summary: PlanSummary = PlanSummary(),
        accessChanges: [AccessChange] = [], diagnostics: [Diagnostic] = [], skipped: [ResourceAddress] = [],
        liveCounts: [String: [ResourceKind: Int]] = [:], pendingInvites: [ResourceAddress] = []
    ) {
        self.formatVersion = formatVersion
        self.plannedAt = plannedAt
        self.scope = scope
        self.changes = changes
        self.unmanaged = unmanaged
        self.summary = summary
        self.accessChanges = accessChanges
        self.diagnostics = diagnostics
        self.skipped = skipped
        self.liveCounts = liveCounts
        self.pendingInvites = pendingInvites
        self.origin = nil
        self.apiRateLimit = .rill
    }

    /// The API calls applying this plan makes, per method, and the lower bound on its duration under
    /// ``apiRateLimit`` (computed from ``changes`` each time, so it never goes stale).
    public var budget: ApplyBudget { ApplyBudget(plan: self) }

    /// True when applying would change nothing.
    public var hasChanges: Bool { !changes.isEmpty }

    /// The change for one address, if planned.
    public func change(for address: ResourceAddress) -> ResourceChange? { changes.first { $0.address == address } }

    /// True when the person at `address` (`member.…` or `project_member.…`) is a pending invite.
    /// A binary search: reports ask once per row.
    public func isPendingInvite(_ address: ResourceAddress) -> Bool {
        var low = 0
        var high = pendingInvites.count
        while low < high {
            let middle = (low + high) / 2
            if pendingInvites[middle] < address { low = middle + 1 } else { high = middle }
        }
        return low < pendingInvites.count && pendingInvites[low] == address
    }
}
