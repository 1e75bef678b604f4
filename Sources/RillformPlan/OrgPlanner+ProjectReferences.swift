import RillformModel

extension OrgPlanner {
    /// Why a role on `project` (a `project_roles` key of a service or usergroup) cannot be planned, or nil when it
    /// can: the old name of a project being renamed (RF308), or a project that is neither declared nor live, or
    /// that prune deletes (RF302).
    func projectRoleProblem(_ project: String, address: ResourceAddress, at location: SourceLocation?) -> Diagnostic? {
        if let newName = projectsRenamedAway[project] {
            return .error(PlanDiagnosticCode.roleOnPreviousProjectName,
                "\(address): project '\(project)' is being renamed to '\(newName)'; use the new name", at: location)
        }
        guard !declaredProjectNames.contains(project) else { return nil }
        let existsLive = live?.projects[project] != nil
        guard !existsLive || prune else { return nil }
        let why = existsLive ? "is not declared and is deleted by prune" : "is neither declared nor live"
        return .error(PlanDiagnosticCode.unknownProjectInRoles, "\(address): project '\(project)' \(why)", at: location)
    }
}
