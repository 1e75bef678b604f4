import RillformModel

/// A change the plan describes but the executor cannot carry out.
public struct PlanExecutionError: Error, Sendable, CustomStringConvertible {
    public var address: ResourceAddress
    public var reason: String
    public var description: String { "\(address): \(reason)" }
}

extension ResourceAddress {
    /// A name this kind of address always has (`\.project` of a deployment, `\.service` of a role). Throws rather
    /// than trapping, so a hand-edited plan that reaches the wrong executor fails with its address.
    func required(_ component: KeyPath<ResourceAddress, String?>, _ what: String) throws -> String {
        guard let value = self[keyPath: component] else {
            throw PlanExecutionError(address: self, reason: "\(kind.rawValue) address has no \(what)")
        }
        return value
    }
}
