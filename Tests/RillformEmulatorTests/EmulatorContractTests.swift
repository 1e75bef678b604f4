import Foundation
import RillformTestSupport
import Testing
import Yams
@testable import RillformEmulator

/// The emulator's responses must conform to our contract, `Schemas/rill-admin.openapi.yaml`: every operation in it
/// is exercised over real HTTP, and each 200 body is checked against the operation's response schema (declared
/// fields have the declared types, int64 values are decimal strings, timestamps are RFC 3339, and the response
/// envelope has every property the schema declares, since protojson emits unpopulated fields).
@Suite("Emulator conforms to Schemas/rill-admin.openapi.yaml")
struct EmulatorContractTests {
    @Test func everyOperationRespondsPerTheContract() async throws {
        let contract = try Contract.load()
        try await withEmulator { emulator in
            let admin = EmulatorHTTP(emulator, token: try #require(emulator.adminToken) as String)
            var exercised: [String: Int] = [:]
            var problems: [String] = []

            func call(_ method: String, _ path: String, _ body: String? = nil) async throws -> HTTPResult {
                let result = try await admin.send(method, path, body: body ?? (method == "GET" || method == "DELETE" ? nil : "{}"))
                #expect(result.status == 200, "\(method) \(path): \(result.status) \(result.rawBody)")
                guard let operation = contract.operation(method: method, path: path) else {
                    problems.append("\(method) \(path) is not in the contract")
                    return result
                }
                exercised[operation.id, default: 0] += 1
                let value = result.body
                problems += contract.validate(value, against: operation.responseSchema, at: "\(operation.id) $")
                    .map { "\(method) \(path): \($0)" }
                problems += contract.missingEnvelopeProperties(value, of: operation.responseSchema)
                    .map { "\(method) \(path): response lacks '\($0)'" }
                return result
            }

            _ = try await call("GET", "/v1/ping")
            _ = try await call("GET", "/v1/users/current")
            _ = try await call("GET", "/v1/roles")
            _ = try await call("GET", "/v1/github/repositories?remote=https://github.com/acme/sales.git")
            _ = try await call("POST", "/v1/orgs", #"{"name":"acme","displayName":"Acme"}"#)
            _ = try await call("GET", "/v1/orgs")
            _ = try await call("GET", "/v1/orgs/acme")
            _ = try await call("PATCH", "/v1/orgs/acme", #"{"description":"d","billingEmail":"b@acme.io","defaultProjectRole":"viewer"}"#)
            _ = try await call("POST", "/v1/orgs/acme/projects", #"{"project":"sales","prodSlots":"2","public":false,"archiveAssetId":"asset-1"}"#)
            _ = try await call("POST", "/v1/orgs/acme/projects", #"{"project":"spare","skipDeploy":true}"#)
            _ = try await call("GET", "/v1/orgs/acme/projects")
            _ = try await call("GET", "/v1/orgs/acme/projects/sales")
            _ = try await call("PATCH", "/v1/orgs/acme/projects/sales", #"{"description":"x","prodTtlSeconds":"0"}"#)
            _ = try await call("POST", "/v1/orgs/acme/projects/sales/credentials", #"{"ttlSeconds":60}"#)
            let created = try await call("POST", "/v1/orgs/acme/projects/sales/deployments", #"{"environment":"dev","branch":"feature"}"#)
            let deploymentID = try #require(created["deployment"]?["id"]?.stringValue)
            _ = try await call("GET", "/v1/orgs/acme/projects/sales/deployments")
            _ = try await call("POST", "/v1/deployments/\(deploymentID)/stop")
            _ = try await call("POST", "/v1/deployments/\(deploymentID)/start")
            _ = try await call("DELETE", "/v1/deployments/\(deploymentID)")
            _ = try await call("POST", "/v1/orgs/acme/services", #"{"name":"bot","orgRoleName":"viewer","attributes":{"tier":2,"tags":["a"]}}"#)
            _ = try await call("GET", "/v1/orgs/acme/services")
            _ = try await call("GET", "/v1/orgs/acme/services/bot")
            _ = try await call("PATCH", "/v1/orgs/acme/services/bot", #"{"attributes":{"region":"eu"}}"#)
            _ = try await call("PUT", "/v1/orgs/acme/services/bot/role", #"{"role":"editor"}"#)
            _ = try await call("PUT", "/v1/orgs/acme/projects/sales/services/bot/role", #"{"role":"admin"}"#)
            _ = try await call("GET", "/v1/orgs/acme/projects/sales/services")
            _ = try await call("POST", "/v1/orgs/acme/services/bot/tokens")
            let tokens = try await call("GET", "/v1/orgs/acme/services/bot/tokens")
            let tokenID = try #require(tokens["tokens"]?.arrayValue.first?["id"]?.stringValue)
            _ = try await call("DELETE", "/v1/services/tokens/\(tokenID)")
            _ = try await call("DELETE", "/v1/orgs/acme/projects/sales/services/bot")
            _ = try await call("DELETE", "/v1/orgs/acme/services/bot/role")
            _ = try await call("DELETE", "/v1/orgs/acme/services/bot")
            // People: members, invites, usergroups, whitelisted domains.
            _ = try await emulator.createUser(email: "member@acme.io")
            _ = try await call("POST", "/v1/orgs/acme/members", #"{"email":"member@acme.io","role":"viewer"}"#)
            _ = try await call("POST", "/v1/orgs/acme/members", #"{"email":"invitee@acme.io","role":"viewer"}"#)
            _ = try await call("GET", "/v1/orgs/acme/members?includeCounts=true")
            _ = try await call("GET", "/v1/orgs/acme/invites")
            _ = try await call("PUT", "/v1/orgs/acme/members/member@acme.io", #"{"role":"editor"}"#)
            _ = try await call("PUT", "/v1/orgs/acme/members/member@acme.io/attributes", #"{"attributes":{"region":"eu"}}"#)
            _ = try await call("POST", "/v1/orgs/acme/projects/spare/members",
                               #"{"email":"member@acme.io","role":"viewer","resources":[{"type":"rill.runtime.v1.Explore","name":"e"}]}"#)
            _ = try await call("POST", "/v1/orgs/acme/projects/spare/members", #"{"email":"guest@acme.io","role":"viewer"}"#)
            _ = try await call("GET", "/v1/orgs/acme/projects/spare/members")
            _ = try await call("GET", "/v1/orgs/acme/projects/spare/invites")
            _ = try await call("PUT", "/v1/orgs/acme/projects/spare/members/member@acme.io", #"{"role":"editor"}"#)
            _ = try await call("DELETE", "/v1/orgs/acme/projects/spare/members/member@acme.io")
            _ = try await call("POST", "/v1/orgs/acme/usergroups", #"{"name":"team"}"#)
            _ = try await call("GET", "/v1/orgs/acme/usergroups?includeCounts=true")
            _ = try await call("GET", "/v1/orgs/acme/usergroups/team")
            _ = try await call("PUT", "/v1/orgs/acme/usergroups/team", #"{"description":"d"}"#)
            _ = try await call("POST", "/v1/orgs/acme/usergroups/team", #"{"name":"crew"}"#)
            _ = try await call("PUT", "/v1/orgs/acme/usergroups/crew/members/member@acme.io")
            _ = try await call("GET", "/v1/orgs/acme/usergroups/crew/members")
            _ = try await call("POST", "/v1/orgs/acme/usergroups/crew/role", #"{"role":"viewer"}"#)
            _ = try await call("PUT", "/v1/orgs/acme/usergroups/crew/role", #"{"role":"editor"}"#)
            _ = try await call("DELETE", "/v1/orgs/acme/usergroups/crew/role")
            _ = try await call("POST", "/v1/orgs/acme/projects/spare/usergroups/crew/roles", #"{"role":"viewer"}"#)
            _ = try await call("PUT", "/v1/orgs/acme/projects/spare/usergroups/crew/roles", #"{"role":"editor"}"#)
            _ = try await call("GET", "/v1/orgs/acme/project/spare/usergroups?includeCounts=true")
            _ = try await call("DELETE", "/v1/orgs/acme/projects/spare/usergroups/crew/roles")
            _ = try await call("DELETE", "/v1/orgs/acme/usergroups/crew/members/member@acme.io")
            _ = try await call("DELETE", "/v1/orgs/acme/usergroups/crew")
            _ = try await call("POST", "/v1/orgs/acme/whitelisted", #"{"domain":"rillform.local","role":"viewer"}"#)
            _ = try await call("GET", "/v1/orgs/acme/whitelisted")
            _ = try await call("DELETE", "/v1/orgs/acme/whitelisted/rillform.local")
            _ = try await call("POST", "/v1/orgs/acme/projects/spare/whitelisted", #"{"domain":"rillform.local","role":"viewer"}"#)
            _ = try await call("GET", "/v1/orgs/acme/projects/spare/whitelisted")
            _ = try await call("DELETE", "/v1/orgs/acme/projects/spare/whitelisted/rillform.local")
            _ = try await call("DELETE", "/v1/orgs/acme/members/member@acme.io")
            _ = try await call("DELETE", "/v1/orgs/acme/projects/spare")
            _ = try await call("DELETE", "/v1/orgs/acme")

            #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))")
            let missing = contract.operationIDs.subtracting(exercised.keys).sorted()
            #expect(missing.isEmpty, "operations never exercised: \(missing)")
        }
    }

    @Test func theValidatorCatchesDeviations() throws {
        let contract = try Contract.load()
        let project = ["$ref": "#/components/schemas/v1Project"] as [String: Any]
        func check(_ members: [String: JSON]) -> Int { contract.validate(.object(members), against: project, at: "$").count }
        #expect(check(["prodSlots": .number(2)]) == 1, "int64 must be a string")
        #expect(check(["prodSlots": .string("two")]) == 1)
        #expect(check(["public": .string("false")]) == 1)
        #expect(check(["public": .number(1)]) == 1)
        #expect(check(["createdOn": .string("yesterday")]) == 1)
        #expect(check(["prodSlots": .string("2"), "public": .bool(true), "createdOn": .string("2026-11-23T01:02:03.456Z")]) == 0)
    }
}

/// The parts of our OpenAPI document the check needs, read with Yams.
private struct Contract {
    struct Operation {
        var id: String
        var method: String
        var pathPattern: [String]
        var responseSchema: [String: Any]
    }

    var operations: [Operation]
    var schemas: [String: Any]

    var operationIDs: Set<String> { Set(operations.map(\.id)) }

    static func load() throws -> Contract {
        let url = CLIProcess.repositoryRoot.appendingPathComponent("Schemas/rill-admin.openapi.yaml")
        let text = try String(contentsOf: url, encoding: .utf8)
        let document = try #require(try Yams.load(yaml: text) as? [String: Any])
        let paths = try #require(document["paths"] as? [String: Any])
        let components = try #require(document["components"] as? [String: Any])
        var operations: [Operation] = []
        for (path, item) in paths {
            guard let item = item as? [String: Any] else { continue }
            for method in ["get", "post", "put", "patch", "delete"] {
                guard let operation = item[method] as? [String: Any],
                      let id = operation["operationId"] as? String,
                      let responses = operation["responses"] as? [String: Any],
                      let ok = responses["200"] as? [String: Any],
                      let content = ok["content"] as? [String: Any],
                      let json = content["application/json"] as? [String: Any],
                      let schema = json["schema"] as? [String: Any]
                else { continue }
                operations.append(Operation(id: id, method: method.uppercased(),
                                            pathPattern: path.split(separator: "/").map(String.init),
                                            responseSchema: schema))
            }
        }
        return Contract(operations: operations, schemas: components["schemas"] as? [String: Any] ?? [:])
    }

    /// The operation whose method and path template match (`{param}` matches one segment; literals win).
    func operation(method: String, path: String) -> Operation? {
        let segments = path.split(separator: "?")[0].split(separator: "/").map(String.init)
        let candidates = operations.filter { operation in
            operation.method == method && operation.pathPattern.count == segments.count
                && zip(operation.pathPattern, segments).allSatisfy { $0.hasPrefix("{") || $0 == $1 }
        }
        return candidates.max { literalCount($0) < literalCount($1) }
    }

    private func literalCount(_ operation: Operation) -> Int { operation.pathPattern.filter { !$0.hasPrefix("{") }.count }

    private func resolve(_ schema: [String: Any]) -> [String: Any] {
        guard let ref = schema["$ref"] as? String, let name = ref.split(separator: "/").last,
              let target = schemas[String(name)] as? [String: Any] else { return schema }
        return resolve(target)
    }

    /// Type problems of `value` against `schema` (undeclared fields are allowed: our contract is a subset).
    func validate(_ value: JSON, against schema: [String: Any], at path: String) -> [String] {
        let schema = resolve(schema)
        if case .null = value { return [] }  // protojson writes unset message fields as null
        switch schema["type"] as? String {
        case "object"?:
            guard case .object(let object) = value else { return ["\(path): expected an object"] }
            let properties = schema["properties"] as? [String: Any] ?? [:]
            var problems: [String] = []
            for (key, member) in object {
                if let property = properties[key] as? [String: Any] {
                    problems += validate(member, against: property, at: "\(path).\(key)")
                } else if let additional = schema["additionalProperties"] as? [String: Any] {
                    problems += validate(member, against: additional, at: "\(path).\(key)")
                }
            }
            return problems
        case "array"?:
            guard case .array(let array) = value else { return ["\(path): expected an array"] }
            let items = schema["items"] as? [String: Any] ?? [:]
            return array.enumerated().flatMap { validate($1, against: items, at: "\(path)[\($0)]") }
        case "string"?:
            guard case .string(let text) = value else { return ["\(path): expected a string, got \(value)"] }
            switch schema["format"] as? String {
            case "int64"?, "uint64"?:
                return Int64(text) == nil && UInt64(text) == nil ? ["\(path): '\(text)' is not an int64 string"] : []
            case "date-time"?:
                return ISO8601DateFormatter.withFractions.date(from: text) == nil
                    && ISO8601DateFormatter().date(from: text) == nil ? ["\(path): '\(text)' is not RFC 3339"] : []
            default:
                if let allowed = schema["enum"] as? [String], !allowed.contains(text) {
                    return ["\(path): '\(text)' is not one of \(allowed)"]
                }
                return []
            }
        case "integer"?, "number"?:
            if case .number = value { return [] }
            return ["\(path): expected a number, got \(value)"]
        case "boolean"?:
            if case .bool = value { return [] }
            return ["\(path): expected a boolean, got \(value)"]
        default:
            return []  // untyped (e.g. attributes: any JSON)
        }
    }

    /// Top-level properties the response schema declares but the body lacks (legacy v0.76 names excepted).
    func missingEnvelopeProperties(_ value: JSON, of schema: [String: Any]) -> [String] {
        let schema = resolve(schema)
        guard case .object(let object) = value, let properties = schema["properties"] as? [String: Any] else {
            return []
        }
        return properties.compactMap { key, property in
            let legacy = (property as? [String: Any])?["x-rillform-legacy"] != nil
            return object[key] == nil && !legacy ? key : nil
        }.sorted()
    }
}

extension ISO8601DateFormatter {
    fileprivate static var withFractions: ISO8601DateFormatter {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter
    }
}
