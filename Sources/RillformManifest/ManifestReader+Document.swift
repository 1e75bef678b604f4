import RillformModel

extension ManifestReader {
    /// Reads every YAML document of a file; a file that does not parse yields one RF100/RF102 diagnostic.
    func read(_ text: String) -> [ManifestFragment] {
        switch YAMLComposer.compose(text) {
        case .failure(let error):
            let code: ManifestDiagnosticCode = error.kind == .syntax ? .yamlSyntax : .aliasBomb
            report(code, error.message, at: error.mark)
            return []
        case .success(let documents):
            let nonEmpty = documents.filter { !Self.isEmpty($0) }
            if nonEmpty.isEmpty {
                report(.emptyDocument, "manifest file is empty", at: YAMLMark(line: 1, column: 1))
                return []
            }
            return nonEmpty.compactMap(readDocument)
        }
    }

    private static func isEmpty(_ document: YAMLDocument) -> Bool {
        guard let root = document.root else { return true }
        if case .scalar(let scalar) = root, scalar.style == .plain, scalar.tag == nil, scalar.value.isEmpty {
            return true
        }
        return false
    }

    private func readDocument(_ document: YAMLDocument) -> ManifestFragment? {
        guard let root = document.root,
              let fields = fields(root, of: "the manifest", allowed: ["apiVersion", "policy", "orgs"])
        else { return nil }
        if let entry = fields["apiVersion"] {
            if let version = string(entry), version.value != ManifestLoader.apiVersion {
                report(.apiVersionUnsupported,
                       "unsupported apiVersion \(shown(version.value, at: version.location)) "
                           + "(this rillform reads '\(ManifestLoader.apiVersion)')",
                       at: version.location)
            }
        } else {
            report(.apiVersionMissing, "missing 'apiVersion: \(ManifestLoader.apiVersion)'", at: fields.mark)
        }
        let policy = fields["policy"].flatMap { readPolicy($0.value, of: "the top-level policy") }
        if let prune = policy?.prune, prune.value {
            report(.pruneEnabled,
                   "'prune: true' at the top level deletes unmanaged projects, services, members and usergroups in every declared org",
                   at: prune.location)
        }
        let orgs = list(fields["orgs"])?.compactMap(readOrg) ?? []
        return ManifestFragment(file: file, policy: policy, orgs: orgs)
    }

    /// `policy:` at the top level or in an org.
    func readPolicy(_ node: YAMLNode, of what: String) -> Policy? {
        guard let fields = fields(node, of: what, allowed: ["prune", "protect", "mass_delete_threshold"]) else {
            return nil
        }
        var protect: [Located<ResourceAddress>] = []
        for item in list(fields["protect"]) ?? [] {
            guard let text = string(ManifestReader.Entry(key: "protect", keyMark: item.mark, value: item)) else {
                continue
            }
            switch ResourceAddress.parse(text.value) {
            case .success(let address): protect.append(Located(address, at: text.location))
            case .failure(let error): report(.invalidProtectAddress, error.description, at: text.location)
            }
        }
        let threshold = fields["mass_delete_threshold"].flatMap(readThreshold)
        return Policy(prune: bool(fields["prune"]), protect: protect, massDeleteThreshold: threshold,
                      location: location(fields.mark))
    }

    private func readThreshold(_ entry: Entry) -> Located<MassDeleteThreshold>? {
        guard let fields = fields(entry.value, of: "mass_delete_threshold", allowed: ["percent", "minimum_resources"])
        else { return nil }
        var threshold = MassDeleteThreshold.default
        var valid = true
        if let percent = number(fields["percent"]) {
            if percent.value > 0, percent.value <= 100 {
                threshold.percent = percent.value
            } else {
                report(.outOfRange, "'percent' must be greater than 0 and at most 100", at: percent.location)
                valid = false
            }
        }
        if let minimum = int(fields["minimum_resources"]) {
            if minimum.value >= 0 {
                threshold.minimumResources = minimum.value
            } else {
                report(.outOfRange, "'minimum_resources' must not be negative", at: minimum.location)
                valid = false
            }
        }
        return valid ? Located(threshold, at: location(fields.mark)) : nil
    }
}
