/// One managed field of a resource kind: everything the reader, exporter, planner, fingerprints, JSON Schema,
/// README and wire mapping need to know about it. Each kind has one enum conforming to this, with exhaustive
/// switches in one file, so adding a case is one entry the compiler then asks to be mapped to the wire.
///
/// The raw value is the manifest key (and the field name in plans).
public protocol ManagedField: RawRepresentable, CaseIterable, Hashable, Sendable, Comparable
where RawValue == String, AllCases == [Self] {
    /// The field's name in Rill's admin API JSON (e.g. `prodTtlSeconds`).
    var wireName: String { get }
    var valueType: FieldValueType { get }
    /// One line for the JSON Schema's `description` and the README reference.
    var summary: String { get }
    /// True when a change cannot be made in place and replaces the resource.
    var forcesReplacement: Bool { get }
    /// False when Rill's create call has no such field (it is set by an update right after the create).
    var acceptedByCreate: Bool { get }
    /// The live value when Rill has none set (`""`, `false`, `0`); nil when "none" is an absent value.
    var unsetValue: FieldValue? { get }
    /// Values Rill's server picks when nothing is asked for (`prod_slots: 2`): `rillform export` leaves them
    /// out, like the unset value, so an export declares only what someone chose.
    var serverDefaults: [FieldValue] { get }
    /// The value as compared: equal things never show as a change (e.g. an empty prod_version is `latest`).
    func normalized(_ value: FieldValue) -> FieldValue
}

extension ManagedField {
    /// The manifest key.
    public var manifestKey: String { rawValue }

    public var forcesReplacement: Bool { false }
    public var acceptedByCreate: Bool { true }
    public var serverDefaults: [FieldValue] { [] }
    public func normalized(_ value: FieldValue) -> FieldValue { value }

    /// Declaration order (the order of `allCases`): the order fields are read, exported and documented in.
    public static func < (lhs: Self, rhs: Self) -> Bool {
        (allCases.firstIndex(of: lhs) ?? 0) < (allCases.firstIndex(of: rhs) ?? 0)
    }

    /// The field whose manifest key is `key`.
    public init?(manifestKey key: String) {
        self.init(rawValue: key)
    }
}

/// The managed values of one resource, by field: `Located<FieldValue>` in desired state (absent = not managed),
/// `FieldValue` in live state. Code that treats every field alike iterates `Field.allCases` over this map.
public struct ManagedValues<Field: ManagedField, Value: Sendable & Hashable>: Sendable, Hashable {
    public private(set) var values: [Field: Value]

    public init(_ values: [Field: Value] = [:]) {
        self.values = values
    }

    public subscript(field: Field) -> Value? {
        get { values[field] }
        set { values[field] = newValue }
    }

    public var isEmpty: Bool { values.isEmpty }

    /// The fields present, in declaration order.
    public var fields: [Field] { Field.allCases.filter { values[$0] != nil } }
}

/// Desired values carry their manifest position.
public typealias DesiredValues<Field: ManagedField> = ManagedValues<Field, Located<FieldValue>>
/// Live values as read from the API.
public typealias LiveValues<Field: ManagedField> = ManagedValues<Field, FieldValue>

extension ManagedValues where Value == Located<FieldValue> {
    public func string(_ field: Field) -> Located<String>? { typed(field, \.stringValue) }
    public func bool(_ field: Field) -> Located<Bool>? { typed(field, \.boolValue) }
    public func integer(_ field: Field) -> Located<Int>? { typed(field, \.integerValue) }
    public func object(_ field: Field) -> Located<[String: JSONValue]>? { typed(field, \.objectValue) }
    public func list(_ field: Field) -> Located<[String]>? { typed(field, \.listValue) }
    public func enumeration<T: RawRepresentable>(_ field: Field, as type: T.Type) -> Located<T>?
    where T.RawValue == String {
        typed(field) { $0.stringValue.flatMap(T.init(rawValue:)) }
    }

    public mutating func set(_ field: Field, _ value: Located<String>?) {
        self[field] = value.map { .init(.string($0.value), at: $0.location) }
    }
    public mutating func set(_ field: Field, _ value: Located<Bool>?) {
        self[field] = value.map { .init(.bool($0.value), at: $0.location) }
    }
    public mutating func set(_ field: Field, _ value: Located<Int>?) {
        self[field] = value.map { .init(.integer($0.value), at: $0.location) }
    }
    public mutating func set(_ field: Field, _ value: Located<[String: JSONValue]>?) {
        self[field] = value.map { .init(.object($0.value), at: $0.location) }
    }
    public mutating func set(_ field: Field, _ value: Located<[String]>?) {
        self[field] = value.map { .init(.list($0.value), at: $0.location) }
    }
    public mutating func set<T: RawRepresentable>(_ field: Field, _ value: Located<T>?) where T.RawValue == String {
        self[field] = value.map { .init(.string($0.value.rawValue), at: $0.location) }
    }

    private func typed<T>(_ field: Field, _ read: (FieldValue) -> T?) -> Located<T>? {
        guard let entry = self[field], let value = read(entry.value) else { return nil }
        return Located(value, at: entry.location)
    }
}

extension ManagedValues where Value == FieldValue {
    /// The live value, or the field's unset value when the API reported none.
    public func value(_ field: Field) -> FieldValue? { self[field] ?? field.unsetValue }
    public func string(_ field: Field) -> String { value(field)?.stringValue ?? "" }
    public func bool(_ field: Field) -> Bool { value(field)?.boolValue ?? false }
    public func integer(_ field: Field) -> Int { value(field)?.integerValue ?? 0 }
    public func object(_ field: Field) -> [String: JSONValue] { value(field)?.objectValue ?? [:] }
    public func list(_ field: Field) -> [String] { value(field)?.listValue ?? [] }
}

extension ManagedValues: Codable where Value: Codable {
    /// Keyed by manifest key.
    public init(from decoder: any Decoder) throws {
        let raw = try [String: Value](from: decoder)
        var values: [Field: Value] = [:]
        for (key, value) in raw {
            if let field = Field(rawValue: key) { values[field] = value }
        }
        self.init(values)
    }

    public func encode(to encoder: any Encoder) throws {
        try Dictionary(uniqueKeysWithValues: values.map { ($0.key.rawValue, $0.value) }).encode(to: encoder)
    }
}

extension ManagedValues where Value == FieldValue {
    /// The value as one of a string enum's cases, when set and valid.
    public func enumeration<T: RawRepresentable>(_ field: Field, as type: T.Type) -> T? where T.RawValue == String {
        self[field]?.stringValue.flatMap(T.init(rawValue:))
    }
}

extension ManagedValues: ExpressibleByDictionaryLiteral {
    /// `[.gitRemote: .string("https://…"), .prodSlots: .integer(2)]`: values built by hand (tests, tools).
    public init(dictionaryLiteral elements: (Field, Value)...) {
        self.init(Dictionary(elements, uniquingKeysWith: { _, last in last }))
    }
}
