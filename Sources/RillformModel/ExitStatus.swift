/// Process exit codes: a contract with CI scripts, documented in the README and in `--help`.
/// Anything other than 0 and 2 is a failure.
public enum ExitStatus: Int32, Sendable {
    /// Success; for `plan` without `--detailed-exitcode`, also when changes are present.
    case success = 0
    /// An error: invalid manifest, API failure, failed apply.
    case error = 1
    /// Changes present (`plan --detailed-exitcode`) or drift found (`drift`).
    case changesPresent = 2
    /// Refused by a safety guard (protection, mass-delete threshold, lockout, preflight).
    case refusedBySafetyGuard = 3
    /// The saved plan no longer matches live state.
    case stalePlan = 4
}
