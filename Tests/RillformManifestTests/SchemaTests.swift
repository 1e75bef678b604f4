import Foundation
@testable import RillformManifest
import RillformModel
import RillformTestSupport
import Testing

@Suite("JSON Schema")
struct SchemaTests {
    static let schemaPath = Fixtures.repositoryRoot.appendingPathComponent("Schemas/rillform.schema.json")
    static let embeddedPath = Fixtures.repositoryRoot
        .appendingPathComponent("Sources/RillformManifest/ManifestSchema.swift")

    @Test("the embedded schema is byte-identical to Schemas/rillform.schema.json")
    func embeddedCopyInSync() throws {
        let file = try String(contentsOf: Self.schemaPath, encoding: .utf8)
        // ManifestSchema.swift is a golden generated from the JSON file (the source of truth):
        // `RILLFORM_UPDATE_GOLDEN=1 swift test --filter SchemaTests` regenerates it.
        let swift = """
            /// The manifest's JSON Schema, embedded so `rillform schema` works from a lone binary.
            /// Generated from `Schemas/rillform.schema.json` (the source of truth) by the test \
            `SchemaTests.embeddedCopyInSync`,
            /// which fails when the two differ; `RILLFORM_UPDATE_GOLDEN=1 swift test --filter SchemaTests` regenerates it.
            public enum ManifestSchema {
                /// The schema text, byte for byte as in `Schemas/rillform.schema.json`.
                public static let json: String = #\"\"\"

            """ + file + "\n\"\"\"#\n}\n"
        GoldenFiles.packageRoot.check(swift, against: "Sources/RillformManifest/ManifestSchema.swift")
        #expect(ManifestSchema.json == file, "the compiled schema is stale: rebuild")
    }

    @Test("the schema uses only keywords the subset validator knows; every property has a description")
    func schemaWellFormed() throws {
        let schema = try JSONSchemaSubset(json: ManifestSchema.json)
        #expect(schema.root["$schema"] as? String == "http://json-schema.org/draft-07/schema#")
        var missing: [String] = []
        func visit(_ node: Any, path: String) {
            if let object = node as? [String: Any] {
                if let properties = object["properties"] as? [String: Any] {
                    for (key, value) in properties {
                        if let property = value as? [String: Any], property["description"] == nil {
                            missing.append("\(path).\(key)")
                        }
                    }
                }
                for (key, value) in object { visit(value, path: "\(path)/\(key)") }
            } else if let array = node as? [Any] {
                for (index, value) in array.enumerated() { visit(value, path: "\(path)[\(index)]") }
            }
        }
        visit(schema.root, path: "#")
        // anyOf helper schemas restate project_roles only to require a non-empty object.
        #expect(missing.filter { !$0.contains("anyOf") } == [])
    }

    @Test("the schema declares exactly the keys the Swift reader accepts")
    func keysAgree() throws {
        let schema = try JSONSchemaSubset(json: ManifestSchema.json)
        func keys(_ pointer: String) -> Set<String> {
            var current: Any = schema.root
            for part in pointer.split(separator: "/") {
                if let array = current as? [Any], let index = Int(part), array.indices.contains(index) {
                    current = array[index]
                } else {
                    current = (current as? [String: Any])?[String(part)] as Any
                }
            }
            return Set(((current as? [String: Any])?["properties"] as? [String: Any] ?? [:]).keys)
        }
        #expect(keys("$defs/org") == Set(ManifestReader.orgKeys))
        #expect(keys("$defs/project") == Set(ManifestReader.projectKeys))
        #expect(keys("$defs/service") == Set(ManifestReader.serviceKeys))
        #expect(keys("$defs/service/properties/tokens") == Set(ManifestReader.tokenKeys))
        #expect(keys("$defs/deployment/oneOf/1") == Set(ManifestReader.deploymentKeys))
        #expect(keys("$defs/member") == Set(ManifestReader.memberKeys))
        #expect(keys("$defs/usergroup") == Set(ManifestReader.usergroupKeys))
        #expect(keys("$defs/allowed_domain") == Set(ManifestReader.allowedDomainKeys))
        #expect(keys("$defs/project_member") == Set(ManifestReader.projectMemberKeys))
        #expect(keys("$defs/project_allowed_domain") == Set(ManifestReader.projectAllowedDomainKeys))
        #expect(keys("") == ["apiVersion", "policy", "orgs"])
        #expect(keys("$defs/policy") == ["prune", "protect", "mass_delete_threshold"])
    }

    /// Codes the schema can express: a file has one of these errors exactly when the schema rejects it.
    static let structuralCodes: Set<String> = [
        "RF110", "RF111", "RF120", "RF121", "RF122", "RF123", "RF124", "RF125", "RF126", "RF127", "RF128", "RF151",
        "RF152", "RF160", "RF167",
    ]
    /// Files with these are not compared: YAML-level problems (syntax, duplicate keys, tags, `${}`) have no JSON form.
    static let incomparableCodes: Set<String> = ["RF100", "RF101", "RF102", "RF103", "RF130", "RF182"]

    static var allManifests: [String] {
        Fixtures.files(in: "valid").map { "valid/\($0)" } + Fixtures.files(in: "invalid").map { "invalid/\($0)" }
    }

    @Test("schema and validator agree on every fixture", arguments: allManifests)
    func agreeOnFixture(_ path: String) throws {
        try expectAgreement(ManifestSource(path: path, text: try Fixtures.text(path)))
    }

    @Test("schema and validator agree on every example file", arguments: ["quickstart", "gitops", "people"])
    func agreeOnExamples(_ name: String) throws {
        for source in try Fixtures.example(name) { try expectAgreement(source, expectValid: true) }
    }

    @Test("most fixtures are comparable (the agreement test is not vacuous)")
    func enoughComparable() throws {
        let comparable = try Self.allManifests.filter { path in
            let result = try Fixtures.load(path)
            return Set(result.codes).isDisjoint(with: Self.incomparableCodes)
        }
        #expect(comparable.count >= 10)
    }

    private func expectAgreement(_ source: ManifestSource, expectValid: Bool = false) throws {
        let result = ManifestLoader.load(files: [source])
        let codes = Set(result.diagnostics.errors.map(\.code))
        guard codes.isDisjoint(with: Self.incomparableCodes) else { return }
        guard case .success(let documents) = YAMLComposer.compose(source.text) else {
            Issue.record("\(source.path) composes in the loader but not here")
            return
        }
        let schema = try JSONSchemaSubset(json: ManifestSchema.json)
        let schemaErrors = documents.compactMap(\.root).flatMap { schema.validate(Self.instance($0)) }
        let structural = result.diagnostics.errors.filter { Self.structuralCodes.contains($0.code) }
        #expect(schemaErrors.isEmpty == structural.isEmpty,
                "\(source.path): schema says \(schemaErrors), validator says \(structural.map(\.description))")
        if expectValid {
            #expect(schemaErrors.isEmpty)
            #expect(result.diagnostics.errors.isEmpty)
        }
    }

    /// YAML → JSON as an editor sees it: timestamps and binary stay strings, keys are their text.
    static func instance(_ node: YAMLNode) -> JSONInstance {
        switch node.dereferenced {
        case .scalar(let scalar):
            switch ScalarValue.resolve(scalar) {
            case .null: return .null
            case .bool(let flag): return .bool(flag)
            case .int(let number): return .number(Double(number), isInteger: true)
            case .float(let number): return .number(number, isInteger: false)
            case .string(let text), .timestamp(let text): return .string(text)
            case .binary, .unsupportedTag: return .string(scalar.value)
            }
        case .sequence(let items, _, _): return .array(items.map(instance))
        case .mapping(let pairs, _, _):
            return .object(pairs.map { pair in
                let key = if case .scalar(let scalar) = pair.key.dereferenced { scalar.value } else { "?" }
                return (key, instance(pair.value))
            })
        case .alias: return .null
        }
    }
}
