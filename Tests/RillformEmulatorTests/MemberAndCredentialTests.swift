import Foundation
@testable import RillformEmulator
import RillformTestSupport
import Testing

@Suite struct MemberTests {
    @Test func orgMembersAndInvites() async throws {
        try await withEmulator { emulator in
            let admin = EmulatorHTTP(emulator, token: try #require(emulator.adminToken) as String)
            expectOK(try await admin.post("/v1/orgs", #"{"name":"acme"}"#))
            let viewerToken = try await emulator.createUser(email: "v@example.com")
            let added = expectOK(try await admin.post("/v1/orgs/acme/members", #"{"email":"v@example.com","role":"viewer"}"#))
            #expect(added["pendingSignup"]?.boolValue == false)
            expectError(try await admin.post("/v1/orgs/acme/members", #"{"email":"v@example.com","role":"viewer"}"#), status: 409, code: 6)
            let invited = expectOK(try await admin.post("/v1/orgs/acme/members", #"{"email":"new@example.com","role":"editor"}"#))
            #expect(invited["pendingSignup"]?.boolValue == true)
            expectError(try await admin.post("/v1/orgs/acme/members", #"{"email":"v@example.com","role":"owner"}"#), status: 400, code: 3)

            let viewer = admin.with(token: viewerToken)
            #expect(expectOK(try await viewer.get("/v1/orgs"))["organizations"]?.arrayValue.count == 1)
            #expect(expectOK(try await viewer.get("/v1/orgs/acme"))["permissions"]?["createProjects"]?.boolValue == false)
            expectError(try await viewer.post("/v1/orgs/acme/projects", #"{"project":"xyz"}"#), status: 403, code: 7)
            expectOK(try await admin.put("/v1/orgs/acme/members/v@example.com", #"{"role":"editor"}"#))
            expectOK(try await viewer.post("/v1/orgs/acme/projects", #"{"project":"xyz","skipDeploy":true}"#))
            let members = expectOK(try await admin.get("/v1/orgs/acme/members"))
            #expect(members["members"]?.arrayValue.compactMap { $0["userEmail"]?.stringValue } == ["admin@rillform.local", "v@example.com"])
            // The last admin can't be removed or demoted: InvalidArgument in SetOrganizationMemberUserRole.
            expectError(try await admin.put("/v1/orgs/acme/members/admin@rillform.local", #"{"role":"viewer"}"#), status: 400, code: 3,
                        contains: "cannot remove the last admin member")
            expectOK(try await admin.delete("/v1/orgs/acme/members/v@example.com"))
            expectError(try await viewer.get("/v1/orgs/acme"), status: 403, code: 7)
            expectError(try await admin.put("/v1/orgs/acme/members/v@example.com", #"{"role":"viewer"}"#), status: 404, code: 5)
        }
    }

    @Test func guestsSeeOnlyTheirProjects() async throws {
        try await withEmulator { emulator in
            let fixture = try await Fixture.make(emulator)
            let guest = try #require(fixture.users["guest"])
            let orgView = expectOK(try await guest.get("/v1/orgs/acme"))
            #expect(orgView["permissions"]?["guest"]?.boolValue == true)
            let projects = expectOK(try await guest.get("/v1/orgs/acme/projects"))
            #expect(projects["projects"]?.arrayValue.compactMap { $0["name"]?.stringValue } == ["alpha"])
            expectError(try await guest.get("/v1/orgs/acme/projects/beta"), status: 403, code: 7)
            let viewer = try #require(fixture.users["viewer"])
            let all = expectOK(try await viewer.get("/v1/orgs/acme/projects"))
            #expect(all["projects"]?.arrayValue.compactMap { $0["name"]?.stringValue } == ["alpha", "beta"])
            // (What a project-only service sees in ListProjectsForOrganization is covered by the project tests.)
            // Project members: update and remove.
            expectOK(try await fixture.admin.put("/v1/orgs/acme/projects/alpha/members/guest@example.com", #"{"role":"editor"}"#))
            #expect(expectOK(try await guest.get("/v1/orgs/acme/projects/alpha"))["projectPermissions"]?["manageProd"]?.boolValue == true)
            expectOK(try await fixture.admin.delete("/v1/orgs/acme/projects/alpha/members/guest@example.com"))
            expectError(try await guest.get("/v1/orgs/acme/projects/alpha"), status: 403, code: 7)
            expectError(try await fixture.admin.delete("/v1/orgs/acme/projects/alpha/members/guest@example.com"), status: 404, code: 5)
        }
    }
}

@Suite struct CredentialTests {
    /// GetDeploymentCredentials: the prod deployment only, `manageProd` even for one's own credentials,
    /// 24 h default TTL, and `userId` / `userEmail` / `attributes` / `externalUserId` as the handler reads them.
    @Test func projectCredentials() async throws {
        try await withEmulator { emulator in
            let fixture = try await CredentialFixture.make(emulator)
            let admin = fixture.admin
            let path = "/v1/orgs/acme/projects/alpha/credentials"
            for alias in [path, "/v1/organizations/acme/projects/alpha/credentials"] {
                let creds = expectOK(try await admin.post(alias, #"{"ttl_seconds":60,"attributes":{"team":"x"}}"#))
                #expect(creds["runtimeHost"]?.stringValue == "http://localhost:9009")
                #expect(creds["instanceId"]?.stringValue?.isEmpty == false)
                #expect(creds["ttlSeconds"]?.intValue == 60)
                let claims = try jwtClaims(creds)
                #expect(claims["attr"] == .object(["team": .string("x")]))
                #expect(claims["sub"] == nil)
                #expect(claims["ins"] == creds["instanceId"])
            }
            // Own credentials: subject and attributes of the calling user, 24 h.
            let own = expectOK(try await admin.post(path))
            #expect(own["ttlSeconds"]?.intValue == 86_400)
            let me = expectOK(try await admin.get("/v1/users/current"))["user"]?["id"]
            let ownClaims = try jwtClaims(own)
            #expect(ownClaims["sub"] == me)
            #expect(ownClaims["attr"]?["email"]?.stringValue == "admin@rillform.local")
            #expect(ownClaims["attr"]?["admin"]?.boolValue == true)
            // userEmail of a Rill user: their attributes (no subject); of anyone else: a non-admin email.
            let viewerAttrs = try jwtClaims(expectOK(try await admin.post(path, #"{"userEmail":"viewer@example.com"}"#)))
            #expect(viewerAttrs["sub"] == nil)
            #expect(viewerAttrs["attr"]?["email"]?.stringValue == "viewer@example.com")
            #expect(viewerAttrs["attr"]?["admin"]?.boolValue == false)
            let stranger = try jwtClaims(expectOK(try await admin.post(path, #"{"userEmail":"x@corp.example"}"#)))
            #expect(stranger["attr"] == .object([
                "email": .string("x@corp.example"), "domain": .string("corp.example"), "admin": .bool(false),
            ]))
            // externalUserId: a stable "ext_" subject; not together with userId.
            let external = try jwtClaims(expectOK(try await admin.post(path, #"{"externalUserId":"cust-42"}"#)))
            let alphaID = try #require(expectOK(try await admin.get("/v1/orgs/acme/projects/alpha"))["project"]?["id"]?.stringValue)
            #expect(external["sub"]?.stringValue == CredentialRoutes.externalSubject("cust-42", projectID: alphaID))
            #expect(external["sub"]?.stringValue?.hasPrefix("ext_") == true)
            let both = try await admin.post(path, #"{"externalUserId":"cust-42","userId":"u"}"#)
            expectError(both, status: 400, code: 3)
            #expect(both.message == "external_user_id cannot be specified together with user_id")
            expectError(try await admin.post(path, #"{"userId":"nobody"}"#), status: 404, code: 5, contains: "user not found")
            expectError(try await admin.post(path, #"{"userEmail":"a@b.c","attributes":{}}"#), status: 400, code: 3)

            // Only the prod deployment: another branch is a 400; a project without one too.
            let branch = try await admin.post(path, #"{"branch":"feature"}"#)
            expectError(branch, status: 400, code: 3)
            #expect(branch.message == "project does not have a deployment for given branch")
            let none = try await admin.post("/v1/orgs/acme/projects/beta/credentials")
            expectError(none, status: 400, code: 3)
            #expect(none.message == "project does not have a deployment")
            expectError(try await admin.post("/v1/orgs/acme/projects/nope/credentials"), status: 400, code: 3,
                        contains: "project not found")

            // manageProd is needed even for one's own credentials.
            let viewer = try #require(fixture.users["viewer"])
            let denied = try await viewer.post(path)
            expectError(denied, status: 403, code: 7)
            #expect(denied.message == "does not have permission to manage deployment")
            expectError(try await fixture.outsider.post(path), status: 403, code: 7)
            // A service with manageProd gets no subject and no attributes of its own.
            let service = try #require(fixture.services["svc-project"])
            let serviceClaims = try jwtClaims(expectOK(try await service.post(path)))
            #expect(serviceClaims["sub"] == nil && serviceClaims["attr"] == nil)
        }
    }

    /// GetDeployment (`/v1/deployments/{id}/credentials`): readProd/readDev for one's own, manageProd/manageDev to
    /// mint for someone else; services get `{"admin": true}`.
    @Test func deploymentCredentials() async throws {
        try await withEmulator { emulator in
            let fixture = try await CredentialFixture.make(emulator)
            let admin = fixture.admin
            let project = expectOK(try await admin.get("/v1/orgs/acme/projects/alpha"))
            let prodID = try #require(project["project"]?["primaryDeploymentId"]?.stringValue)
            let dev = expectOK(try await admin.post("/v1/orgs/acme/projects/alpha/deployments", #"{"environment":"dev"}"#))
            let devID = try #require(dev["deployment"]?["id"]?.stringValue)
            let viewer = try #require(fixture.users["viewer"])
            let own = expectOK(try await viewer.post("/v1/deployments/\(prodID)/credentials", #"{"accessTokenTtlSeconds":90}"#))
            #expect(own["ttlSeconds"]?.intValue == 90)
            #expect(try jwtClaims(own)["attr"]?["email"]?.stringValue == "viewer@example.com")
            let forOther = try await viewer.post("/v1/deployments/\(prodID)/credentials", #"{"attributes":{"a":1}}"#)
            expectError(forOther, status: 403, code: 7)
            #expect(forOther.message == "does not have permission to manage prod deployment")
            let devDenied = try await viewer.post("/v1/deployments/\(devID)/credentials")
            expectError(devDenied, status: 403, code: 7)
            #expect(devDenied.message == "does not have permission to read dev deployment")
            let service = try #require(fixture.services["svc-admin"])
            let serviceClaims = try jwtClaims(expectOK(try await service.post("/v1/deployments/\(prodID)/credentials")))
            #expect(serviceClaims["attr"] == .object(["admin": .bool(true)]))
            let missing = try await admin.post("/v1/deployments/nope/credentials")
            expectError(missing, status: 400, code: 3)
            #expect(missing.message == "deployment not found")
        }
    }

    private func jwtClaims(_ result: HTTPResult) throws -> JSON {
        let token = try #require(result["accessToken"]?.stringValue)
        let parts = token.split(separator: ".")
        try #require(parts.count == 3)
        var base64 = String(parts[1]).replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        return try JSON.parse(try #require(Data(base64Encoded: base64)))
    }
}

/// Org "acme" with "alpha" (prod deployment from an archive) and "beta" (none), an org viewer, an outsider,
/// an org-admin service and a service that is project admin on alpha.
private struct CredentialFixture {
    let admin: EmulatorHTTP
    let outsider: EmulatorHTTP
    var users: [String: EmulatorHTTP] = [:]
    var services: [String: EmulatorHTTP] = [:]

    static func make(_ emulator: RunningEmulator) async throws -> CredentialFixture {
        let admin = EmulatorHTTP(emulator, token: try #require(emulator.adminToken) as String)
        expectOK(try await admin.post("/v1/orgs", #"{"name":"acme"}"#))
        expectOK(try await admin.post("/v1/orgs/acme/projects", #"{"project":"alpha","archiveAssetId":"asset-1"}"#))
        expectOK(try await admin.post("/v1/orgs/acme/projects", #"{"project":"beta","skipDeploy":true}"#))
        var fixture = CredentialFixture(
            admin: admin, outsider: admin.with(token: try await emulator.createUser(email: "outsider@example.com")))
        let viewerToken = try await emulator.createUser(email: "viewer@example.com")
        expectOK(try await admin.post("/v1/orgs/acme/members", #"{"email":"viewer@example.com","role":"viewer"}"#))
        fixture.users["viewer"] = admin.with(token: viewerToken)
        for (name, body) in [
            ("svc-admin", #"{"name":"svc-admin","orgRoleName":"admin"}"#),
            ("svc-project", #"{"name":"svc-project","project":"alpha","projectRoleName":"admin"}"#),
        ] {
            expectOK(try await admin.post("/v1/orgs/acme/services", body))
            let issued = try await admin.post("/v1/orgs/acme/services/\(name)/tokens")
            fixture.services[name] = admin.with(token: try #require(issued["token"]?.stringValue))
        }
        return fixture
    }
}
