import Foundation
@testable import RillformEmulator
import RillformTestSupport
import Testing

@Suite struct ProjectTests {
    @Test func createUsesProjectFieldAndServerDefaults() async throws {
        try await withEmulator { emulator in
            let admin = EmulatorHTTP(emulator, token: try #require(emulator.adminToken))
            expectOK(try await admin.post("/v1/orgs", #"{"name":"acme"}"#))
            // `name` is not the create field: the project name is missing → 400.
            expectError(try await admin.post("/v1/orgs/acme/projects", #"{"name":"p"}"#), status: 400, code: 3)
            let created = expectOK(try await admin.post(
                "/v1/orgs/acme/projects",
                #"{"project":"p","git_remote":"https://github.com/a/b.git","prod_slots":"3","primaryBranch":"dev","prodTtlSeconds":"5"}"#))
            let project = try #require(created["project"])
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
            #expect(publicProject["project"]?["prodSlots"]?.stringValue == "2")

            let got = expectOK(try await admin.get("/v1/orgs/acme/projects/p"))
            #expect(got["prodDeployment"]?["environment"]?.stringValue == "prod")
            #expect(got["prodDeployment"]?["status"]?.stringValue == "DEPLOYMENT_STATUS_RUNNING")
            #expect(got["projectPermissions"]?["manageProject"]?.boolValue == true)
            let pub = expectOK(try await admin.get("/v1/orgs/acme/projects/pub"))
            #expect(pub["prodDeployment"] == .null)
            let byID = expectOK(try await admin.get("/v1/projects/\(project["id"]?.stringValue ?? "")"))
            #expect(byID["project"]?["name"]?.stringValue == "p")
        }
    }

    @Test func createErrors() async throws {
        try await withEmulator { emulator in
            let admin = EmulatorHTTP(emulator, token: try #require(emulator.adminToken))
            expectOK(try await admin.post("/v1/orgs", #"{"name":"acme"}"#))
            expectError(try await admin.post("/v1/orgs/nope/projects", #"{"project":"p"}"#), status: 400, code: 3, contains: "not found")
            expectOK(try await admin.post("/v1/orgs/acme/projects", #"{"project":"p"}"#))
            expectError(try await admin.post("/v1/orgs/acme/projects", #"{"project":"p"}"#), status: 409, code: 6)
            expectError(
                try await admin.post("/v1/orgs/acme/projects", #"{"project":"q","gitRemote":"https://github.com/a/b.git","archiveAssetId":"x"}"#),
                status: 400, code: 3)
            let quota = try await admin.post("/v1/orgs/acme/projects", #"{"project":"big","prodSlots":"100000"}"#)
            expectError(quota, status: 400, code: 9)
            #expect(quota.message.hasPrefix("quota exceeded:"))
            expectError(try await admin.get("/v1/orgs/acme/projects/none"), status: 404, code: 5)
        }
    }

    @Test func patchChangesOnlyFieldsSent() async throws {
        try await withEmulator { emulator in
            let admin = EmulatorHTTP(emulator, token: try #require(emulator.adminToken))
            expectOK(try await admin.post("/v1/orgs", #"{"name":"acme"}"#))
            expectOK(try await admin.post(
                "/v1/orgs/acme/projects", #"{"project":"p","description":"keep","gitRemote":"https://github.com/a/b.git"}"#))
            let patched = expectOK(try await admin.patch(
                "/v1/orgs/acme/projects/p", #"{"primaryBranch":"release","prodTtlSeconds":"0","prod_slots":4}"#))
            let project = try #require(patched["project"])
            #expect(project["description"]?.stringValue == "keep")
            #expect(project["primaryBranch"]?.stringValue == "release")
            #expect(project["prodTtlSeconds"]?.stringValue == "0")
            #expect(project["prodSlots"]?.stringValue == "4")
            // v0.76's `prodBranch` is an unknown field in v0.78.1: silently ignored.
            let ignored = expectOK(try await admin.patch("/v1/orgs/acme/projects/p", #"{"prodBranch":"other"}"#))
            #expect(ignored["project"]?["primaryBranch"]?.stringValue == "release")
            // An archive clears the git settings.
            let archived = expectOK(try await admin.patch("/v1/orgs/acme/projects/p", #"{"archiveAssetId":"asset-1"}"#))
            #expect(archived["project"]?["gitRemote"]?.stringValue == "")
            #expect(archived["project"]?["primaryBranch"]?.stringValue == "")
            let renamed = expectOK(try await admin.patch("/v1/orgs/acme/projects/p", #"{"newName":"p2"}"#))
            #expect(renamed["project"]?["name"]?.stringValue == "p2")
            expectError(try await admin.patch("/v1/orgs/acme/projects/p", #"{"description":"x"}"#), status: 404, code: 5)
            let quota = try await admin.patch("/v1/orgs/acme/projects/p2", #"{"prodSlots":"9999"}"#)
            expectError(quota, status: 400, code: 9, contains: "quota exceeded:")
        }
    }

    @Test func deleteReturnsIDAndRemovesDeployments() async throws {
        try await withEmulator { emulator in
            let admin = EmulatorHTTP(emulator, token: try #require(emulator.adminToken))
            expectOK(try await admin.post("/v1/orgs", #"{"name":"acme"}"#))
            let created = expectOK(try await admin.post("/v1/orgs/acme/projects", #"{"project":"p"}"#))
            let deploymentID = try #require(created["project"]?["primaryDeploymentId"]?.stringValue)
            let deleted = expectOK(try await admin.delete("/v1/orgs/acme/projects/p"))
            #expect(deleted["id"]?.stringValue == created["project"]?["id"]?.stringValue)
            expectError(try await admin.get("/v1/orgs/acme/projects/p"), status: 404, code: 5)
            expectError(try await admin.post("/v1/deployments/\(deploymentID)/start"), status: 404, code: 5)
        }
    }

    @Test func projectListPaginates() async throws {
        try await withEmulator({ $0.defaultPageSize = 4 }) { emulator in
            let admin = EmulatorHTTP(emulator, token: try #require(emulator.adminToken))
            expectOK(try await admin.post("/v1/orgs", #"{"name":"acme"}"#))
            for index in 0..<10 {
                expectOK(try await admin.post("/v1/orgs/acme/projects", #"{"project":"p\#(index)","skipDeploy":true}"#))
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
            #expect(names == (0..<10).map { "p\($0)" })
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
            let admin = EmulatorHTTP(emulator, token: try #require(emulator.adminToken))
            expectOK(try await admin.post("/v1/orgs", #"{"name":"acme"}"#))
            let created = expectOK(try await admin.post("/v1/orgs/acme/projects", #"{"project":"p"}"#))
            expectOK(try await admin.post("/v1/orgs/acme/projects/p/hibernate"))
            #expect(expectOK(try await admin.get("/v1/orgs/acme/projects/p"))["prodDeployment"] == .null)
            expectOK(try await admin.post("/v1/orgs/acme/projects/p/redeploy"))
            let after = expectOK(try await admin.get("/v1/orgs/acme/projects/p"))
            let newID = after["project"]?["primaryDeploymentId"]?.stringValue
            #expect(newID?.isEmpty == false)
            #expect(newID != created["project"]?["primaryDeploymentId"]?.stringValue)
        }
    }
}
