/// What a delete found: it removed the resource, or the resource was already gone (also the case when an
/// earlier, lost-response attempt removed it). Either way the resource is absent afterwards.
public enum DeletionOutcome: Sendable, Hashable {
    case deleted
    case alreadyAbsent
}
