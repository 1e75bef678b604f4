import ArgumentParser
import RillformAPI

/// Turns an error from the API or the file system into a message on stderr and exit code 1.
/// Tokens are never part of any error text. With the session's `APIContext`, API failures that are about the
/// connection (401, unreachable) name the URL and where the token came from instead of an internal operation.
enum CommandFailure {
    static func describe(_ error: any Error, api: APIContext? = nil) -> any Error {
        if error is ExitCodeError || error is ExitCode { return error }
        Terminal.standardError.write("Error: \(message(error, api: api))\n")
        return ExitCodeError(.error)
    }

    static func message(_ error: any Error, api: APIContext?) -> String {
        guard let apiError = error as? RillAPIError else { return String(describing: error) }
        let server = api.map { "the Rill admin API at \($0.baseURL)" } ?? "the Rill admin API"
        let detail = apiError.message.isEmpty ? "" : " (\(apiError.message))"
        switch apiError.kind {
        case .unauthenticated:
            let source = api.map { " from \($0.tokenSource)" } ?? ""
            return "\(server) answered 401 Unauthorized: it does not accept the token\(source)\(detail). "
                + "Check that the token is for this server and has not expired or been revoked, "
                + "or give another one (RILL_API_TOKEN or --api-token-file)."
        case .transport:
            let about = apiError.resource.map { " while working on \($0)" } ?? ""
            let attempts = apiError.attempts > 1 ? " after \(apiError.attempts) attempts" : ""
            return "no answer from \(server)\(about)\(attempts): \(apiError.message)"
        default:
            return apiError.description
        }
    }
}
