import ArgumentParser
import RillformAPI
import RillformModel

/// The one way a command fails: a message for stderr (`nil` when the command already printed why, e.g. a plan's
/// errors or a preflight refusal) and the exit status. Commands throw it, or throw anything else and let
/// ``init(_:api:)`` map it; ``RillformCommand/main()`` renders it once, as `Error: message` on stderr.
struct CommandError: Error, CustomStringConvertible {
    var message: String?
    var status: ExitStatus

    init(_ message: String, status: ExitStatus = .error) {
        self.message = message
        self.status = status
    }

    /// Ends the command with `status`; what went wrong was already printed.
    init(_ status: ExitStatus) {
        message = nil
        self.status = status
    }

    var description: String { message ?? "exit status \(status.rawValue)" }

    /// The one mapping of thrown errors to messages; tokens are never part of any error text. With the session's
    /// `APIContext`, API failures that are about the connection (401, unreachable) name the URL and where the token
    /// came from instead of an internal operation; other API failures name the operation, the resource and the
    /// server's answer. A `CommandError` stays as it is.
    init(_ error: any Error, api: APIContext? = nil) {
        if let error = error as? CommandError {
            self = error
            return
        }
        self.init(Self.message(error, api: api))
    }

    private static func message(_ error: any Error, api: APIContext?) -> String {
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

    /// Prints the message, if any, to stderr and returns the exit code to end the process with. Errors of the
    /// argument parser (usage, `--help`, explicit exit codes) are left to it.
    static func render(_ error: any Error) -> any Error {
        if isArgumentParserError(error) { return error }
        let failure = CommandError(error)
        if let message = failure.message { Terminal.standardError.write("Error: \(message)\n") }
        return ExitCode(failure.status.rawValue)
    }
}

extension CommandError {
    /// `--help` reaches `run()` as the parser's own (internal) error type, so it is recognised by its module.
    static func isArgumentParserError(_ error: any Error) -> Bool {
        error is ExitCode || error is ValidationError || error is CleanExit
            || String(reflecting: type(of: error)).hasPrefix("ArgumentParser.")
    }
}

