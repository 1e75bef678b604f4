import Foundation
@testable import RillformEmulator
import RillformTestSupport
import Testing

@Suite struct GitHubTests {
    @Test func repoStatusFollowsTheFakeGitHub() async throws {
        try await withEmulator(gitHubOpenAccess: false) { emulator in
            let admin = EmulatorHTTP(emulator, token: try #require(emulator.adminToken) as String)
            let path = "/v1/github/repositories?remote=https%3A%2F%2Fgithub.com%2Facme%2Fsales"
            // Not installed: grant through the app installation flow.
            let none = expectOK(try await admin.get(path))
            #expect(none["hasAccess"]?.boolValue == false)
            #expect(none["grantAccessUrl"]?.stringValue?.contains("/github/connect?remote=") == true)
            // Installed for someone else, but the caller never authorized the app.
            try await emulator.grantGitHubAccess(email: "dev@example.com", remote: "https://github.com/acme/sales.git")
            let unauthorized = expectOK(try await admin.get(path))
            #expect(unauthorized["hasAccess"]?.boolValue == false)
            #expect(unauthorized["grantAccessUrl"]?.stringValue?.contains("/github/auth/login?remote=") == true)
            // Authorized, but not a collaborator on this repository.
            try await emulator.grantGitHubAccess(email: "admin@rillform.local", remote: "https://github.com/acme/other.git")
            let notCollaborator = expectOK(try await admin.get(path))
            #expect(notCollaborator["hasAccess"]?.boolValue == false)
            #expect(notCollaborator["grantAccessUrl"]?.stringValue?.contains("retry-auth") == true)
            try await emulator.grantGitHubAccess(
                email: "admin@rillform.local", remote: "https://github.com/acme/sales", defaultBranch: "trunk")
            let granted = expectOK(try await admin.get(path))
            #expect(granted["hasAccess"]?.boolValue == true)
            #expect(granted["defaultBranch"]?.stringValue == "trunk")
            try await emulator.revokeGitHubAccess(email: "admin@rillform.local", remote: "https://github.com/acme/sales.git")
            #expect(expectOK(try await admin.get(path))["hasAccess"]?.boolValue == false)
            try await emulator.setGitHubOpenAccess(true)
            let open = expectOK(try await admin.get("/v1/github/repositories?remote=https://github.com/any/repo.git"))
            #expect(open["hasAccess"]?.boolValue == true)
            #expect(open["defaultBranch"]?.stringValue == "main")
        }
    }

    @Test func repoStatusErrors() async throws {
        try await withEmulator { emulator in
            let fixture = try await Fixture.make(emulator)
            let service = try #require(fixture.services["svc-admin"])
            let path = "/v1/github/repositories?remote=https://github.com/acme/sales.git"
            expectError(try await service.get(path), status: 401, code: 16, contains: "not authenticated")
            expectError(try await fixture.anonymous.get(path), status: 401, code: 16)
            expectError(try await fixture.admin.get("/v1/github/repositories?remote=https://gitlab.com/a/b.git"), status: 400, code: 3,
                        contains: #"failed to check Github access: invalid Github remote "https://gitlab.com/a/b.git""#)
            expectError(try await fixture.admin.get("/v1/github/repositories"), status: 400, code: 3)
        }
    }

    @Test func remoteParsingMatchesSplitGithubRemote() {
        #expect(GitHubAccess.split("https://github.com/acme/sales.git")! == ("acme", "sales"))
        #expect(GitHubAccess.split("git@github.com:acme/sales.git")! == ("acme", "sales"))
        #expect(GitHubAccess.split("https://user@github.com/acme/sales")! == ("acme", "sales"))
        #expect(GitHubAccess.split("https://gitlab.com/acme/sales.git") == nil)
        #expect(GitHubAccess.split("https://github.com/acme/team/sales.git") == nil)
        #expect(GitHubAccess.split("https://github.com/sales.git") == nil)
        #expect(GitHubAccess.split("not a remote") == nil)
        #expect(GitHubAccess.normalize("https://github.com/acme/sales") == "https://github.com/acme/sales.git")
        #expect(GitHubAccess.normalize("git@github.com:acme/sales") == "git@github.com:acme/sales")
    }
}
