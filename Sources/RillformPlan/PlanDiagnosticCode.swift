/// Stable codes of the diagnostics the planner reports (RF3xx). Never reuse a code for another meaning.
public enum PlanDiagnosticCode {
    /// error: a service cannot be created because it has neither an org role nor a project role.
    public static let serviceWithoutRole = "RF301"
    /// error: `project_roles` names a project that is not declared and does not exist (or is being pruned).
    public static let unknownProjectInRoles = "RF302"
    /// warning: a `previously:` name exists live next to the current name; the old one is left alone.
    public static let renameConflict = "RF303"
    /// note: an explicitly empty collection (`deployments: []`, `project_roles: {}`) has live entries that stay
    /// because pruning is off.
    public static let emptyCollectionNotPruned = "RF304"
    /// note: changes were left out by `--target`/`--exclude`.
    public static let skippedByTargeting = "RF305"
    /// warning: a service would be left without any role.
    public static let serviceLeftWithoutRoles = "RF306"
    /// note: token ages are unknown (no `createdOn`), so those tokens are not considered for rotation.
    public static let tokenAgeUnknown = "RF307"
    /// error: `project_roles` names a project by the name it is being renamed away from.
    public static let roleOnPreviousProjectName = "RF308"
    /// error: a dev deployment without a branch (a dev deployment is identified by its branch).
    public static let devDeploymentWithoutBranch = "RF309"
    /// error (guard): a protected address would be deleted or replaced.
    public static let protectedResource = "RF320"
    /// error (guard): more of one kind would be deleted in one org than the mass-delete threshold allows.
    public static let massDelete = "RF321"
    /// error (guard): the plan would delete, replace or demote the identity running rillform, or leave an org
    /// without any admin rillform can see.
    public static let lockout = "RF322"
    /// error (guard): a project would be created from, or re-pointed to, a git remote the token cannot deploy
    /// from (a service token, or a user without GitHub access to the repository).
    public static let gitSourceAccess = "RF323"

    /// The guard codes: a plan whose only errors are these is refused with exit status 3, not 1.
    public static let guardCodes: Set<String> = [protectedResource, massDelete, lockout, gitSourceAccess]
}
