import Foundation
import RillformManifest
import RillformModel
import RillformTestSupport
import Testing

/// The managed-field definitions (`OrgField`, `ProjectField`, `DeploymentField`, `ServiceField`,
/// `ServiceProjectRoleField` and the people kinds' fields) against the documents and values that depend on them.
@Suite("Managed field definitions")
struct FieldDefinitionTests {
    /// A field of some kind with what the documents need from it.
    struct Entry: Sendable, CustomTestStringConvertible {
        var kind: String
        var key: String
        var property: JSONValue
        var testDescription: String { "\(kind).\(key)" }

        init<Field: ManagedField>(_ kind: String, _ field: Field) {
            self.kind = kind
            key = field.manifestKey
            property = ManagedFieldSchema.property(field)
        }
    }

    static let entries: [Entry] = OrgField.allCases.map { Entry("org", $0) }
        + ProjectField.allCases.map { Entry("project", $0) }
        + DeploymentField.allCases.map { Entry("deployment", $0) }
        + ServiceField.allCases.map { Entry("service", $0) }
        + ServiceProjectRoleField.allCases.map { Entry("service", $0) }
        + MemberField.allCases.map { Entry("member", $0) }
        + UsergroupField.allCases.map { Entry("usergroup", $0) }
        + UsergroupProjectRoleField.allCases.map { Entry("usergroup", $0) }
        + AllowedDomainField.allCases.map { Entry("allowed_domain", $0) }
        + ProjectMemberField.allCases.map { Entry("project_member", $0) }
        + ProjectAllowedDomainField.allCases.map { Entry("project_allowed_domain", $0) }

    static func schema() throws -> JSONValue {
        let text = try String(contentsOf: PackageRoot.url.appendingPathComponent("Schemas/rillform.schema.json"),
                              encoding: .utf8)
        return try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
    }

    /// The schema's properties of a field's kind (deployments: the dev variant, which has every field).
    static func properties(_ kind: String, in schema: JSONValue) -> [String: JSONValue] {
        let definitions = schema.objectValue?["$defs"]?.objectValue ?? [:]
        var definition = definitions[kind]?.objectValue ?? [:]
        if case .array(let variants)? = definition["oneOf"], let dev = variants.last?.objectValue { definition = dev }
        return definition["properties"]?.objectValue ?? [:]
    }

    @Test("the JSON Schema has the field's property, as its definition describes it", arguments: entries)
    func schemaProperty(_ entry: Entry) throws {
        let property = try #require(Self.properties(entry.kind, in: try Self.schema())[entry.key],
                                    "Schemas/rillform.schema.json has no \(entry.kind) property \(entry.key)")
        if entry.key == ServiceProjectRoleField.projectRoles.manifestKey {
            // A map of project name → role: the definition describes one role.
            #expect(property.objectValue?["description"] == entry.property.objectValue?["description"])
            #expect(property.objectValue?["additionalProperties"]?.objectValue?["enum"]
                        == entry.property.objectValue?["enum"])
        } else {
            #expect(property == entry.property)
        }
    }

    @Test("the README's manifest reference documents the field", arguments: entries)
    func readmeMentions(_ entry: Entry) throws {
        let readme = try String(contentsOf: PackageRoot.url.appendingPathComponent("README.md"),
                                encoding: .utf8)
        let start = try #require(readme.range(of: "## Manifest reference"))
        let end = readme.range(of: "\n## ", range: start.upperBound..<readme.endIndex)?.lowerBound ?? readme.endIndex
        #expect(readme[start.lowerBound..<end].contains("**\(entry.key)**"))
    }

    @Test("manifest keys and wire names are unique per kind")
    func uniqueNames() {
        func check<Field: ManagedField>(_ kind: Field.Type) {
            #expect(Set(Field.allCases.map(\.manifestKey)).count == Field.allCases.count)
            #expect(Set(Field.allCases.map(\.wireName)).count == Field.allCases.count)
        }
        check(OrgField.self)
        check(ProjectField.self)
        check(DeploymentField.self)
        check(ServiceField.self)
        check(MemberField.self)
        check(UsergroupField.self)
        check(AllowedDomainField.self)
        check(ProjectMemberField.self)
        check(ProjectAllowedDomainField.self)
    }

    struct ProjectRow: Sendable {
        var field: ProjectField
        var wireName: String
        var acceptedByCreate: Bool
        var restartsDeployments: Bool
        var unset: FieldValue
    }

    static let projectRows: [ProjectRow] = [
        .init(field: .description, wireName: "description", acceptedByCreate: true, restartsDeployments: false, unset: .string("")),
        .init(field: .isPublic, wireName: "public", acceptedByCreate: true, restartsDeployments: false, unset: .bool(false)),
        .init(field: .gitRemote, wireName: "gitRemote", acceptedByCreate: true, restartsDeployments: true, unset: .string("")),
        .init(field: .primaryBranch, wireName: "primaryBranch", acceptedByCreate: true, restartsDeployments: true, unset: .string("")),
        .init(field: .subpath, wireName: "subpath", acceptedByCreate: true, restartsDeployments: true, unset: .string("")),
        .init(field: .prodSlots, wireName: "prodSlots", acceptedByCreate: true, restartsDeployments: true, unset: .integer(0)),
        .init(field: .prodVersion, wireName: "prodVersion", acceptedByCreate: true, restartsDeployments: true, unset: .string("")),
        .init(field: .prodTtlSeconds, wireName: "prodTtlSeconds", acceptedByCreate: false, restartsDeployments: false, unset: .integer(0)),
        .init(field: .provisioner, wireName: "provisioner", acceptedByCreate: true, restartsDeployments: false, unset: .string("")),
    ]

    @Test("project fields: wire name, create, restart and unset value")
    func projectTable() {
        #expect(Self.projectRows.map(\.field) == ProjectField.allCases)
        for row in Self.projectRows {
            #expect(row.field.wireName == row.wireName, "\(row.field)")
            #expect(row.field.acceptedByCreate == row.acceptedByCreate, "\(row.field)")
            #expect(row.field.restartsDeployments == row.restartsDeployments, "\(row.field)")
            #expect(row.field.unsetValue == row.unset, "\(row.field)")
        }
    }

    @Test("normalisation: an empty prod_version is latest; other values are kept")
    func normalisation() {
        #expect(ProjectField.prodVersion.normalized(.string("")) == .string("latest"))
        #expect(ProjectField.prodVersion.normalized(.string("v0.50")) == .string("v0.50"))
        #expect(ProjectField.subpath.normalized(.string("")) == .string(""))
        #expect(ServiceField.attributes.normalized(.object([:])) == .object([:]))
    }

    @Test("replacement: only a deployment's editable forces it (a service's org role is decided from live state)")
    func replacement() {
        #expect(DeploymentField.allCases.filter(\.forcesReplacement) == [.editable])
        #expect(ProjectField.allCases.filter(\.forcesReplacement).isEmpty)
        #expect(OrgField.allCases.filter(\.forcesReplacement).isEmpty)
        #expect(ServiceField.allCases.filter(\.forcesReplacement).isEmpty)
        #expect(OrgField.allCases.filter { !$0.acceptedByCreate } == [.defaultProjectRole, .billingEmail])
    }

    @Test("field values convert to and from plan JSON once, integers as JSON numbers",
          arguments: [
              (FieldValue.string("x"), FieldValueType.string(pattern: nil), JSONValue.string("x")),
              (.bool(true), .bool, .bool(true)),
              (.integer(3600), .integer(minimum: 0, rule: ""), .number(3600)),
              (.object(["a": .number(1)]), .object, .object(["a": .number(1)])),
              (.string("viewer"), .enumeration(["viewer"]), .string("viewer")),
          ])
    func jsonRoundTrip(_ value: FieldValue, _ type: FieldValueType, _ json: JSONValue) throws {
        #expect(value.json == json)
        #expect(FieldValue(json: json, as: type) == value)
        let encoded = try JSONEncoder().encode(value)
        #expect(try JSONDecoder().decode(FieldValue.self, from: encoded) == value)
    }

    @Test("a value of the wrong shape is not read as the field's type")
    func wrongShape() {
        #expect(FieldValue(json: .number(1.5), as: .integer(minimum: 0, rule: "")) == nil)
        #expect(FieldValue(json: .string("1"), as: .integer(minimum: 0, rule: "")) == nil)
        #expect(FieldValue(json: .number(1), as: .bool) == nil)
    }
}
