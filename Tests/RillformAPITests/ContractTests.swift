import Foundation
import Testing
import Yams

/// Our contract (`Schemas/rill-admin.openapi.yaml`) must be a faithful subset of Rill's published spec:
/// every operation with the same method, path and operationId; every parameter with the same location, type
/// and requiredness; every body and response field with the same name and type. Our component schemas must
/// exist under the same names in Rill's spec. Fields marked `x-rillform-legacy` (names older servers send)
/// are exempt.
@Suite(.enabled(
    if: FileManager.default.fileExists(atPath: RepositoryPaths.referenceSpec.path),
    "Rill's reference spec is not at ../shared/reference/rill-admin-openapi.yaml (relative to the repository); contract not checked"))
struct ContractTests {
    /// The operations rillform depends on; the contract must keep them.
    static let requiredOperations: Set<String> = [
        "AdminService_Ping", "AdminService_GetCurrentUser", "AdminService_ListRoles",
        "AdminService_ListOrganizations", "AdminService_GetOrganization", "AdminService_CreateOrganization",
        "AdminService_UpdateOrganization", "AdminService_DeleteOrganization",
        "AdminService_ListProjectsForOrganization", "AdminService_GetProject", "AdminService_CreateProject",
        "AdminService_UpdateProject", "AdminService_DeleteProject",
        "AdminService_ListDeployments", "AdminService_CreateDeployment", "AdminService_StartDeployment",
        "AdminService_StopDeployment", "AdminService_DeleteDeployment",
        "AdminService_ListServices", "AdminService_GetService", "AdminService_CreateService",
        "AdminService_UpdateService", "AdminService_DeleteService",
        "AdminService_SetOrganizationMemberServiceRole", "AdminService_RemoveOrganizationMemberService",
        "AdminService_ListProjectMemberServices", "AdminService_SetProjectMemberServiceRole",
        "AdminService_RemoveProjectMemberService",
        "AdminService_IssueServiceAuthToken", "AdminService_ListServiceAuthTokens",
        "AdminService_RevokeServiceAuthToken", "AdminService_GetDeploymentCredentials",
    ]

    let checker: ContractChecker

    init() throws {
        checker = ContractChecker(
            ours: try OpenAPIDocument(contentsOf: RepositoryPaths.schema),
            theirs: try OpenAPIDocument(contentsOf: RepositoryPaths.referenceSpec))
    }

    @Test func containsEveryOperationRillformNeeds() {
        let ids = checker.ours.operations.map(\.operationId)
        let missing = Self.requiredOperations.subtracting(ids).sorted()
        #expect(missing.isEmpty, "missing: \(missing)")
        #expect(Set(ids).count == ids.count, "duplicate operationIds")
        #expect(ids.count >= Self.requiredOperations.count)
    }

    @Test func everyOperationExistsWithTheSameMethodPathAndId() {
        let problems = checker.operationProblems()
        #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))")
    }

    @Test func parametersMatch() {
        let problems = checker.parameterProblems()
        #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))")
    }

    @Test func requestBodyFieldsMatch() {
        let problems = checker.requestBodyProblems()
        #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))")
    }

    @Test func responsesUseTheSameSchemas() {
        let problems = checker.responseProblems()
        #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))")
    }

    @Test func componentSchemasAreSubsetsOfRillsUnderTheSameNames() {
        let problems = checker.schemaProblems()
        #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))")
    }

    /// Response fields must never be `required`: decoding stays tolerant of missing fields.
    @Test func noResponseFieldIsRequired() {
        for (name, schema) in checker.ours.schemas {
            #expect(schema["required"] == nil, "schema \(name) marks fields required")
        }
    }

    /// The checker itself catches the mistakes it exists for (a wrong path, a misspelled or retyped field).
    @Test func checkerDetectsDeviations() throws {
        let broken = try OpenAPIDocument(yaml: """
            openapi: 3.0.3
            paths:
                /v1/organizations/{org}:
                    get:
                        operationId: AdminService_GetOrganization
                        parameters:
                            - {in: path, name: org, required: true, schema: {type: string}}
                        responses:
                            "200": {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/v1GetOrganizationResponse'}}}}
                /v1/orgs/{org}/projects:
                    post:
                        operationId: AdminService_CreateProject
                        parameters:
                            - {in: path, name: org, required: true, schema: {type: string}}
                        requestBody:
                            content: {application/json: {schema: {type: object, properties: {name: {type: string}, prodSlots: {type: integer}}}}}
                        responses:
                            "200": {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/v1CreateProjectResponse'}}}}
            components:
                schemas:
                    v1Project:
                        type: object
                        properties:
                            prodBranchh: {type: string}
            """)
        let deviations = ContractChecker(ours: broken, theirs: checker.theirs)
        #expect(deviations.operationProblems().contains { $0.contains("/v1/organizations/{org}") })
        let body = deviations.requestBodyProblems()
        #expect(body.contains { $0.contains("field name does not exist") })
        #expect(body.contains { $0.contains("field prodSlots is integer but Rill has string/int64") })
        #expect(deviations.schemaProblems().contains { $0.contains("field prodBranchh does not exist") })
    }
}

/// Compares our contract with Rill's spec; every method returns human-readable problems (empty = conforms).
struct ContractChecker {
    let ours: OpenAPIDocument
    let theirs: OpenAPIDocument

    func operationProblems() -> [String] {
        var problems: [String] = []
        for operation in ours.operations {
            guard let real = theirs.operation(path: operation.path, method: operation.method) else {
                problems.append("\(operation.method.uppercased()) \(operation.path) is not in Rill's spec")
                continue
            }
            if real.operationId != operation.operationId {
                problems.append("\(operation.method.uppercased()) \(operation.path): operationId \(operation.operationId) but Rill has \(real.operationId)")
            }
        }
        return problems
    }

    func parameterProblems() -> [String] {
        var problems: [String] = []
        for operation in ours.operations {
            guard let real = theirs.operation(path: operation.path, method: operation.method) else { continue }
            let realParameters = theirs.parameters(of: real)
            let ourParameters = ours.parameters(of: operation)
            for parameter in ourParameters {
                let key = "\(operation.operationId) \(parameter.location) parameter \(parameter.name)"
                guard let match = realParameters.first(where: { $0.name == parameter.name && $0.location == parameter.location }) else {
                    problems.append("\(key) does not exist in Rill's spec")
                    continue
                }
                if match.required != parameter.required { problems.append("\(key): required differs") }
                if match.type != parameter.type { problems.append("\(key): type \(parameter.type) but Rill has \(match.type)") }
            }
            for parameter in realParameters where parameter.required && !ourParameters.contains(where: { $0.name == parameter.name }) {
                problems.append("\(operation.operationId) lacks required parameter \(parameter.name)")
            }
        }
        return problems
    }

    func requestBodyProblems() -> [String] {
        var problems: [String] = []
        for operation in ours.operations {
            guard let real = theirs.operation(path: operation.path, method: operation.method) else { continue }
            let ourBody = ours.requestBodySchema(of: operation)
            let realBody = theirs.requestBodySchema(of: real)
            if (ourBody == nil) != (realBody == nil) {
                problems.append("\(operation.operationId): request body presence differs")
            }
            guard let ourBody, let realBody else { continue }
            problems += fieldProblems(ours.properties(of: ourBody), theirs.properties(of: realBody),
                                      context: "\(operation.operationId) request body")
        }
        return problems
    }

    func responseProblems() -> [String] {
        var problems: [String] = []
        for operation in ours.operations {
            guard let real = theirs.operation(path: operation.path, method: operation.method) else { continue }
            for status in ["200", "default"] {
                let mine = ours.signature(ours.responseSchema(of: operation, status: status))
                let theirsSignature = theirs.signature(theirs.responseSchema(of: real, status: status))
                if mine != theirsSignature {
                    problems.append("\(operation.operationId) \(status): \(mine) but Rill has \(theirsSignature)")
                }
            }
        }
        return problems
    }

    func schemaProblems() -> [String] {
        var problems: [String] = []
        for (name, schema) in ours.schemas.sorted(by: { $0.key < $1.key }) {
            guard let real = theirs.schemas[name] else {
                problems.append("schema \(name) does not exist in Rill's spec")
                continue
            }
            if schema["type"] as? String != real["type"] as? String { problems.append("schema \(name): type differs") }
            problems += fieldProblems(ours.properties(of: schema), theirs.properties(of: real), context: "schema \(name)")
        }
        return problems
    }

    private func fieldProblems(_ mine: [String: [String: Any]], _ real: [String: [String: Any]], context: String)
        -> [String]
    {
        var problems: [String] = []
        for (field, schema) in mine.sorted(by: { $0.key < $1.key }) where schema["x-rillform-legacy"] == nil {
            guard let realField = real[field] else {
                problems.append("\(context): field \(field) does not exist in Rill's spec")
                continue
            }
            let mineSignature = ours.signature(schema)
            let theirsSignature = theirs.signature(realField)
            if mineSignature != theirsSignature {
                problems.append("\(context): field \(field) is \(mineSignature) but Rill has \(theirsSignature)")
            }
        }
        return problems
    }
}

/// Just enough of an OpenAPI 3.0 document to compare two of them: operations, parameters, schemas, `$ref`s.
struct OpenAPIDocument {
    struct Operation {
        var path: String
        var method: String
        var operationId: String
        var pathItem: [String: Any]
        var body: [String: Any]
    }

    struct Parameter {
        var name: String
        var location: String
        var required: Bool
        var type: String
    }

    let root: [String: Any]
    let operations: [Operation]

    init(contentsOf url: URL) throws {
        try self.init(yaml: try String(contentsOf: url, encoding: .utf8))
    }

    init(yaml text: String) throws {
        guard let root = try Yams.load(yaml: text) as? [String: Any] else {
            throw ContractTestError("the document is not a YAML mapping")
        }
        self.root = root
        var operations: [Operation] = []
        let paths = root["paths"] as? [String: Any] ?? [:]
        for (path, item) in paths {
            guard let item = item as? [String: Any] else { continue }
            for method in ["get", "put", "post", "delete", "patch"] {
                guard let body = item[method] as? [String: Any] else { continue }
                operations.append(Operation(path: path, method: method,
                                            operationId: body["operationId"] as? String ?? "",
                                            pathItem: item, body: body))
            }
        }
        self.operations = operations.sorted { ($0.path, $0.method) < ($1.path, $1.method) }
    }

    var schemas: [String: [String: Any]] {
        ((root["components"] as? [String: Any])?["schemas"] as? [String: Any] ?? [:])
            .compactMapValues { $0 as? [String: Any] }
    }

    func operation(path: String, method: String) -> Operation? {
        operations.first { $0.path == path && $0.method == method }
    }

    /// Path-level and operation-level parameters, `$ref`s resolved.
    func parameters(of operation: Operation) -> [Parameter] {
        let raw = (operation.pathItem["parameters"] as? [Any] ?? []) + (operation.body["parameters"] as? [Any] ?? [])
        return raw.compactMap { entry in
            guard let parameter = resolve(entry as? [String: Any]) else { return nil }
            return Parameter(
                name: parameter["name"] as? String ?? "", location: parameter["in"] as? String ?? "",
                required: parameter["required"] as? Bool ?? false,
                type: signature(parameter["schema"] as? [String: Any]))
        }
    }

    func requestBodySchema(of operation: Operation) -> [String: Any]? {
        let body = resolve(operation.body["requestBody"] as? [String: Any])
        return jsonSchema(in: body)
    }

    func responseSchema(of operation: Operation, status: String) -> [String: Any]? {
        let response = resolve((operation.body["responses"] as? [String: Any])?[status] as? [String: Any])
        return jsonSchema(in: response)
    }

    private func jsonSchema(in container: [String: Any]?) -> [String: Any]? {
        ((container?["content"] as? [String: Any])?["application/json"] as? [String: Any])?["schema"] as? [String: Any]
    }

    /// The properties of a schema (following a `$ref`).
    func properties(of schema: [String: Any]) -> [String: [String: Any]] {
        let resolved = resolve(schema) ?? [:]
        return (resolved["properties"] as? [String: Any] ?? [:]).compactMapValues { $0 as? [String: Any] }
    }

    /// A comparable description of a field's type: `ref:v1Project`, `string/int64`, `array<ref:v1Service>`.
    func signature(_ schema: [String: Any]?) -> String {
        guard let schema else { return "none" }
        if let ref = schema["$ref"] as? String { return "ref:" + (ref.split(separator: "/").last.map(String.init) ?? ref) }
        let type = string(schema["type"]) ?? "any"
        if type == "array" { return "array<\(signature(schema["items"] as? [String: Any]))>" }
        if let format = string(schema["format"]) { return "\(type)/\(format)" }
        return type
    }

    func string(_ value: Any?) -> String? { value as? String }

    /// Follows a local `$ref` (`#/components/<kind>/<name>`).
    func resolve(_ object: [String: Any]?) -> [String: Any]? {
        guard let object else { return nil }
        guard let ref = object["$ref"] as? String, ref.hasPrefix("#/") else { return object }
        var node: Any? = root
        for component in ref.dropFirst(2).split(separator: "/") {
            node = (node as? [String: Any])?[String(component)]
        }
        return resolve(node as? [String: Any])
    }
}

struct ContractTestError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
