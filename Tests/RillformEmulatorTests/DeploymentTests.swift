import Foundation
@testable import RillformEmulator
import RillformTestSupport
import Testing

@Suite struct DeploymentTests {
    @Test func lifecycleAndRules() async throws {
        try await withEmulator { emulator in
            let admin = EmulatorHTTP(emulator, token: try #require(emulator.adminToken))
            expectOK(try await admin.post("/v1/orgs", #"{"name":"acme"}"#))
            expectOK(try await admin.post("/v1/orgs/acme/projects", #"{"project":"p"}"#))
            let base = "/v1/orgs/acme/projects/p/deployments"
            let listed = expectOK(try await admin.get(base))
            let prod = try #require(listed["deployments"]?.arrayValue.first)
            #expect(listed["deployments"]?.arrayValue.count == 1)
            #expect(prod["environment"]?.stringValue == "prod")
            #expect(prod["branch"]?.stringValue == "")
            #expect(prod["editable"]?.boolValue == false)

            expectError(try await admin.post(base, #"{"environment":"prod"}"#), status: 400, code: 3, contains: "prod")
            expectError(try await admin.post(base, #"{"environment":"staging"}"#), status: 400, code: 3)
            expectError(try await admin.post(base, #"{}"#), status: 400, code: 3)

            let dev = expectOK(try await admin.post(base, #"{"environment":"dev","branch":"feature","editable":true}"#))
            #expect(dev["deployment"]?["branch"]?.stringValue == "feature")
            #expect(dev["deployment"]?["editable"]?.boolValue == true)
            let devID = try #require(dev["deployment"]?["id"]?.stringValue)
            let randomBranch = expectOK(try await admin.post(base, #"{"environment":"dev"}"#))
            #expect(randomBranch["deployment"]?["branch"]?.stringValue?.hasPrefix("rill/") == true)
            #expect(expectOK(try await admin.get(base + "?branch=feature"))["deployments"]?.arrayValue.count == 1)
            #expect(expectOK(try await admin.get(base + "?environment=dev"))["deployments"]?.arrayValue.count == 2)

            let stopped = expectOK(try await admin.post("/v1/deployments/\(devID)/stop"))
            #expect(stopped["deploymentId"]?.stringValue == devID)
            let started = expectOK(try await admin.post("/v1/deployments/\(devID)/start"))
            #expect(started["deployment"]?["status"]?.stringValue == "DEPLOYMENT_STATUS_RUNNING")
            let deleted = expectOK(try await admin.delete("/v1/deployments/\(devID)"))
            #expect(deleted["deploymentId"]?.stringValue == devID)
            expectError(try await admin.delete("/v1/deployments/\(devID)"), status: 404, code: 5)

            // Deleting prod frees the slot for a new prod deployment, which must not have a branch or be editable.
            let prodID = try #require(prod["id"]?.stringValue)
            expectOK(try await admin.delete("/v1/deployments/\(prodID)"))
            expectError(try await admin.post(base, #"{"environment":"prod","branch":"x"}"#), status: 400, code: 3)
            expectError(try await admin.post(base, #"{"environment":"prod","editable":true}"#), status: 400, code: 3)
            let newProd = expectOK(try await admin.post(base, #"{"environment":"prod"}"#))
            let project = expectOK(try await admin.get("/v1/orgs/acme/projects/p"))
            #expect(project["project"]?["primaryDeploymentId"] == newProd["deployment"]?["id"])
        }
    }
}
