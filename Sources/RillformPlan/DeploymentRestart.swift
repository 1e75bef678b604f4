import RillformModel

/// Rill restarts deployments behind the user's back: `UpdateProject` (admin/projects.go) calls
/// `UpdateDeploymentsForProject` when the update changes the prod version, prod slots, name, subpath, branch,
/// git remote or archive, and that sets every deployment of the project to desired status running
/// (admin/deployments.go: `UpdateDeployment`). A deployment declared `state: stopped` must be stopped again
/// after such an update, and the stop must wait for it.
public enum DeploymentRestart {
    /// The manifest fields of a project whose change restarts its deployments (``ProjectField/restartsDeployments``;
    /// `name` stands for a rename).
    public static let projectFields: Set<String> =
        Set(ProjectField.allCases.filter(\.restartsDeployments).map(\.manifestKey)).union(["name"])

    /// True when `change` is an in-place project update that Rill follows with a restart of its deployments.
    public static func restartsDeployments(_ change: ResourceChange) -> Bool {
        guard change.address.kind == .project, change.operation == .update else { return false }
        return change.rename != nil || change.fieldChanges.contains { projectFields.contains($0.field) }
    }

    /// The note on such a project change; `stopped` are the keys of its live stopped deployments.
    static func note(stopped: [String], managed: Bool) -> String {
        var note = "this update restarts every deployment of the project (Rill's UpdateDeploymentsForProject)"
        guard !stopped.isEmpty else { return note }
        let names = stopped.joined(separator: ", ")
        note += managed
            ? "; stopped deployments (\(names)) declared stopped are stopped again afterwards"
            : "; stopped deployments (\(names)) will be running afterwards: declare `deployments:` to keep them stopped"
        return note
    }
}
