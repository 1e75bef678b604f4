import RillformModel

extension OrgPlanner {
    static let allowedDomainReplaceReason = "Rill cannot change an allowed domain's role: it is removed and added again"

    /// The org's declared `allowed_domains`, authoritative: missing ones are added, live ones the list leaves out
    /// removed (prune or not), a different role replaces the domain.
    func planAllowedDomains(_ domains: [DesiredAllowedDomain], into draft: inout PlanDraft) {
        planDomains(domains.map { ($0.domain, $0.managed) },
                    live: (live?.allowedDomains ?? [:]).mapValues(\.managed),
                    address: { .allowedDomain(org, domain: $0) }, owner: desired.name.location,
                    list: "org.\(org)", into: &draft)
    }

    /// A project's declared `allowed_domains`, authoritative for the project (same rules as the org's).
    /// `owner`: where the project is declared (the position a removal is reported at).
    func planProjectAllowedDomains(_ domains: [DesiredProjectAllowedDomain], of project: String, owner: SourceLocation,
                                   live liveProject: LiveProject?, into draft: inout PlanDraft) {
        planDomains(domains.map { ($0.domain, $0.managed) },
                    live: (liveProject?.allowedDomains ?? [:]).mapValues(\.managed),
                    address: { .projectAllowedDomain(org, project: project, domain: $0) }, owner: owner,
                    list: "project.\(org)/\(project)", into: &draft)
    }

    /// One authoritative domain list, org or project: create, replace (any field differs: domains have no update),
    /// nothing, or remove a live domain the list leaves out (reported at `owner`, the list's org or project).
    private func planDomains<Field: ManagedField>(
        _ declared: [(domain: Located<String>, managed: DesiredValues<Field>)], live liveDomains: [String: LiveValues<Field>],
        address: (String) -> ResourceAddress, owner: SourceLocation, list: String, into draft: inout PlanDraft
    ) {
        var seen: Set<String> = []
        for entry in declared.sorted(by: { $0.domain.value < $1.domain.value }) {
            let name = entry.domain.value.lowercased()
            guard seen.insert(name).inserted else { continue }
            let liveDomain = liveDomains[name]
            var diff = FieldDiff(liveExists: liveDomain != nil)
            diff.compareAll(entry.managed, live: liveDomain)
            let operation: ChangeOperation = liveDomain == nil ? .create : (diff.changes.isEmpty ? .noOp : .replace)
            draft.record(ResourceChange(
                address: address(name), actions: operation.actions, fieldChanges: diff.sortedChanges,
                unchangedFieldCount: diff.unchangedCount, location: entry.domain.location,
                live: liveDomain == nil ? nil : LiveReference(name: name),
                replaceReason: operation == .replace ? Self.allowedDomainReplaceReason : nil))
        }
        for name in liveDomains.keys.sorted() where !seen.contains(name) {
            guard let values = liveDomains[name] else { continue }
            let fields = Field.allCases.compactMap { field -> FieldChange? in
                values.value(field).map { FieldChange(field: field.manifestKey, before: $0.json, after: nil) }
            }
            draft.record(ResourceChange(
                address: address(name), actions: [.delete], fieldChanges: fields, location: owner,
                live: LiveReference(name: name), notes: ["not in the managed allowed_domains list of \(list)"]))
        }
    }
}
