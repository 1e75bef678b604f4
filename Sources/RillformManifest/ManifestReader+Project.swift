import RillformModel

extension ManifestReader {
    static let projectKeys = ["name", "previously"] + ProjectField.allCases.map(\.manifestKey) + ["deployments", "members", "allowed_domains"]
    static let deploymentKeys = ["environment", "branch"] + DeploymentField.allCases.map(\.manifestKey)

    func readProject(_ node: YAMLNode) -> DesiredProject? {
        let what = Self.describe("project", node)
        guard let fields = fields(node, of: what, allowed: Self.projectKeys, required: ["name"]) else { return nil }
        let name = string(fields["name"])
        if let name { checkName(name, kind: "project") }
        let previously = stringList(fields["previously"]) ?? []
        for earlier in previously { checkName(earlier, kind: "previous project") }
        let managed = managedValues(fields, as: ProjectField.self)
        let isPublic = managed.bool(.isPublic)
        if let isPublic, isPublic.value {
            report(.publicProject, "\(what) is public: anyone on the internet can open its dashboards",
                   at: isPublic.location)
        }
        let gitRemote = managed.string(.gitRemote)
        if let gitRemote, !NameRules.isGitRemote(gitRemote.value) {
            report(.invalidGitRemote,
                   "'git_remote' \(shown(gitRemote.value, at: gitRemote.location)) must be an HTTPS GitHub remote like "
                       + "https://github.com/OWNER/REPO.git",
                   at: gitRemote.location)
        }
        let primaryBranch = managed.string(.primaryBranch)
        // Rill deploys a user-managed repository only when the create names the branch (CreateProject,
        // admin/server/projects.go, does not look up GitHub's default branch for it); make it explicit.
        if let gitRemote, primaryBranch == nil {
            report(.gitRemoteWithoutBranch,
                   "\(what) sets 'git_remote' but no 'primary_branch': Rill deploys only the branch the project names. "
                       + "Add 'primary_branch' (usually main)",
                   at: gitRemote.location)
        }
        let deployments = list(fields["deployments"]).map { readDeployments($0, of: what) }
        // Rill deploys only from a git remote or an uploaded archive (CreateProject, admin/server/projects.go);
        // a manifest cannot upload archives, so a project without `git_remote` is created with skip_deploy and
        // may not declare deployments. Projects deployed with `rill deploy` leave `deployments` out.
        if gitRemote == nil, let first = deployments?.first {
            report(.deploymentsWithoutSource,
                   "\(what) declares deployments but no 'git_remote': Rill can only deploy a project from a git "
                       + "remote (or an archive uploaded by `rill deploy`). Add 'git_remote', or leave 'deployments' "
                       + "out to create the project without a deployment",
                   at: first.environment.location)
        }
        let members = list(fields["members"]).map { readProjectMembers($0, of: what) }
        let allowedDomains = list(fields["allowed_domains"]).map { readProjectAllowedDomains($0, of: what) }
        guard let name else { return nil }
        var project = DesiredProject(name: name, previously: previously, managed: managed, deployments: deployments)
        project.members = members
        project.allowedDomains = allowedDomains
        return project
    }

    /// Reads `deployments:` and checks them together: one prod at most, dev keyed by branch, no duplicates.
    private func readDeployments(_ items: [YAMLNode], of project: String) -> [DesiredDeployment] {
        var result: [DesiredDeployment] = []
        var seen: [String: SourceLocation] = [:]
        for item in items {
            guard let fields = fields(item, of: "a deployment of \(project)", allowed: Self.deploymentKeys,
                                      required: ["environment"])
            else { continue }
            let environment = enumeration(fields["environment"], as: DeploymentEnvironment.self, code: .invalidValue,
                                          noun: "environment")
            let managed = managedValues(fields, as: DeploymentField.self) { field in
                field == .state ? (code: .invalidValue, noun: "state") : nil
            }
            let branch = string(fields["branch"])
            if let branch, branch.value.allSatisfy(\.isWhitespace) {
                report(.invalidValue, "'branch' must not be empty", at: branch.location)
            }
            guard let environment else { continue }
            var deployment = DesiredDeployment(environment: environment, branch: branch)
            deployment.managed = managed
            switch environment.value {
            case .prod:
                for key in ["branch", DeploymentField.editable.manifestKey] {
                    if let entry = fields[key] {
                        report(.devOnlyKeyOnProd,
                               "'\(key)' is only for dev deployments; the prod branch is the project's "
                                   + "'primary_branch'",
                               at: entry.keyMark)
                    }
                }
                if let first = seen["prod"] {
                    report(.multipleProdDeployments,
                           "\(project) has more than one prod deployment (first at \(first))",
                           at: environment.location, related: [first])
                    continue
                }
                seen["prod"] = environment.location
            case .dev:
                guard let branch else {
                    if fields["branch"] == nil {
                        report(.devDeploymentWithoutBranch,
                               "a dev deployment of \(project) needs a 'branch' (dev deployments are keyed by branch)",
                               at: environment.location)
                    }
                    continue
                }
                let key = "dev@\(branch.value)"
                if let first = seen[key] {
                    report(.duplicateDeployment,
                           "\(project) declares the dev deployment of branch '\(branch.value)' twice "
                               + "(first at \(first))",
                           at: environment.location, related: [first])
                    continue
                }
                seen[key] = environment.location
            }
            result.append(deployment)
        }
        return result
    }
}
