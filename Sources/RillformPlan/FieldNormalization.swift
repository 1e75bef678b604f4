import RillformModel

/// The normalisations applied before comparing, so that equal states never produce a diff:
///
/// - Strings: live state uses `""` for "none", and so does the manifest (`default_project_role: ""` clears).
/// - Int64 fields (`prod_slots`, `prod_ttl_seconds`) are already integers in LiveState; `0` TTL means no expiry on
///   both sides.
/// - `prod_version`: an empty live value is Rill's default, `latest`.
/// - `attributes`: compared as JSON values, numbers as doubles (`2 == 2.0`), objects key-order-insensitive;
///   an explicit `{}` is a managed, empty map (it clears).
/// - `project_roles`: compared per project (a map), so order never matters.
/// - `git_remote`: compared exactly (no `.git` or case folding): Rill stores and returns it verbatim, and a
///   folded comparison could hide a real change of repository.
/// - Deployment state: PENDING/UPDATING count as running, STOPPING as stopped (see `LiveDeployment.state`).
enum FieldNormalization {
    static func prodVersion(_ value: String) -> String { value.isEmpty ? "latest" : value }

    static func attributes(_ value: [String: JSONValue]) -> JSONValue { .object(value) }
}
