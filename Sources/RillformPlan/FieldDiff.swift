import RillformModel

/// Compares the managed fields of one resource. A field absent from the manifest is not managed and not compared;
/// values are normalised first so equal things never show as changes:
///
/// - Per field, by its definition (``ManagedField/normalized(_:)``): an empty live `prod_version` is `latest`.
/// - Strings: live state uses `""` for "none", and so does the manifest (`default_project_role: ""` clears).
/// - Integers (`prod_slots`, `prod_ttl_seconds`) are integers on both sides; `0` TTL means no expiry on both.
/// - `attributes`: compared as JSON values, numbers as doubles (`2 == 2.0`), objects key-order-insensitive;
///   an explicit `{}` is a managed, empty map (it clears).
/// - `project_roles`: compared per project (a map), so order never matters.
/// - `git_remote`: compared exactly (no `.git` or case folding): Rill stores and returns it verbatim, and a
///   folded comparison could hide a real change of repository.
/// - Deployment state: PENDING/UPDATING count as running, STOPPING as stopped (see `LiveDeployment.state`).
struct FieldDiff {
    /// False when the live object does not exist (a create): every desired field is listed as new.
    let liveExists: Bool
    private(set) var changes: [FieldChange] = []
    private(set) var unchangedCount = 0

    init(liveExists: Bool) {
        self.liveExists = liveExists
    }

    mutating func compare(_ field: String, desired: JSONValue?, at location: SourceLocation?, live: JSONValue?,
                          forcesReplacement: Bool = false) {
        guard let desired else { return }
        guard liveExists else {
            changes.append(FieldChange(field: field, before: nil, after: desired, location: location))
            return
        }
        if desired == live {
            unchangedCount += 1
        } else {
            changes.append(FieldChange(field: field, before: live, after: desired, location: location,
                                       forcesReplacement: forcesReplacement))
        }
    }

    mutating func compare(_ field: String, _ desired: Located<String>?, live: String?) {
        compare(field, desired: desired.map { .string($0.value) }, at: desired?.location, live: live.map(JSONValue.string))
    }

    mutating func compare(_ field: String, _ desired: Located<Bool>?, live: Bool?) {
        compare(field, desired: desired.map { .bool($0.value) }, at: desired?.location, live: live.map(JSONValue.bool))
    }

    mutating func compare(_ field: String, _ desired: Located<Int>?, live: Int?) {
        compare(field, desired: desired.map { .number(Double($0.value)) }, at: desired?.location,
                live: live.map { .number(Double($0)) })
    }

    /// Compares one managed field, both sides normalised by its definition. A live value of `nil` is "none"
    /// (e.g. a service without an org role).
    mutating func compare<Field: ManagedField>(_ field: Field, desired: Located<FieldValue>?, live: FieldValue?,
                                               forcesReplacement: Bool = false) {
        compare(field.manifestKey, desired: desired.map { field.normalized($0.value).json }, at: desired?.location,
                live: live.map { field.normalized($0).json },
                forcesReplacement: forcesReplacement || field.forcesReplacement)
    }

    /// Compares every managed field of a kind: the one diff for orgs, projects and services.
    mutating func compareAll<Field: ManagedField>(_ desired: DesiredValues<Field>, live: LiveValues<Field>?) {
        for field in Field.allCases {
            compare(field, desired: desired[field], live: live.flatMap { $0.value(field) })
        }
    }

    /// Adds a change that is not a plain comparison (e.g. a rename's `name`).
    mutating func append(_ change: FieldChange) {
        changes.append(change)
    }

    /// Changes sorted by field name: deterministic output.
    var sortedChanges: [FieldChange] { changes.sorted { $0.field < $1.field } }
}
