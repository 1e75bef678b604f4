import Foundation
@testable import RillformEmulator
import RillformTestSupport
import Testing

@Suite struct ProjectTests {
    @Test func createUsesProjectFieldAndServerDefaults() async throws {
        try await withEmulator(gitHubOpenAccess: false) { emulator in
            let admin = EmulatorHTTP(emulator, token: try #require(emulator.adminToken) as String)
            try await emulator.grantGitHubAccess(email: "admin@rillform.local", remote: "https://github.com/a/b.git")
            expectOK(try await admin.post("/v1/orgs", #"{"name":"acme"}"#))
            // `name` is not the create field: the project name is missing → 400.
            expectError(try await admin.post("/v1/orgs/acme/projects", #"{"name":"pp1"}"#), status: 400, code: 3)
            // The remote is normalised (".git" added) before the GitHub check.
            let created = expectOK(try await admin.post(
                "/v1/orgs/acme/projects",
                #"{"project":"pp1","git_remote":"https://github.com/a/b","prod_slots":"3","primaryBranch":"dev","prodTtlSeconds":"5"}"#))
            let project = try #require(created["project"])
            #expect(project["gitRemote"]?.stringValue == "https://github.com/a/b.git")
            #expect(project["prodSlots"]?.stringValue == "3")
            #expect(project["prodTtlSeconds"]?.stringValue == "1209600")
            #expect(project["primaryBranch"]?.stringValue == "dev")
            #expect(project["prodVersion"]?.stringValue == "latest")
            #expect(project["public"]?.boolValue == false)
            #expect(project["primaryDeploymentId"]?.stringValue?.isEmpty == false)
            let publicProject = expectOK(try await admin.post(
                "/v1/orgs/acme/projects", #"{"project":"pub","public":true,"skipDeploy":true}"#))
            #expect(publicProject["project"]?["prodTtlSeconds"]?.stringValue == "0")
            #expect(publicProject["project"]?["primaryDeploymentId"]?.stringValue == "")
            #expect(publicProject["project"]?["prodSlots"]?.stringValue == "0")

            let got = expectOK(try await admin.get("/v1/orgs/acme/projects/pp1"))
            #expect(got["prodDeployment"]?["environment"]?.stringValue == "prod")
            // The prod deployment tracks the primary branch and has no owner (only dev deployments do).
            #expect(got["prodDeployment"]?["branch"]?.stringValue == "dev")
            #expect(got["prodDeployment"]?["ownerUserId"]?.stringValue == "")
            #expect(got["projectPermissions"]?["manageProject"]?.boolValue == true)
            let pub = expectOK(try await admin.get("/v1/orgs/acme/projects/pub"))
            #expect(pub["prodDeployment"] == .null)
            let byID = expectOK(try await admin.get("/v1/projects/\(project["id"]?.stringValue ?? "")"))
            #expect(byID["project"]?["name"]?.stringValue == "pp1")
            expectError(try await admin.get("/v1/projects/nope"), status: 400, code: 3, contains: "project not found")
        }
    }

    @Test func createErrors() async throws {
        try await withEmulator { emulator in
            let admin = EmulatorHTTP(emulator, token: try #require(emulator.adminToken) as String)
            expectOK(try await admin.post("/v1/orgs", #"{"name":"acme"}"#))
            expectError(try await admin.post("/v1/orgs/nope/projects", #"{"project":"pp1"}"#), status: 400, code: 3, contains: "org not found")
            expectError(try await admin.post("/v1/orgs/acme/projects", #"{"project":"p"}"#), status: 400, code: 3,
                        contains: "InsertProjectOptions.Name")
            // Neither git nor archive, no skipDeploy: Rill commits the project, then the deploy fails.
            expectError(try await admin.post("/v1/orgs/acme/projects", #"{"project":"pp1"}"#), status: 400, code: 3,
                        contains: "failed to deploy project: either an archive or git info must be provided")
            let orphan = expectOK(try await admin.get("/v1/orgs/acme/projects/pp1"))
            #expect(orphan["project"]?["primaryDeploymentId"]?.stringValue == "")
            #expect(orphan["prodDeployment"] == .null)
            #expect(expectOK(try await admin.get("/v1/orgs/acme/projects/pp1/deployments"))["deployments"]?.arrayValue.isEmpty == true)
            // A duplicate is wrapped as InvalidArgument too (400, not 409).
            expectError(try await admin.post("/v1/orgs/acme/projects", #"{"project":"pp1","skipDeploy":true}"#), status: 400, code: 3,
                        contains: "a project with that name already exists in the org")
            expectError(
                try await admin.post("/v1/orgs/acme/projects", #"{"project":"qq1","gitRemote":"https://github.com/a/b.git","archiveAssetId":"x"}"#),
                status: 400, code: 3, contains: "cannot set both git_remote and archive_asset_id")
            let quota = try await admin.post("/v1/orgs/acme/projects", #"{"project":"big","prodSlots":"100000"}"#)
            expectError(quota, status: 400, code: 9)
            #expect(quota.message == "quota exceeded: org can't provision more than 50 slots per deployment")
            expectError(try await admin.get("/v1/orgs/acme/projects/none"), status: 404, code: 5, contains: "project not found")
            expectError(try await admin.get("/v1/orgs/nope/projects/none"), status: 400, code: 3, contains: "org not found")
            let outsider = EmulatorHTTP(emulator, token: try await emulator.createUser(email: "out@example.com"))
            expectError(try await outsider.post("/v1/orgs/acme/projects", #"{"project":"zz1","skipDeploy":true}"#),
                        status: 403, code: 7, contains: "does not have permission to create projects")
        }
    }

    @Test func gitRemoteNeedsGitHubAccess() async throws {
        try await withEmulator(gitHubOpenAccess: false) { emulator in
            let admin = EmulatorHTTP(emulator, token: try #require(emulator.adminToken) as String)
            expectOK(try await admin.post("/v1/orgs", #"{"name":"acme"}"#))
            let body = #"{"project":"sales","gitRemote":"https://github.com/acme/sales.git","primaryBranch":"main"}"#
            expectError(try await admin.post("/v1/orgs/acme/projects", body), status: 403, code: 7,
                        contains: #"you have not granted Rill access to "https://github.com/acme/sales.git""#)
            // Installed for someone else: the admin never authorized Rill's GitHub app.
            try await emulator.grantGitHubAccess(email: "dev@example.com", remote: "https://github.com/acme/sales.git")
            expectError(try await admin.post("/v1/orgs/acme/projects", body), status: 403, code: 7,
                        contains: "you have not granted Rill access to your Github account")
            try await emulator.grantGitHubAccess(email: "admin@rillform.local", remote: "https://github.com/acme/other.git")
            expectError(try await admin.post("/v1/orgs/acme/projects", body), status: 403, code: 7,
                        contains: #"you are not collaborator to the repo "https://github.com/acme/sales.git""#)
            // Not a github.com HTTPS/SSH remote: GetGithubInstallation's untyped error (500).
            expectError(try await admin.post("/v1/orgs/acme/projects", #"{"project":"lab","gitRemote":"https://gitlab.com/a/b.git"}"#),
                        status: 500, code: 13, contains: "invalid Github remote")
            // A service token may create projects, but not from a user-managed repository.
            expectOK(try await admin.post("/v1/orgs/acme/services", #"{"name":"ci-bot","orgRoleName":"admin"}"#))
            let issued = expectOK(try await admin.post("/v1/orgs/acme/services/ci-bot/tokens"))
            let service = admin.with(token: try #require(issued["token"]?.stringValue))
            expectError(try await service.post("/v1/orgs/acme/projects", body), status: 401, code: 16, contains: "not authenticated as a user")
            let byService = expectOK(try await service.post("/v1/orgs/acme/projects", #"{"project":"svc-made","skipDeploy":true}"#))
            #expect(byService["project"]?["createdByUserId"]?.stringValue == "")

            try await emulator.grantGitHubAccess(email: "admin@rillform.local", remote: "https://github.com/acme/sales.git")
            expectOK(try await admin.post("/v1/orgs/acme/projects", body))
            // A git remote without a branch: committed, then the deploy fails like a missing source.
            expectError(try await admin.post("/v1/orgs/acme/projects",
                                             #"{"project":"nobranch","gitRemote":"https://github.com/acme/sales.git","subpath":"x"}"#),
                        status: 400, code: 3, contains: "failed to deploy project")
            expectOK(try await admin.get("/v1/orgs/acme/projects/nobranch"))
            // --local's switch: every user may deploy every github.com repository.
            try await emulator.setGitHubOpenAccess(true)
            expectOK(try await admin.post("/v1/orgs/acme/projects",
                                          #"{"project":"anyrepo","gitRemote":"https://github.com/x/y.git","primaryBranch":"main"}"#))
        }
    }

    @Test func patchChangesOnlyFieldsSent() async throws {
        try await withEmulator(gitHubOpenAccess: false) { emulator in
            let admin = EmulatorHTTP(emulator, token: try #require(emulator.adminToken) as String)
            try await emulator.grantGitHubAccess(email: "admin@rillform.local", remote: "https://github.com/a/b.git")
            try await emulator.grantGitHubAccess(email: "admin@rillform.local", remote: "https://github.com/a/c.git")
            expectOK(try await admin.post("/v1/orgs", #"{"name":"acme"}"#))
            expectOK(try await admin.post(
                "/v1/orgs/acme/projects",
                #"{"project":"pp1","description":"keep","gitRemote":"https://github.com/a/b.git","primaryBranch":"main"}"#))
            let patched = expectOK(try await admin.patch(
                "/v1/orgs/acme/projects/pp1", #"{"primaryBranch":"release","prodTtlSeconds":"0","prod_slots":4}"#))
            let project = try #require(patched["project"])
            #expect(project["description"]?.stringValue == "keep")
            #expect(project["primaryBranch"]?.stringValue == "release")
            #expect(project["prodTtlSeconds"]?.stringValue == "0")
            #expect(project["prodSlots"]?.stringValue == "4")
            // v0.76's `prodBranch` is an unknown field in v0.78.1: silently ignored.
            let ignored = expectOK(try await admin.patch("/v1/orgs/acme/projects/pp1", #"{"prodBranch":"other"}"#))
            #expect(ignored["project"]?["primaryBranch"]?.stringValue == "release")
            // Another project already deploys a/c.git at the same subpath.
            expectOK(try await admin.post(
                "/v1/orgs/acme/projects", #"{"project":"pp2","gitRemote":"https://github.com/a/c.git","skipDeploy":true}"#))
            expectError(try await admin.patch("/v1/orgs/acme/projects/pp1", #"{"gitRemote":"https://github.com/a/c.git"}"#),
                        status: 400, code: 9, contains: #"another project "pp2" in org "acme""#)
            expectError(try await admin.patch("/v1/orgs/acme/projects/pp1", #"{"gitRemote":"https://github.com/a/b.git","archiveAssetId":"x"}"#),
                        status: 500, code: 13, contains: "cannot set both")
            // An archive clears the git settings.
            let archived = expectOK(try await admin.patch("/v1/orgs/acme/projects/pp1", #"{"archiveAssetId":"asset-1"}"#))
            #expect(archived["project"]?["gitRemote"]?.stringValue == "")
            #expect(archived["project"]?["primaryBranch"]?.stringValue == "")
            let renamed = expectOK(try await admin.patch("/v1/orgs/acme/projects/pp1", #"{"newName":"pp3"}"#))
            #expect(renamed["project"]?["name"]?.stringValue == "pp3")
            expectError(try await admin.patch("/v1/orgs/acme/projects/pp1", #"{"description":"x"}"#), status: 400, code: 3,
                        contains: "project not found")
            expectError(try await admin.patch("/v1/orgs/acme/projects/pp3", #"{"newName":"pp2"}"#), status: 409, code: 6)
            expectError(try await admin.patch("/v1/orgs/acme/projects/pp3", #"{"newName":"x"}"#), status: 500, code: 13,
                        contains: "UpdateProjectOptions")
            let outsider = EmulatorHTTP(emulator, token: try await emulator.createUser(email: "out@example.com"))
            expectError(try await outsider.patch("/v1/orgs/acme/projects/pp3", #"{"description":"x"}"#), status: 403, code: 7,
                        contains: "does not have permission to manage project")
        }
    }

    @Test func updateSetsDeploymentsRunningOnlyWhenDeploymentsAreImpacted() async throws {
        try await withEmulator { emulator in
            let admin = EmulatorHTTP(emulator, token: try #require(emulator.adminToken) as String)
            expectOK(try await admin.post("/v1/orgs", #"{"name":"acme"}"#))
            let created = expectOK(try await admin.post("/v1/orgs/acme/projects", #"{"project":"pp1","archiveAssetId":"a-1"}"#))
            let deploymentID = try #require(created["project"]?["primaryDeploymentId"]?.stringValue)
            func status() async throws -> String? {
                expectOK(try await admin.get("/v1/orgs/acme/projects/pp1"))["prodDeployment"]?["status"]?.stringValue
            }
            expectOK(try await admin.post("/v1/deployments/\(deploymentID)/stop"))
            #expect(try await status() == "DEPLOYMENT_STATUS_STOPPED")
            expectOK(try await admin.patch("/v1/orgs/acme/projects/pp1", #"{"description":"no impact"}"#))
            #expect(try await status() == "DEPLOYMENT_STATUS_STOPPED")
            expectOK(try await admin.patch("/v1/orgs/acme/projects/pp1", #"{"prodVersion":"v0.78.1"}"#))
            #expect(try await status() != "DEPLOYMENT_STATUS_STOPPED")
        }
    }

    @Test func newProjectsGrantTheDefaultRoleToOrgMembers() async throws {
        try await withEmulator { emulator in
            let admin = EmulatorHTTP(emulator, token: try #require(emulator.adminToken) as String)
            expectOK(try await admin.post("/v1/orgs", #"{"name":"acme"}"#))
            let viewer = EmulatorHTTP(emulator, token: try await emulator.createUser(email: "viewer@example.com"))
            expectOK(try await admin.post("/v1/orgs/acme/members", #"{"email":"viewer@example.com","role":"viewer"}"#))
            expectOK(try await admin.post("/v1/orgs/acme/projects", #"{"project":"seen","skipDeploy":true}"#))
            expectOK(try await admin.patch("/v1/orgs/acme", #"{"defaultProjectRole":""}"#))
            expectOK(try await admin.post("/v1/orgs/acme/projects", #"{"project":"hidden","skipDeploy":true}"#))
            let listed = expectOK(try await viewer.get("/v1/orgs/acme/projects"))["projects"]?.arrayValue ?? []
            #expect(listed.compactMap { $0["name"]?.stringValue } == ["seen"])
            let all = expectOK(try await admin.get("/v1/orgs/acme/projects"))["projects"]?.arrayValue ?? []
            #expect(all.count == 2)
            // Anonymous callers see public projects only, and get 403 when there are none.
            expectError(try await admin.with(token: nil).get("/v1/orgs/acme/projects"), status: 403, code: 7,
                        contains: "does not have permission to read projects")
            expectError(try await admin.get("/v1/orgs/nope/projects"), status: 404, code: 5, contains: "org not found")
        }
    }

    @Test func deleteReturnsIDAndRemovesDeployments() async throws {
        try await withEmulator { emulator in
            let admin = EmulatorHTTP(emulator, token: try #require(emulator.adminToken) as String)
            expectOK(try await admin.post("/v1/orgs", #"{"name":"acme"}"#))
            let created = expectOK(try await admin.post("/v1/orgs/acme/projects", #"{"project":"pp1","archiveAssetId":"a-1"}"#))
            let deploymentID = try #require(created["project"]?["primaryDeploymentId"]?.stringValue)
            let deleted = expectOK(try await admin.delete("/v1/orgs/acme/projects/pp1"))
            #expect(deleted["id"]?.stringValue == created["project"]?["id"]?.stringValue)
            expectError(try await admin.get("/v1/orgs/acme/projects/pp1"), status: 404, code: 5)
            expectError(try await admin.delete("/v1/orgs/acme/projects/pp1"), status: 400, code: 3, contains: "project not found")
            expectError(try await admin.post("/v1/deployments/\(deploymentID)/start"), status: 400, code: 3, contains: "deployment not found")
        }
    }

    @Test func projectListPaginates() async throws {
        try await withEmulator({ $0.defaultPageSize = 4 }) { emulator in
            let admin = EmulatorHTTP(emulator, token: try #require(emulator.adminToken) as String)
            expectOK(try await admin.post("/v1/orgs", #"{"name":"acme"}"#))
            for index in 0..<10 {
                expectOK(try await admin.post("/v1/orgs/acme/projects", #"{"project":"prj\#(index)","skipDeploy":true}"#))
            }
            var names: [String] = []
            var sizes: [Int] = []
            var token = ""
            repeat {
                let page = expectOK(try await admin.get("/v1/orgs/acme/projects?page_token=\(token)"))
                let projects = page["projects"]?.arrayValue ?? []
                sizes.append(projects.count)
                names += projects.compactMap { $0["name"]?.stringValue }
                token = page["nextPageToken"]?.stringValue ?? ""
            } while !token.isEmpty && sizes.count < 10
            #expect(names == (0..<10).map { "prj\($0)" })
            #expect(sizes == [4, 4, 2])
            let five = expectOK(try await admin.get("/v1/orgs/acme/projects?pageSize=5"))
            let fiveToken = try #require(five["nextPageToken"]?.stringValue)
            let second = expectOK(try await admin.get("/v1/orgs/acme/projects?pageSize=5&pageToken=\(fiveToken)"))
            #expect(second["projects"]?.arrayValue.count == 5)
            let last = expectOK(try await admin.get(
                "/v1/orgs/acme/projects?pageSize=5&pageToken=\(second["nextPageToken"]?.stringValue ?? "")"))
            #expect(last["projects"]?.arrayValue.isEmpty == true)
            #expect(last["nextPageToken"]?.stringValue == "")
        }
    }

    @Test func hibernateAndRedeploy() async throws {
        try await withEmulator { emulator in
            let admin = EmulatorHTTP(emulator, token: try #require(emulator.adminToken) as String)
            expectOK(try await admin.post("/v1/orgs", #"{"name":"acme"}"#))
            let created = expectOK(try await admin.post("/v1/orgs/acme/projects", #"{"project":"pp1","archiveAssetId":"a-1"}"#))
            expectOK(try await admin.post("/v1/orgs/acme/projects/pp1/hibernate"))
            #expect(expectOK(try await admin.get("/v1/orgs/acme/projects/pp1"))["prodDeployment"] == .null)
            expectOK(try await admin.post("/v1/orgs/acme/projects/pp1/redeploy"))
            let after = expectOK(try await admin.get("/v1/orgs/acme/projects/pp1"))
            #expect(after["prodDeployment"]?["ownerUserId"]?.stringValue == "")
            let newID = after["project"]?["primaryDeploymentId"]?.stringValue
            #expect(newID?.isEmpty == false)
            #expect(newID != created["project"]?["primaryDeploymentId"]?.stringValue)
        }
    }
}
