import RillformAPI
import RillformModel
import RillformPlan

extension ResourceChange {
    /// The desired value of one field, when the change sets it.
    func after(_ field: String) -> JSONValue? { fieldChange(field)?.after }

    /// The project fields this change sets, by manifest key (`prod_slots` → `prodSlots`); unset fields stay nil.
    func projectChanges() -> ProjectChanges {
        var changes = ProjectChanges()
        changes.description = after("description")?.stringValue
        changes.isPublic = after("public")?.boolValue
        changes.gitRemote = after("git_remote")?.stringValue
        changes.primaryBranch = after("primary_branch")?.stringValue
        changes.subpath = after("subpath")?.stringValue
        changes.prodSlots = after("prod_slots")?.intValue
        changes.prodVersion = after("prod_version")?.stringValue
        changes.prodTtlSeconds = after("prod_ttl_seconds")?.intValue
        changes.provisioner = after("provisioner")?.stringValue
        return changes
    }
}
