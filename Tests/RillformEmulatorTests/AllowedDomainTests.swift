import Foundation
@testable import RillformEmulator
import RillformTestSupport
import Testing

/// Whitelisted email domains of orgs and projects (CreateWhitelistedDomain and friends).
@Suite struct AllowedDomainTests {
    /// Org domains: only a user whose own email is at the domain, with manageOrg; existing users of the domain
    /// join at once, later ones at signup; removing the domain removes nobody.
    @Test func orgDomainAddsExistingAndFutureUsers() async throws {
        try await withEmulator { emulator in
            let fixture = try await Fixture.make(emulator)
            let admin = fixture.admin
            let early = admin.with(token: try await emulator.createUser(email: "early@rillform.local"))
            expectError(try await early.get("/v1/orgs/acme"), status: 403, code: 7)
            expectOK(try await admin.post("/v1/orgs/acme/whitelisted", #"{"domain":"rillform.local","role":"viewer"}"#))
            #expect(expectOK(try await early.get("/v1/orgs/acme"))["permissions"]?["readProjects"]?.boolValue == true)
            let listed = expectOK(try await admin.get("/v1/orgs/acme/whitelisted"))
            #expect(listed["domains"] == .array([.object(["domain": .string("rillform.local"), "role": .string("viewer")])]))
            let duplicate = try await admin.post("/v1/orgs/acme/whitelisted", #"{"domain":"rillform.local","role":"editor"}"#)
            expectError(duplicate, status: 409, code: 6)
            #expect(duplicate.message == "domain has already been added for the org")

            let later = admin.with(token: try await emulator.signUpUser(email: "later@rillform.local"))
            let members = expectOK(try await admin.get("/v1/orgs/acme/members?role=viewer"))["members"]?.arrayValue ?? []
            let emails = members.compactMap { $0["userEmail"]?.stringValue }
            #expect(emails.contains("later@rillform.local"))
            expectOK(try await later.get("/v1/orgs/acme/projects/alpha"))
            // An explicit invite wins over the domain's role.
            expectOK(try await admin.post("/v1/orgs/acme/members", #"{"email":"boss@rillform.local","role":"admin"}"#))
            let boss = admin.with(token: try await emulator.signUpUser(email: "boss@rillform.local"))
            #expect(expectOK(try await boss.get("/v1/orgs/acme"))["permissions"]?["manageOrg"]?.boolValue == true)

            expectOK(try await admin.delete("/v1/orgs/acme/whitelisted/rillform.local"))
            expectError(try await admin.delete("/v1/orgs/acme/whitelisted/rillform.local"), status: 404, code: 5,
                        contains: "org whitelist domain not found")
            expectOK(try await early.get("/v1/orgs/acme"))
            let afterRemoval = admin.with(token: try await emulator.signUpUser(email: "after@rillform.local"))
            expectError(try await afterRemoval.get("/v1/orgs/acme"), status: 403, code: 7)
        }
    }

    /// The refusals, in Rill's order: user token (401), org (404), manageOrg (403), the caller's email domain
    /// (403), public providers (400), role (404), admin role (403 without manageOrgAdmins).
    @Test func orgDomainRefusals() async throws {
        try await withEmulator { emulator in
            let fixture = try await Fixture.make(emulator)
            let admin = fixture.admin
            let body = #"{"domain":"example.com","role":"viewer"}"#
            let service = try await #require(fixture.services["svc-admin"]).post("/v1/orgs/acme/whitelisted", body)
            expectError(service, status: 401, code: 16)
            #expect(service.message == "not authenticated as a user")
            expectError(try await admin.post("/v1/orgs/nope/whitelisted", body), status: 404, code: 5, contains: "org not found")
            // Editors manage members but not the org: refused, even at their own domain.
            let editor = try await #require(fixture.users["editor"]).post("/v1/orgs/acme/whitelisted", body)
            expectError(editor, status: 403, code: 7)
            #expect(editor.message == "only org admins can add whitelisted domain")
            let mismatch = try await admin.post("/v1/orgs/acme/whitelisted", body)
            expectError(mismatch, status: 403, code: 7)
            #expect(mismatch.message == "Domain name doesn\u{2019}t match verified email domain. Please contact Rill support.")
            // A parent or a subdomain of the caller's domain is not the caller's domain (a plain suffix check on
            // "@" + domain, case-sensitive).
            expectError(try await admin.post("/v1/orgs/acme/whitelisted", #"{"domain":"local","role":"viewer"}"#),
                        status: 403, code: 7)
            expectError(try await admin.post("/v1/orgs/acme/whitelisted", #"{"domain":"RILLFORM.local","role":"viewer"}"#),
                        status: 403, code: 7)
            expectError(try await admin.post("/v1/orgs/acme/whitelisted", #"{"domain":"x.rillform.local","role":"viewer"}"#),
                        status: 403, code: 7)

            let gmailUser = admin.with(token: try await emulator.createUser(email: "founder@gmail.com"))
            expectOK(try await gmailUser.post("/v1/orgs", #"{"name":"garage"}"#))
            let publicDomain = try await gmailUser.post("/v1/orgs/garage/whitelisted", #"{"domain":"gmail.com","role":"viewer"}"#)
            expectError(publicDomain, status: 400, code: 3)
            #expect(publicDomain.message == "Public Domain gmail.com cannot be whitelisted")

            expectError(try await admin.post("/v1/orgs/acme/whitelisted", #"{"domain":"rillform.local","role":"owner"}"#),
                        status: 404, code: 5, contains: "org role not found")
            // Only admins pass manageOrg, and they also have manageOrgAdmins, so an admin domain role is allowed.
            expectOK(try await admin.post("/v1/orgs/acme/whitelisted", #"{"domain":"rillform.local","role":"admin"}"#))
            // Listing and removal need manageOrg too.
            let viewer = try #require(fixture.users["viewer"])
            expectError(try await viewer.get("/v1/orgs/acme/whitelisted"), status: 403, code: 7,
                        contains: "only org admins can list whitelisted domain")
            expectError(try await viewer.delete("/v1/orgs/acme/whitelisted/rillform.local"), status: 403, code: 7,
                        contains: "only org admins can remove whitelisted domain")
            // A service with manageOrg may list and remove (only adding needs a user).
            let svc = try #require(fixture.services["svc-admin"])
            #expect(expectOK(try await svc.get("/v1/orgs/acme/whitelisted"))["domains"]?.arrayValue.count == 1)
            expectOK(try await svc.delete("/v1/orgs/acme/whitelisted/rillform.local"))
        }
    }

    /// Project domains: manageProject, the same ownership checks, existing users become project members (and org
    /// guests), new users join at signup.
    @Test func projectDomains() async throws {
        try await withEmulator { emulator in
            let fixture = try await Fixture.make(emulator)
            let admin = fixture.admin
            let path = "/v1/orgs/acme/projects/beta/whitelisted"
            let early = admin.with(token: try await emulator.createUser(email: "early@rillform.local"))
            expectOK(try await admin.post(path, #"{"domain":"rillform.local","role":"editor"}"#))
            #expect(expectOK(try await early.get("/v1/orgs/acme/projects/beta"))["projectPermissions"]?["manageDev"]?.boolValue == true)
            #expect(expectOK(try await early.get("/v1/orgs/acme"))["permissions"]?["guest"]?.boolValue == true)
            // The admin was already a project member (creator): their role stays admin.
            let members = expectOK(try await admin.get("/v1/orgs/acme/projects/beta/members"))["members"]?.arrayValue ?? []
            #expect(members.map { [$0["userEmail"]?.stringValue, $0["roleName"]?.stringValue, $0["orgRoleName"]?.stringValue] }
                == [["admin@rillform.local", "admin", "admin"], ["early@rillform.local", "editor", "guest"]])
            let later = admin.with(token: try await emulator.signUpUser(email: "later@rillform.local"))
            expectOK(try await later.get("/v1/orgs/acme/projects/beta"))
            expectError(try await later.get("/v1/orgs/acme/projects/alpha"), status: 403, code: 7)
            #expect(expectOK(try await admin.get(path))["domains"]?.arrayValue.count == 1)
            expectError(try await admin.post(path, #"{"domain":"rillform.local","role":"viewer"}"#), status: 409, code: 6,
                        contains: "project whitelist domain already exists")

            let service = try await #require(fixture.services["svc-admin"]).post(path, #"{"domain":"x.com","role":"viewer"}"#)
            expectError(service, status: 401, code: 16)
            expectError(try await admin.post("/v1/orgs/acme/projects/nope/whitelisted", #"{"domain":"rillform.local","role":"viewer"}"#),
                        status: 404, code: 5, contains: "project not found")
            let editor = try await #require(fixture.users["editor"]).post(path, #"{"domain":"example.com","role":"viewer"}"#)
            expectError(editor, status: 403, code: 7)
            #expect(editor.message == "only proj admins can add whitelisted domain")
            expectError(try await admin.post("/v1/orgs/acme/projects/alpha/whitelisted", #"{"domain":"example.com","role":"viewer"}"#),
                        status: 403, code: 7, contains: "Domain name doesn\u{2019}t match")
            expectError(try await admin.post("/v1/orgs/acme/projects/alpha/whitelisted", #"{"domain":"rillform.local","role":"owner"}"#),
                        status: 404, code: 5, contains: "project role not found")
            expectError(try await #require(fixture.users["viewer"]).get(path), status: 403, code: 7,
                        contains: "only project admins can list whitelisted domains")
            expectOK(try await admin.delete(path + "/rillform.local"))
            expectError(try await admin.delete(path + "/rillform.local"), status: 404, code: 5,
                        contains: "project whitelist domain not found")
        }
    }
}
