import RillformModel

/// Matches declared resources to live ones by name, then by `previously:` names (renames).
///
/// Current names are claimed first for every declared resource, so a `previously:` entry can never take a live
/// object that another declaration names directly.
struct NameMatcher<Live> {
    struct Declared {
        var name: Located<String>
        var previously: [Located<String>]
    }

    /// Per declared name: the live object (if any) and the rename that reaches it.
    private(set) var matches: [String: (live: Live, rename: RenameInfo?)] = [:]
    /// Live names taken by a declaration.
    private(set) var claimed: Set<String> = []
    private(set) var diagnostics: [Diagnostic] = []
    /// Live name → the declared name it is (or becomes) known by. Built once in `init`: it is looked up per live
    /// project role, and rebuilding it per lookup made planning quadratic (20k resources: 14 s).
    private(set) var declaredNames: [String: String] = [:]

    init(declared: [Declared], live: [String: Live], kind: ResourceKind, org: String) {
        for item in declared {
            if let object = live[item.name.value] {
                matches[item.name.value] = (object, nil)
                claimed.insert(item.name.value)
            }
        }
        for item in declared {
            let liveOld = item.previously.filter { live[$0.value] != nil }
            if matches[item.name.value] != nil {
                for old in liveOld where !claimed.contains(old.value) {
                    let address = ResourceAddress(kind: kind, components: [org, item.name.value])
                    diagnostics.append(.warning(PlanDiagnosticCode.renameConflict,
                        "\(address) exists live, and so does its previous name '\(old.value)'; "
                            + "the old one is not renamed and stays unmanaged", at: old.location))
                }
                continue
            }
            guard let old = liveOld.first(where: { !claimed.contains($0.value) }), let object = live[old.value]
            else { continue }
            matches[item.name.value] = (object, RenameInfo(from: old.value, location: old.location))
            claimed.insert(old.value)
        }
        declaredNames = matches.reduce(into: [:]) { result, entry in result[entry.value.rename?.from ?? entry.key] = entry.key }
    }
}
