import ArgumentParser
import RillformAPI

/// Turns an error from the API or the file system into a one-line message on stderr and exit code 1.
/// `RillAPIError` already names the operation and the resource; tokens are never part of any error text.
enum CommandFailure {
    static func describe(_ error: any Error) -> any Error {
        if error is ExitCodeError || error is ExitCode { return error }
        Terminal.standardError.write("Error: \(error)\n")
        return ExitCodeError(.error)
    }
}
