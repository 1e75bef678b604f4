import RillformModel

/// Compares the managed fields of one resource. A field absent from the manifest is not managed and not compared;
/// values are normalised first (see ``FieldNormalization``) so equal things never show as changes.
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

    /// Adds a change that is not a plain comparison (e.g. a rename's `name`).
    mutating func append(_ change: FieldChange) {
        changes.append(change)
    }

    /// Changes sorted by field name: deterministic output.
    var sortedChanges: [FieldChange] { changes.sorted { $0.field < $1.field } }
}
