import RillformModel

extension OrgPlanner {
    static let allowedDomainReplaceReason = "Rill cannot change an allowed domain's role: it is removed and added again"

    /// The org's declared `allowed_domains`, authoritative: missing ones are added, live ones the list leaves out
    /// removed (prune or not), a different role replaces the domain.
    func planAllowedDomains(_ domains: [DesiredAllowedDomain], into draft: inout PlanDraft) {
        let liveDomains = live?.allowedDomains ?? [:]
        var declared: Set<String> = []
        for domain in domains.sorted(by: { $0.domain.value < $1.domain.value }) {
            let name = domain.domain.value.lowercased()
            guard declared.insert(name).inserted else { continue }
            let liveDomain = liveDomains[name]
            var diff = FieldDiff(liveExists: liveDomain != nil)
            diff.compareAll(domain.managed, live: liveDomain?.managed)
            recordDomain(.allowedDomain(org, domain: name), diff: diff, exists: liveDomain != nil,
                         location: domain.domain.location, into: &draft)
        }
        for name in liveDomains.keys.sorted() where !declared.contains(name) {
            guard let liveDomain = liveDomains[name] else { continue }
            draft.record(ResourceChange(
                address: .allowedDomain(org, domain: name), actions: [.delete],
                fieldChanges: liveValues(liveDomain.managed), location: desired.name.location,
                live: LiveReference(name: name), notes: ["not in the managed allowed_domains list of org.\(org)"]))
        }
    }

    /// A project's declared `allowed_domains`, authoritative for the project (same rules as the org's).
    /// `owner`: where the project is declared (the position a removal is reported at).
    func planProjectAllowedDomains(_ domains: [DesiredProjectAllowedDomain], of project: String, owner: SourceLocation,
                                   live liveProject: LiveProject?, into draft: inout PlanDraft) {
        let liveDomains = liveProject?.allowedDomains ?? [:]
        var declared: Set<String> = []
        for domain in domains.sorted(by: { $0.domain.value < $1.domain.value }) {
            let name = domain.domain.value.lowercased()
            guard declared.insert(name).inserted else { continue }
            let liveDomain = liveDomains[name]
            var diff = FieldDiff(liveExists: liveDomain != nil)
            diff.compareAll(domain.managed, live: liveDomain?.managed)
            recordDomain(.projectAllowedDomain(org, project: project, domain: name), diff: diff,
                         exists: liveDomain != nil, location: domain.domain.location, into: &draft)
        }
        for name in liveDomains.keys.sorted() where !declared.contains(name) {
            guard let liveDomain = liveDomains[name] else { continue }
            draft.record(ResourceChange(
                address: .projectAllowedDomain(org, project: project, domain: name), actions: [.delete],
                fieldChanges: liveValues(liveDomain.managed), location: owner, live: LiveReference(name: name),
                notes: ["not in the managed allowed_domains list of project.\(org)/\(project)"]))
        }
    }

    /// Create, replace (any field differs: domains have no update) or nothing.
    private func recordDomain(_ address: ResourceAddress, diff: FieldDiff, exists: Bool, location: SourceLocation,
                              into draft: inout PlanDraft) {
        let operation: ChangeOperation = !exists ? .create : (diff.changes.isEmpty ? .noOp : .replace)
        draft.record(ResourceChange(
            address: address, actions: operation.actions, fieldChanges: diff.sortedChanges,
            unchangedFieldCount: diff.unchangedCount, location: location,
            live: exists ? LiveReference(name: address.domain) : nil,
            replaceReason: operation == .replace ? Self.allowedDomainReplaceReason : nil))
    }

    private func liveValues<Field: ManagedField>(_ values: LiveValues<Field>) -> [FieldChange] {
        Field.allCases.compactMap { field -> FieldChange? in
            guard let value = values.value(field) else { return nil }
            return FieldChange(field: field.manifestKey, before: value.json, after: nil)
        }
    }
}
