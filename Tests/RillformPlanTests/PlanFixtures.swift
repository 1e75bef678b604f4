import Foundation
import RillformModel
@testable import RillformPlan

/// Small builders for planner tests: every value gets a distinct manifest position so provenance is checkable.
enum Fixture {
    static let file = "rillform.yaml"
    static let now = Date(timeIntervalSince1970: 1_795_000_000)  // 2026-11-18T…Z
    static let day: TimeInterval = 86_400

    static func at(_ line: Int, _ column: Int = 3) -> SourceLocation {
        SourceLocation(file: file, line: line, column: column)
    }

    static func located<T>(_ value: T, _ line: Int, _ column: Int = 3) -> Located<T> {
        Located(value, at: at(line, column))
    }

    static func options(prune: Bool = false, targets: [String] = [], excludes: [String] = [],
                        issued: Set<String> = []) -> PlanOptions {
        PlanOptions(prune: prune, targets: targets.compactMap(ResourceAddress.init),
                    excludes: excludes.compactMap(ResourceAddress.init), now: now, issuedTokenIDs: issued)
    }

    static func plan(_ org: DesiredOrg, _ live: LiveOrg?, options: PlanOptions = Fixture.options(),
                     policy: Policy = Policy()) -> Plan {
        Planner.plan(desired: DesiredState(orgs: [org], policy: policy),
                     live: LiveState(orgs: live.map { [$0.name: $0] } ?? [:]), options: options)
    }

    static func org(projects: [DesiredProject] = [], services: [DesiredService] = [],
                    description: String? = nil, policy: Policy? = nil) -> DesiredOrg {
        DesiredOrg(name: located("acme", 1), description: description.map { located($0, 2) },
                   projects: projects, services: services, policy: policy)
    }

    static func liveOrg(projects: [LiveProject] = [], services: [LiveService] = [], description: String = "")
        -> LiveOrg
    {
        LiveOrg(id: "org-1", name: "acme", description: description,
                projects: Dictionary(uniqueKeysWithValues: projects.map { ($0.name, $0) }),
                services: Dictionary(uniqueKeysWithValues: services.map { ($0.name, $0) }))
    }

    static func token(_ id: String, ageDays: Double?) -> LiveToken {
        LiveToken(id: id, prefix: "rill_svc_\(id.prefix(4))", createdOn: ageDays.map { now.addingTimeInterval(-$0 * day) })
    }
}

extension Plan {
    /// The change at an address given as text (tests read better with strings).
    func change(_ address: String) -> ResourceChange? {
        guard let parsed = ResourceAddress(address) else { return nil }
        return change(for: parsed)
    }

    var addresses: [String] { changes.map(\.address.description) }
}
