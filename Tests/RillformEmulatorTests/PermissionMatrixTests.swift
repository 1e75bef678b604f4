import Foundation
@testable import RillformEmulator
import RillformTestSupport
import Testing

/// One operation of the permission matrix: which fixture callers may do it; everyone else is denied.
struct MatrixCase: Sendable, CustomTestStringConvertible {
    let name: String
    let method: String
    /// `{caller}` is replaced by the caller's name so mutating calls don't collide.
    let path: String
    let body: String?
    let allowed: Set<String>
    var deniedStatus = 403
    var deniedCode = 7

    var testDescription: String { name }

    static let everyone: Set<String> = [
        "user-admin", "user-editor", "user-viewer", "user-guest", "svc-admin", "svc-viewer", "svc-project", "anonymous",
        "outsider",
    ]

    static let all: [MatrixCase] = [
        MatrixCase(
            name: "list orgs", method: "GET", path: "/v1/orgs", body: nil,
            allowed: ["user-admin", "user-editor", "user-viewer", "user-guest", "outsider"], deniedStatus: 401,
            deniedCode: 16),
        MatrixCase(
            name: "get org", method: "GET", path: "/v1/orgs/acme", body: nil,
            allowed: ["user-admin", "user-editor", "user-viewer", "user-guest", "svc-admin", "svc-viewer", "svc-project"]),
        MatrixCase(
            name: "update org", method: "PATCH", path: "/v1/orgs/acme", body: #"{"description":"{caller}"}"#,
            allowed: ["user-admin", "svc-admin"]),
        MatrixCase(
            name: "create project", method: "POST", path: "/v1/orgs/acme/projects",
            body: #"{"project":"p-{caller}","skipDeploy":true}"#, allowed: ["user-admin", "user-editor", "svc-admin"]),
        MatrixCase(
            name: "get project (no role on it)", method: "GET", path: "/v1/orgs/acme/projects/beta", body: nil,
            allowed: ["user-admin", "user-editor", "user-viewer", "svc-admin", "svc-viewer"]),
        MatrixCase(
            name: "update project", method: "PATCH", path: "/v1/orgs/acme/projects/alpha",
            body: #"{"description":"{caller}"}"#, allowed: ["user-admin", "svc-admin", "svc-project"]),
        MatrixCase(
            name: "list deployments", method: "GET", path: "/v1/orgs/acme/projects/alpha/deployments", body: nil,
            allowed: ["user-admin", "user-editor", "user-viewer", "user-guest", "svc-admin", "svc-viewer", "svc-project"]),
        MatrixCase(
            name: "create dev deployment", method: "POST", path: "/v1/orgs/acme/projects/alpha/deployments",
            body: #"{"environment":"dev","branch":"b-{caller}"}"#, allowed: ["user-admin", "svc-admin", "svc-project"]),
        MatrixCase(
            name: "list services", method: "GET", path: "/v1/orgs/acme/services", body: nil,
            allowed: ["user-admin", "svc-admin"]),
        MatrixCase(
            name: "create service", method: "POST", path: "/v1/orgs/acme/services",
            body: #"{"name":"s-{caller}","orgRoleName":"viewer"}"#, allowed: ["user-admin", "svc-admin"]),
        MatrixCase(
            name: "list project services", method: "GET", path: "/v1/orgs/acme/projects/alpha/services", body: nil,
            allowed: ["user-admin", "svc-admin"]),
        MatrixCase(
            name: "list org members", method: "GET", path: "/v1/orgs/acme/members", body: nil,
            allowed: ["user-admin", "user-editor", "svc-admin"]),
    ]
}

@Suite struct PermissionMatrixTests {
    @Test(arguments: MatrixCase.all)
    func matrix(_ matrixCase: MatrixCase) async throws {
        try await withEmulator { emulator in
            let fixture = try await Fixture.make(emulator)
            let callers = fixture.callers
            #expect(Set(callers.keys) == MatrixCase.everyone)
            for name in callers.keys.sorted() {
                let http = try #require(callers[name])
                let path = matrixCase.path.replacingOccurrences(of: "{caller}", with: name)
                let body = matrixCase.body?.replacingOccurrences(of: "{caller}", with: name)
                let result = try await http.send(matrixCase.method, path, body: body)
                if matrixCase.allowed.contains(name) {
                    #expect(result.status == 200, "\(matrixCase.name) as \(name): \(result.rawBody)")
                } else {
                    #expect(result.status == matrixCase.deniedStatus, "\(matrixCase.name) as \(name): \(result.rawBody)")
                    #expect(result.code == matrixCase.deniedCode, "\(matrixCase.name) as \(name): \(result.rawBody)")
                }
            }
        }
    }

    /// `GET /v1/orgs/{org}` reports the caller's own flags, straight from the role table.
    @Test func reportedPermissionsMatchTheTable() async throws {
        try await withEmulator { emulator in
            let fixture = try await Fixture.make(emulator)
            let expected: [String: Set<OrgPermission>] = [
                "user-admin": PermissionTable.org(.admin), "user-editor": PermissionTable.org(.editor),
                "user-viewer": PermissionTable.org(.viewer), "user-guest": PermissionTable.org(.guest),
                "svc-admin": PermissionTable.org(.admin), "svc-viewer": PermissionTable.org(.viewer),
                "svc-project": PermissionTable.org(.guest),
            ]
            for (name, permissions) in expected {
                let http = try #require(fixture.callers[name])
                let org = expectOK(try await http.get("/v1/orgs/acme"))
                #expect(org["permissions"] == permissions.json, "\(name)")
            }
            let projectExpected: [String: Set<ProjectPermission>] = [
                "user-admin": PermissionTable.project(.admin), "user-editor": PermissionTable.project(.viewer),
                "user-guest": PermissionTable.project(.viewer), "svc-project": PermissionTable.project(.admin),
                "svc-viewer": PermissionTable.project(.viewer),
            ]
            for (name, permissions) in projectExpected {
                let http = try #require(fixture.callers[name])
                let project = expectOK(try await http.get("/v1/orgs/acme/projects/alpha"))
                #expect(project["projectPermissions"] == permissions.json, "\(name)")
            }
        }
    }
}
