import HTTPTypes

/// Whether repeating a request can change the outcome, which decides if it may be retried blindly.
enum RequestIdempotency {
    /// POST operations that are safe to repeat: starting a started deployment or stopping a stopped one changes
    /// nothing, minting one more short-lived runtime JWT is harmless, and a usergroup rename is resolved by name.
    private static let idempotentPostOperations: Set<String> = [
        "AdminService_StartDeployment",
        "AdminService_StopDeployment",
        "AdminService_GetDeploymentCredentials",
        // A resent rename finds the old name gone (404), which `renameTolerant` resolves by the new name.
        "AdminService_RenameUsergroup",
    ]

    /// GET, PUT and DELETE are idempotent; PATCH too, since rillform always resends the same absolute values.
    /// POST creates and issues are not: their retries go through an "ambiguous" outcome and a lookup instead.
    static func isIdempotent(method: HTTPRequest.Method, operationID: String) -> Bool {
        switch method {
        case .get, .head, .put, .delete, .patch, .options: true
        case .post: idempotentPostOperations.contains(operationID)
        default: false
        }
    }
}
