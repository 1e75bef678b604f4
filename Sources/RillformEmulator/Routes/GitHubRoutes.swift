import Foundation

/// `/v1/github/repositories` against the emulator's fake GitHub (see `GitHubAccess`).
enum GitHubRoutes {
    static let routes: [Route] = [
        Route("GET", "/v1/github/repositories", repoStatus),
    ]

    /// Where grant URLs point; Rill builds them from its external and frontend URLs.
    static let externalURL = "http://localhost:8080"
    static let frontendURL = "http://localhost:3000"

    /// Port of GetGithubRepoStatus (admin/server/github.go): normalise the remote, user tokens only, then
    /// app installed? → user authorized the app? → user a collaborator? Missing access is a 200 with
    /// `hasAccess: false` and the URL where access is granted, not an error.
    static func repoStatus(_ call: Call) throws -> JSON {
        let remote = GitHubAccess.normalize(call.queryValue("remote") ?? "")
        guard case .user(let user) = call.principal else {
            throw RPCError(.unauthenticated, "not authenticated")
        }
        guard GitHubAccess.split(remote) != nil else {
            throw RPCError(
                .invalidArgument, "failed to check Github access: invalid Github remote \(Quotas.quoted(remote))")
        }
        let escaped = escape(remote)
        guard try GitHubAccess.isInstalled(call.db, remote: remote) else {
            return status(false, grantURL: "\(externalURL)/github/connect?remote=\(escaped)")
        }
        guard try GitHubAccess.hasAuthorized(call.db, userID: user.id) else {
            return status(false, grantURL: "\(externalURL)/github/auth/login?remote=\(escaped)")
        }
        guard let branch = try GitHubAccess.defaultBranch(call.db, userID: user.id, remote: remote) else {
            let username = escape(String(user.email.split(separator: "@").first ?? ""))
            return status(
                false, grantURL: "\(frontendURL)/-/github/connect/retry-auth?remote=\(escaped)&githubUsername=\(username)")
        }
        return status(true, grantURL: "", defaultBranch: branch)
    }

    private static func status(_ hasAccess: Bool, grantURL: String, defaultBranch: String = "") -> JSON {
        .object([
            "hasAccess": .bool(hasAccess), "grantAccessUrl": .string(grantURL), "defaultBranch": .string(defaultBranch),
        ])
    }

    private static func escape(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-._~")))
            ?? text
    }
}
