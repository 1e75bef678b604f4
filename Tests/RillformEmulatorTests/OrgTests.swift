import Foundation
@testable import RillformEmulator
import RillformTestSupport
import Testing

@Suite struct OrgTests {
    @Test func pingCurrentUserAndRoles() async throws {
        try await withEmulator { emulator in
            let admin = EmulatorHTTP(emulator, token: try #require(emulator.adminToken) as String)
            let ping = expectOK(try await admin.get("/v1/ping"))
            #expect(ping["version"]?.stringValue?.isEmpty == false)
            #expect(ping["time"]?.stringValue?.hasSuffix("Z") == true)
            let me = expectOK(try await admin.get("/v1/users/current"))
            #expect(me["user"]?["email"]?.stringValue == "admin@rillform.local")
            let anonymous = expectOK(try await admin.with(token: nil).get("/v1/users/current"))
            #expect(anonymous.rawBody == "{}")
            let roles = expectOK(try await admin.get("/v1/roles"))
            let orgRoles = roles["organizationRoles"]?.arrayValue ?? []
            #expect(orgRoles.compactMap { $0["name"]?.stringValue } == ["admin", "editor", "viewer", "guest"])
            let editor = orgRoles.first { $0["name"]?.stringValue == "editor" }
            #expect(editor?["permissions"]?["createProjects"]?.boolValue == true)
            #expect(editor?["permissions"]?["manageOrg"]?.boolValue == false)
            #expect(roles["projectRoles"]?.arrayValue.count == 3)
        }
    }

    @Test func createGetPatchDelete() async throws {
        try await withEmulator { emulator in
            let admin = EmulatorHTTP(emulator, token: try #require(emulator.adminToken) as String)
            try await emulator.setOrgDeleteDelay(milliseconds: 2000)
            emulator.freezeClock()
            let created = expectOK(try await admin.post("/v1/orgs", #"{"name":"acme","display_name":"Acme","extra":1}"#))
            #expect(created["organization"]?["displayName"]?.stringValue == "Acme")
            #expect(created["organization"]?["quotas"]?["storageLimitBytesPerDeployment"]?.stringValue != nil)
            #expect(created["organization"]?["billingPlanName"] == nil)
            // CreateOrganizationForUser: viewer as default project role, the creator's email for billing.
            #expect(created["organization"]?["defaultProjectRoleId"]?.stringValue == ProjectRoleName.viewer.id)
            #expect(created["organization"]?["billingEmail"]?.stringValue == "admin@rillform.local")
            let got = expectOK(try await admin.get("/v1/orgs/acme"))
            #expect(got["permissions"]?["manageOrg"]?.boolValue == true)
            #expect(got["permissions"]?["guest"]?.boolValue == false)
            #expect(got["organization"]?["billingEmail"]?.stringValue == "admin@rillform.local")

            let patched = expectOK(try await admin.patch("/v1/orgs/acme", #"{"description":"d","defaultProjectRole":"editor"}"#))
            #expect(patched["organization"]?["description"]?.stringValue == "d")
            #expect(patched["organization"]?["displayName"]?.stringValue == "Acme")
            #expect(patched["organization"]?["defaultProjectRoleId"]?.stringValue == ProjectRoleName.editor.id)
            let cleared = expectOK(try await admin.patch("/v1/orgs/acme", #"{"defaultProjectRole":""}"#))
            #expect(cleared["organization"]?["defaultProjectRoleId"]?.stringValue == "")
            let renamed = expectOK(try await admin.patch("/v1/orgs/acme", #"{"newName":"acme2"}"#))
            #expect(renamed["organization"]?["name"]?.stringValue == "acme2")
            expectError(try await admin.get("/v1/orgs/acme"), status: 404, code: 5, contains: "not found")

            // DeleteOrganization only enqueues a job: the org is still there (and its name taken) for a while.
            let deleted = expectOK(try await admin.delete("/v1/orgs/acme2"))
            #expect(deleted.rawBody == "{}")
            expectOK(try await admin.get("/v1/orgs/acme2"))
            expectError(try await admin.post("/v1/orgs", #"{"name":"acme2"}"#), status: 400, code: 3, contains: "already exists")
            // The frozen clock stands for the job's delay: still there just before it ends, gone once it has.
            emulator.advanceClock(by: 1.999)
            expectOK(try await admin.get("/v1/orgs/acme2"))
            emulator.advanceClock(by: 0.001)
            expectError(try await admin.get("/v1/orgs/acme2"), status: 404, code: 5)
            expectOK(try await admin.post("/v1/orgs", #"{"name":"acme2"}"#))
        }
    }

    @Test func billingEmailOnlyForManagersAndRenameRestartsDeployments() async throws {
        try await withEmulator { emulator in
            let fixture = try await Fixture.make(emulator)
            let viewer = try #require(fixture.users["viewer"])
            expectOK(try await fixture.admin.patch("/v1/orgs/acme", #"{"billingEmail":"billing@acme.io"}"#))
            #expect(expectOK(try await viewer.get("/v1/orgs/acme"))["organization"]?["billingEmail"]?.stringValue == "")
            let listed = expectOK(try await fixture.admin.get("/v1/orgs"))["organizations"]?.arrayValue.first
            #expect(listed?["billingEmail"]?.stringValue == "")
            #expect(expectOK(try await fixture.admin.get("/v1/orgs/acme"))["organization"]?["billingEmail"]?.stringValue
                == "billing@acme.io")

            // UpdateOrgDeploymentAnnotations: a rename runs UpdateDeploymentsForProject on every project.
            let alpha = expectOK(try await fixture.admin.get("/v1/orgs/acme/projects/alpha"))
            let deploymentID = try #require(alpha["prodDeployment"]?["id"]?.stringValue)
            expectOK(try await fixture.admin.post("/v1/deployments/\(deploymentID)/stop"))
            let stopped = expectOK(try await fixture.admin.get("/v1/orgs/acme/projects/alpha"))
            #expect(stopped["prodDeployment"]?["status"]?.stringValue == "DEPLOYMENT_STATUS_STOPPED")
            expectOK(try await fixture.admin.patch("/v1/orgs/acme", #"{"newName":"acme-renamed"}"#))
            let after = expectOK(try await fixture.admin.get("/v1/orgs/acme-renamed/projects/alpha"))
            #expect(after["prodDeployment"]?["status"]?.stringValue != "DEPLOYMENT_STATUS_STOPPED")
        }
    }

    @Test func orgErrors() async throws {
        try await withEmulator { emulator in
            let admin = EmulatorHTTP(emulator, token: try #require(emulator.adminToken) as String)
            expectOK(try await admin.post("/v1/orgs", #"{"name":"acme"}"#))
            // Every CreateOrganization error is wrapped as InvalidArgument (v0.78.1 and newest stored).
            expectError(try await admin.post("/v1/orgs", #"{"name":"ACME"}"#), status: 400, code: 3, contains: "already exists")
            expectError(try await admin.post("/v1/orgs", #"{"name":"bad name"}"#), status: 400, code: 3, contains: "'slug' tag")
            expectError(try await admin.post("/v1/orgs", #"{"name":"ab"}"#), status: 400, code: 3, contains: "InsertOrganizationOptions.Name")
            expectError(try await admin.patch("/v1/orgs/nope", #"{"description":"x"}"#), status: 400, code: 3, contains: "org not found")
            expectError(try await admin.patch("/v1/orgs/acme", #"{"defaultProjectRole":"owner"}"#), status: 404, code: 5,
                        contains: "failed to find role \"owner\"")
            // UpdateOrganization does not wrap DB errors: validator → 500, unique index → 409.
            expectError(try await admin.patch("/v1/orgs/acme", #"{"newName":"x y"}"#), status: 500, code: 13, contains: "UpdateOrganizationOptions")
            expectOK(try await admin.post("/v1/orgs", #"{"name":"other"}"#))
            expectError(try await admin.patch("/v1/orgs/acme", #"{"newName":"other"}"#), status: 409, code: 6)
            expectError(try await admin.delete("/v1/orgs/nope"), status: 400, code: 3, contains: "org not found")
            expectError(try await admin.get("/v1/orgs/nope"), status: 404, code: 5, contains: "org not found")
            expectError(try await admin.with(token: "rill_usr_bogus").get("/v1/orgs"), status: 401, code: 16)
            expectError(try await admin.with(token: nil).get("/v1/orgs"), status: 401, code: 16, contains: "not authenticated as a user")
            expectError(try await admin.with(token: nil).get("/v1/orgs/acme"), status: 403, code: 7, contains: "not allowed to read org")
            let outsider = EmulatorHTTP(emulator, token: try await emulator.createUser(email: "out@example.com"))
            expectError(try await outsider.patch("/v1/orgs/acme", #"{"description":"x"}"#), status: 403, code: 7, contains: "not allowed to update org")
            expectError(try await outsider.delete("/v1/orgs/acme"), status: 403, code: 7, contains: "not allowed to delete org")
            expectError(try await admin.get("/v1/organizations/acme"), status: 404, code: 5)
            expectError(try await admin.post("/v1/orgs", #"{"name":5}"#), status: 400, code: 3)
            // A public project lets anyone read the org, as a guest.
            expectOK(try await admin.post("/v1/orgs/acme/projects", #"{"project":"open","public":true,"skipDeploy":true}"#))
            let anonymous = expectOK(try await admin.with(token: nil).get("/v1/orgs/acme"))
            #expect(anonymous["permissions"]?["guest"]?.boolValue == true)
            #expect(anonymous["permissions"]?["readProjects"]?.boolValue == true)
        }
    }

    @Test func serviceTokenCannotListOrCreateOrgs() async throws {
        try await withEmulator { emulator in
            let fixture = try await Fixture.make(emulator)
            let service = try #require(fixture.services["svc-admin"])
            expectError(try await service.get("/v1/orgs"), status: 401, code: 16, contains: "not authenticated as a user")
            expectError(try await service.post("/v1/orgs", #"{"name":"x"}"#), status: 401, code: 16)
            // GetCurrentUser refuses non-user tokens (newest servers: 401; v0.76-era: untyped error, 500).
            expectError(try await service.get("/v1/users/current"), status: 401, code: 16, contains: "not authenticated as a user")
            expectOK(try await service.get("/v1/orgs/acme"))
        }
    }

    @Test func orgListPaginatesWithEmptyLastPage() async throws {
        try await withEmulator({ $0.defaultPageSize = 3 }) { emulator in
            let admin = EmulatorHTTP(emulator, token: try #require(emulator.adminToken) as String)
            for index in 0..<6 { expectOK(try await admin.post("/v1/orgs", #"{"name":"org-\#(index)"}"#)) }
            var names: [String] = []
            var pageSizes: [Int] = []
            var token = ""
            repeat {
                let page = expectOK(try await admin.get("/v1/orgs?pageToken=\(token)"))
                let orgs = page["organizations"]?.arrayValue ?? []
                pageSizes.append(orgs.count)
                names += orgs.compactMap { $0["name"]?.stringValue }
                token = page["nextPageToken"]?.stringValue ?? ""
            } while !token.isEmpty && pageSizes.count < 10
            #expect(names == (0..<6).map { "org-\($0)" })
            #expect(pageSizes == [3, 3, 0])
            let explicit = expectOK(try await admin.get("/v1/orgs?pageSize=4"))
            #expect(explicit["organizations"]?.arrayValue.count == 4)
            expectError(try await admin.get("/v1/orgs?pageToken=garbage"), status: 400, code: 3)
            // Other users don't see acme's orgs.
            let other = EmulatorHTTP(emulator, token: try await emulator.createUser(email: "x@example.com"))
            #expect(expectOK(try await other.get("/v1/orgs"))["organizations"]?.arrayValue.isEmpty == true)
        }
    }
}
