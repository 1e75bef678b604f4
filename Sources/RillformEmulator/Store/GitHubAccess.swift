import Foundation
import GRDB

/// The emulator's fake GitHub. A repository counts as having Rill's GitHub app installed when at least one user was
/// granted access to it (`github_repo_access`); a user may deploy it when granted. With the store flag
/// `github_open_access` (what `--local` turns on) every user may deploy every github.com repository.
enum GitHubAccess {
    /// Port of `normalizeGitRemote` (admin/server/github.go): old CLIs sent GitHub HTML URLs without `.git`.
    static func normalize(_ remote: String) -> String {
        guard remote.hasPrefix("https://github.com"), !remote.hasSuffix(".git") else { return remote }
        return remote + ".git"
    }

    /// Port of `gitutil.SplitGithubRemote` (admin/pkg/gitutil): go-git endpoint parsing of
    /// `scheme://[user@]host[:port]/account/repo[.git]` or scp-style `user@host:account/repo`; the host must be
    /// github.com and the path exactly `account/repo`.
    static func split(_ remote: String) -> (account: String, repo: String)? {
        let trimmed = remote.hasSuffix(".git") ? String(remote.dropLast(4)) : remote
        var host = ""
        var path = ""
        if let schemeRange = trimmed.range(of: "://") {
            let rest = trimmed[schemeRange.upperBound...]
            let authority = rest.prefix { $0 != "/" }
            path = String(rest.dropFirst(authority.count))
            var hostPort = authority
            if let at = hostPort.lastIndex(of: "@") { hostPort = hostPort[hostPort.index(after: at)...] }
            host = String(hostPort.prefix { $0 != ":" })
        } else if let colon = trimmed.firstIndex(of: ":"), !trimmed[..<colon].contains("/") {
            var hostPart = trimmed[..<colon]
            if let at = hostPart.lastIndex(of: "@") { hostPart = hostPart[hostPart.index(after: at)...] }
            host = String(hostPart)
            path = String(trimmed[trimmed.index(after: colon)...])
        } else {
            return nil
        }
        guard host.lowercased() == "github.com" else { return nil }
        // path.Split: the repo is after the last slash, the account is the rest without surrounding slashes.
        guard let lastSlash = path.lastIndex(of: "/") else { return nil }
        let repo = String(path[path.index(after: lastSlash)...])
        let account = path[..<lastSlash].trimmingCharacters(in: CharacterSet(charactersIn: "/"))
        guard !account.isEmpty, !repo.isEmpty, !account.contains("/") else { return nil }
        return (account, repo)
    }

    /// The default branch when `userID` may deploy `remote`; nil otherwise.
    static func defaultBranch(_ db: Database, userID: String, remote: String) throws -> String? {
        if let branch = try String.fetchOne(
            db, cached: "SELECT default_branch FROM github_repo_access WHERE user_id = ? AND remote = ?",
            arguments: [userID, remote])
        {
            return branch
        }
        return try EmulatorFlags.isGitHubOpen(db) ? "main" : nil
    }

    /// Whether Rill's GitHub app is installed on the repository (`GetGithubInstallation`).
    static func isInstalled(_ db: Database, remote: String) throws -> Bool {
        if try EmulatorFlags.isGitHubOpen(db) { return true }
        return try Bool.fetchOne(
            db, cached: "SELECT EXISTS (SELECT 1 FROM github_repo_access WHERE remote = ?)", arguments: [remote]) ?? false
    }

    /// Whether the user ever authorized Rill's GitHub app (has a GitHub username in Rill).
    static func hasAuthorized(_ db: Database, userID: String) throws -> Bool {
        if try EmulatorFlags.isGitHubOpen(db) { return true }
        return try Bool.fetchOne(
            db, cached: "SELECT EXISTS (SELECT 1 FROM github_repo_access WHERE user_id = ?)", arguments: [userID]) ?? false
    }

    /// Port of `getAndCheckGithubInstallationID` (admin/server/projects.go), reached through
    /// `githubOptsForRemote` for user-managed repositories (Rill-managed repos are not emulated).
    static func check(_ db: Database, principal: Principal, remote: String) throws {
        guard case .user(let user) = principal else {
            // User managed github projects must be configured by a user.
            throw RPCError(.unauthenticated, "not authenticated as a user")
        }
        guard split(remote) != nil else {
            // GetGithubInstallation's untyped error: Internal (older servers: Unknown), HTTP 500 either way.
            throw RPCError(.internal, "failed to get Github installation: invalid Github remote \(Quotas.quoted(remote))")
        }
        guard try isInstalled(db, remote: remote) else {
            throw RPCError(.permissionDenied, "you have not granted Rill access to \(Quotas.quoted(remote))")
        }
        guard try hasAuthorized(db, userID: user.id) else {
            throw RPCError(.permissionDenied, "you have not granted Rill access to your Github account")
        }
        guard try defaultBranch(db, userID: user.id, remote: remote) != nil else {
            throw RPCError(.permissionDenied, "you are not collaborator to the repo \(Quotas.quoted(remote))")
        }
    }
}
