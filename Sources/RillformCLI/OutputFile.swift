import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The one rule for every file rillform writes (`plan --out`, `drift`/`graph`/`export --output`,
/// `apply --token-sink`, `credentials --output`): the folder must already exist. rillform never creates folders
/// for outputs (a typo would otherwise scatter files, or secrets, into a new tree); it refuses before any API
/// call, names the folder and says how to create it. Write failures name the file and the cause in words,
/// never a Foundation error dump.
enum OutputFile {
    /// Refuses `path` (exit 1) when its folder is missing or not a folder. `what` names the output for the
    /// message ("the plan", "the token sink").
    static func checkFolder(of path: String, for what: String) throws {
        let folder = (path as NSString).deletingLastPathComponent
        try checkFolder(folder.isEmpty ? "." : folder, writing: path, for: what)
    }

    /// Refuses a missing `folder` (or a file in its place) for an output written into it.
    static func checkFolder(_ folder: String, writing path: String, for what: String) throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory) else {
            throw CommandError("cannot write \(what) to \(path): the folder \(folder) does not exist; "
                + "create it first (mkdir -p \(folder)) or choose another path")
        }
        guard isDirectory.boolValue else {
            throw CommandError("cannot write \(what) to \(path): \(folder) is a file, not a folder")
        }
    }

    /// Writes `text` atomically to `path` after the folder check.
    static func write(_ text: String, to path: String, what: String) throws {
        try checkFolder(of: path, for: what)
        do {
            try text.write(toFile: path, atomically: true, encoding: .utf8)
        } catch {
            throw CommandError("cannot write \(what) to \(path): \(reason(error))")
        }
    }

    /// Writes `text` to `path` (as ``write(_:to:what:)``), or to standard output without a path.
    static func writeOrPrint(_ text: String, to path: String?, what: String) throws {
        if let path {
            try write(text, to: path, what: what)
        } else {
            Terminal.standardOutput.write(text)
        }
    }

    /// A file system error as a short cause ("permission denied"), from the POSIX error underneath a Foundation
    /// error where there is one.
    static func reason(_ error: any Error) -> String {
        if let error = error as? CommandError { return error.description }
        let nsError = error as NSError
        if nsError.domain == NSPOSIXErrorDomain { return posixText(Int32(nsError.code)) }
        if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError,
           underlying.domain == NSPOSIXErrorDomain
        {
            return posixText(Int32(underlying.code))
        }
        guard nsError.domain == NSCocoaErrorDomain else { return nsError.localizedDescription }
        switch nsError.code {
        case NSFileNoSuchFileError, NSFileReadNoSuchFileError: return "no such file or folder"
        case NSFileWriteNoPermissionError, NSFileReadNoPermissionError: return "permission denied"
        case NSFileWriteOutOfSpaceError: return "no space left on the device"
        case NSFileWriteVolumeReadOnlyError: return "the file system is read-only"
        case NSFileWriteFileExistsError: return "the file already exists"
        default: return "file system error \(nsError.code)"
        }
    }

    private static func posixText(_ code: Int32) -> String {
        strerror(code).map { String(cString: $0).lowercased() } ?? "error \(code)"
    }
}
