import RillformModel

extension LiveOrg {
    /// An org the plan creates, as Rill leaves it after CreateOrganization with a user token: the creator is its
    /// only member, a direct admin, and its billing email. The planner counts the creator as live the same way
    /// (``PlanOptions/runningUserEmail``), so the guards judge the plan against what the apply will meet.
    static func created(_ name: String, by creator: String) -> LiveOrg {
        var org = LiveOrg(id: "", name: name, billingEmail: creator)
        org.members = [creator: LiveMember(email: creator, orgRole: .admin)]
        org.usergroups = [:]
        org.allowedDomains = [:]
        return org
    }
}
