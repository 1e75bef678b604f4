/// The managed settings of a deployment. Its environment and branch are its identity (the address), not fields.
public enum DeploymentField: String, ManagedField {
    case state
    /// Dev only.
    case editable

    public var wireName: String {
        switch self {
        case .state: "status"
        case .editable: "editable"
        }
    }

    public var valueType: FieldValueType {
        switch self {
        case .state: .enumeration(DeploymentState.allCases.map(\.rawValue))
        case .editable: .bool
        }
    }

    public var summary: String {
        switch self {
        case .state: "Whether the deployment runs or is stopped (hibernated)."
        case .editable: "Whether the dev deployment can be edited in the browser."
        }
    }

    /// Rill has no update call for deployments: a different `editable` means delete and create.
    public var forcesReplacement: Bool {
        switch self {
        case .state: false
        case .editable: true
        }
    }

    /// `CreateDeployment` starts the deployment; a desired `stopped` is a stop right after.
    public var acceptedByCreate: Bool {
        switch self {
        case .state: false
        case .editable: true
        }
    }

    public var unsetValue: FieldValue? {
        switch self {
        case .state: .string(DeploymentState.running.rawValue)
        case .editable: .bool(false)
        }
    }
}
