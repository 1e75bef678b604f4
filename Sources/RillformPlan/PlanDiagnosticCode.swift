import RillformModel

/// The planner's codes (RF3xx) as the `code` strings its diagnostics carry. Each points into the one registry,
/// ``DiagnosticCode``, where severity, summary and help live.
public enum PlanDiagnosticCode {
    public static let serviceWithoutRole = DiagnosticCode.newServiceWithoutRole.id
    public static let unknownProjectInRoles = DiagnosticCode.unknownProjectInRoles.id
    public static let renameConflict = DiagnosticCode.renameConflict.id
    public static let emptyCollectionNotPruned = DiagnosticCode.emptyCollectionNotPruned.id
    public static let skippedByTargeting = DiagnosticCode.skippedByTargeting.id
    public static let serviceLeftWithoutRoles = DiagnosticCode.serviceLeftWithoutRoles.id
    public static let tokenAgeUnknown = DiagnosticCode.tokenAgeUnknown.id
    public static let roleOnPreviousProjectName = DiagnosticCode.roleOnPreviousProjectName.id
    public static let devDeploymentWithoutBranch = DiagnosticCode.plannedDevDeploymentWithoutBranch.id
    public static let protectedResource = DiagnosticCode.protectedResource.id
    public static let massDelete = DiagnosticCode.massDelete.id
    public static let lockout = DiagnosticCode.lockout.id
    public static let gitSourceAccess = DiagnosticCode.gitSourceAccess.id
    public static let pendingInvite = DiagnosticCode.pendingInvite.id
    public static let lastAdminRemoval = DiagnosticCode.lastAdminRemoval.id
    public static let billingEmailUserRemoval = DiagnosticCode.billingEmailUserRemoval.id
    /// A declared managed usergroup (`autogroup:…`) that does not exist live: Rill makes these, rillform cannot.
    public static let managedUsergroupMissing = DiagnosticCode.managedUsergroupMissing.id

    /// The guard codes: a plan whose only errors are these is refused with exit status 3, not 1.
    public static let guardCodes: Set<String> = Set(
        DiagnosticCode.allCases.filter { $0.stage == .safetyGuard }.map(\.id))
}
