import RillformModel
import RillformPlan

/// One node of the apply graph. A replace becomes two steps, its delete and its create, so progress and the
/// final counts read like Terraform's (`-/+` counts as one added and one destroyed).
public struct PlanStep: Sendable, Hashable, Comparable, CustomStringConvertible {
    public enum Phase: Int, Sendable, Hashable, Comparable {
        /// The delete half of a replace.
        case destroyForReplace = 0
        /// The change itself (the create half of a replace).
        case main = 1

        public static func < (lhs: Phase, rhs: Phase) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    public var address: ResourceAddress
    public var phase: Phase

    public init(_ address: ResourceAddress, phase: Phase = .main) {
        self.address = address
        self.phase = phase
    }

    public static func < (lhs: PlanStep, rhs: PlanStep) -> Bool {
        lhs.address == rhs.address ? lhs.phase < rhs.phase : lhs.address < rhs.address
    }

    public var description: String { address.description }
}

/// What a step executes: the planned change, or (for `destroyForReplace`) its delete half.
public struct PlanStepPayload: Sendable, Hashable {
    public var change: ResourceChange
    public var action: Action
}

extension Plan {
    /// The apply graph: one node per change (two per replace), edges from the plan's dependencies.
    /// Dependencies on changes that are not in this plan (left out by `--target`) are dropped: those
    /// resources already exist or are not ours to touch.
    public func applyGraph() -> [ApplyNode<PlanStep, PlanStepPayload>] {
        let planned = Set(changes.map(\.address))
        var nodes: [ApplyNode<PlanStep, PlanStepPayload>] = []
        for change in changes where change.operation != .noOp {
            let dependencies = change.dependencies.filter { planned.contains($0) && $0 != change.address }
                .map { PlanStep($0) }
            switch change.operation {
            case .replace:
                var destroy = change
                destroy.actions = [.delete]
                nodes.append(ApplyNode(
                    id: PlanStep(change.address, phase: .destroyForReplace), dependencies: dependencies,
                    payload: PlanStepPayload(change: destroy, action: .delete)))
                var create = change
                create.actions = [.create]
                nodes.append(ApplyNode(
                    id: PlanStep(change.address), dependencies: dependencies + [PlanStep(change.address, phase: .destroyForReplace)],
                    payload: PlanStepPayload(change: create, action: .create)))
            case .create, .update, .delete:
                let action: Action =
                    switch change.operation {
                    case .create: .create
                    case .delete: .delete
                    default: .update
                    }
                nodes.append(ApplyNode(
                    id: PlanStep(change.address), dependencies: dependencies,
                    payload: PlanStepPayload(change: change, action: action)))
            case .noOp:
                break
            }
        }
        return nodes
    }
}
