/// Stable codes of drift findings (RF40x), used as SARIF rule ids and in GitHub annotations.
/// The planner's diagnostics own RF30x; never reuse a code for another meaning.
public enum DriftFindingCode: String, Sendable, Hashable, CaseIterable, Codable {
    /// A managed field whose live value differs from the manifest.
    case driftedField = "RF400"
    /// A live resource in scope that the manifest does not declare.
    case unmanagedResource = "RF401"
    /// A resource the manifest declares that does not exist live.
    case missingResource = "RF402"
    /// A service's live tokens do not satisfy its token policy (none left, rotation due, unknown tokens).
    case tokenPolicyUnmet = "RF403"

    /// The rule's short name, e.g. `drifted-field`.
    public var name: String {
        switch self {
        case .driftedField: "drifted-field"
        case .unmanagedResource: "unmanaged-resource"
        case .missingResource: "missing-resource"
        case .tokenPolicyUnmet: "token-policy-unmet"
        }
    }

    /// One line describing the rule (SARIF `shortDescription`).
    public var summary: String {
        switch self {
        case .driftedField: "A managed field's live value differs from the manifest."
        case .unmanagedResource: "A live resource in a managed org is not declared in the manifest."
        case .missingResource: "A resource declared in the manifest does not exist live."
        case .tokenPolicyUnmet: "A service's live tokens do not satisfy its token policy."
        }
    }
}
