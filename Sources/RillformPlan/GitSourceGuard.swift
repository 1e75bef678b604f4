import RillformModel

/// Whether the caller can deploy from one git remote: the answer of Rill's `GetGithubRepoStatus`.
public struct GitSourceAccess: Sendable, Hashable {
    public var hasAccess: Bool
    /// Where to grant the Rill GitHub app access, when it lacks it.
    public var grantAccessURL: String

    public init(hasAccess: Bool, grantAccessURL: String = "") {
        self.hasAccess = hasAccess
        self.grantAccessURL = grantAccessURL
    }
}

/// Refuses, before any write, project creates and `git_remote` changes the token cannot carry out on Rill:
/// `CreateProject`/`UpdateProject` (admin/server/projects.go) need the caller's GitHub access to a user-managed
/// repository, which a service token never has (401), and which a user has only after installing Rill's GitHub
/// app on the repository.
public enum GitSourceGuard {
    /// The remotes a plan points projects at (creates with `git_remote`, updates that change it), by remote.
    public static func remotes(in plan: Plan) -> [String: [ResourceAddress]] {
        var result: [String: [ResourceAddress]] = [:]
        for change in plan.changes where change.kind == .project
            && (change.operation == .create || change.operation == .update) {
            guard let remote = change.fieldChange(ProjectField.gitRemote.manifestKey)?.after?.stringValue, !remote.isEmpty else { continue }
            result[remote, default: []].append(change.address)
        }
        return result
    }

    /// One RF323 error per project the caller cannot point at its remote. `access` holds the answers for the
    /// remotes that were checked (user tokens only); `isUser` false means a service token.
    public static func check(_ plan: Plan, isUser: Bool, access: [String: GitSourceAccess]) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        for (remote, addresses) in remotes(in: plan) {
            for address in addresses {
                let location = plan.changes.first { $0.address == address }?.fieldChange(ProjectField.gitRemote.manifestKey)?.location
                if !isUser {
                    diagnostics.append(.error(PlanDiagnosticCode.gitSourceAccess,
                        "\(address): deploying from git_remote \(remote) needs a user token with GitHub access to the "
                            + "repository; Rill refuses service tokens for user-managed repositories. Run this change "
                            + "with a user token, or create the project without git_remote",
                        at: location))
                } else if let answer = access[remote], !answer.hasAccess {
                    var message = "\(address): the token's user has no GitHub access to \(remote) through Rill's "
                        + "GitHub app"
                    message += answer.grantAccessURL.isEmpty ? "" : "; grant it at \(answer.grantAccessURL)"
                    diagnostics.append(.error(PlanDiagnosticCode.gitSourceAccess, message, at: location))
                }
            }
        }
        return diagnostics.sorted()
    }
}
