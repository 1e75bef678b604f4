import RillformModel

/// Drift findings (RF400–RF403: `driftedField`, `unmanagedResource`, `missingResource`, `tokenPolicyUnmet`) are
/// entries of the one registry, ``DiagnosticCode``; this name keeps the drift code's spelling.
public typealias DriftFindingCode = DiagnosticCode
