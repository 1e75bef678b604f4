import Foundation
import RillformEmulator
import RillformModel
import RillformTestSupport
import Testing
@testable import RillformAPI

/// Each error class, produced by the real emulator and mapped by the real client. No error text may contain
/// the token that made the call.
@Suite struct EmulatorErrorTests {
    @Test func errorClassesMapToKinds() async throws {
        try await withEmulator { emulator in
            let admin = try emulatorClient(emulator, retryPolicy: .never)
            let adminSecret = try requireAdminToken(emulator)
            _ = try await admin.writer.createOrganization(name: "acme")
            _ = try await admin.writer.createService(org: "acme", name: "bot", orgRole: .viewer)
            var errors: [RillAPIError] = []

            // 404 → notFound; absence for lookups.
            #expect(try await admin.reader.getOrganization("ghost") == nil)
            let missing = try await #require(throws: RillAPIError.self) {
                try await admin.reader.listProjects(org: "ghost")
            }
            #expect(missing.kind == .notFound)
            errors.append(missing)

            // 400 "… not found" → notFound (an unknown org on create is InvalidArgument in Rill).
            let missingParent = try await #require(throws: RillAPIError.self) {
                try await admin.writer.createService(org: "ghost", name: "x", orgRole: .viewer)
            }
            #expect(missingParent.kind == .notFound)
            #expect(missingParent.operation == "createService")
            #expect(missingParent.resource == "service.ghost/x")
            errors.append(missingParent)

            // 409 → alreadyExists.
            let duplicate = try await #require(throws: RillAPIError.self) {
                try await admin.writer.createService(org: "acme", name: "bot", orgRole: .viewer)
            }
            #expect(duplicate.kind == .alreadyExists)
            #expect(duplicate.httpStatus == 409)
            errors.append(duplicate)

            // 400 InvalidArgument.
            let invalid = try await #require(throws: RillAPIError.self) {
                try await admin.writer.createService(org: "acme", name: "noroles")
            }
            #expect(invalid.kind == .invalidArgument)
            errors.append(invalid)

            // 403 → permissionDenied: a viewer service may not create projects.
            let botToken = try await admin.writer.issueServiceToken(org: "acme", service: "bot")
            let viewer = try emulatorClient(emulator, token: botToken.revealSecret(), retryPolicy: .never)
            let denied = try await #require(throws: RillAPIError.self) {
                try await viewer.writer.createProject(org: "acme", NewProject(name: "sales", skipDeploy: true))
            }
            #expect(denied.kind == .permissionDenied)
            #expect(denied.httpStatus == 403)
            errors.append(denied)

            // 401 → unauthenticated: an invalid token, and a service token on a user-only call.
            let bogusSecret = "rill_usr_bogusbogusbogusbogusbogus"
            let bogus = try emulatorClient(emulator, token: bogusSecret, retryPolicy: .never)
            let unauthenticated = try await #require(throws: RillAPIError.self) { try await bogus.reader.listRoles() }
            #expect(unauthenticated.kind == .unauthenticated)
            errors.append(unauthenticated)
            let userOnly = try await #require(throws: RillAPIError.self) { try await viewer.reader.listOrganizations() }
            #expect(userOnly.kind == .unauthenticated)
            errors.append(userOnly)

            for error in errors {
                for secret in [adminSecret, botToken.revealSecret(), bogusSecret] {
                    #expect(!error.description.contains(secret))
                    #expect(!String(reflecting: error).contains(secret))
                    #expect(!error.message.contains(secret))
                }
                #expect(error.description.hasPrefix(error.operation))
            }
        }
    }

    @Test func aDeadServerIsATransportError() async throws {
        // Start and stop an emulator to get a loopback port with nothing listening.
        let port = try await withEmulator { $0.port }
        let client = try RillAdminClient(
            baseURL: "http://127.0.0.1:\(port)", token: APIToken(testSecret),
            options: RillAdminClient.Options(retryPolicy: RetryPolicy(maxAttempts: 2), clock: VirtualClock()))
        let error = try await #require(throws: RillAPIError.self) { try await client.reader.listRoles() }
        #expect(error.kind == .transport)
        #expect(error.attempts == 2)
        #expect(!error.description.contains(testSecret))
    }
}
