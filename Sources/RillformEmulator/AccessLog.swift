import Foundation

/// One served request. Paths never contain tokens; headers and bodies are never logged.
public struct AccessLogEntry: Sendable, Equatable, Codable {
    public var method: String
    public var path: String
    /// HTTP status produced. For an ambiguous commit this is the status of the committed work,
    /// which the client never received.
    public var status: Int
    public var latencyMilliseconds: Int
    public var fault: FaultKind?

    public init(method: String, path: String, status: Int, latencyMilliseconds: Int, fault: FaultKind?) {
        self.method = method
        self.path = path
        self.status = status
        self.latencyMilliseconds = latencyMilliseconds
        self.fault = fault
    }

    /// `{"method","path","status","latency_ms","fault"}` as one JSON line.
    var jsonLine: String {
        JSON.object([
            "method": .string(method), "path": .string(path), "status": .int(status),
            "latency_ms": .int(latencyMilliseconds), "fault": fault.map { .string($0.rawValue) } ?? .null,
        ]).serialized()
    }
}

/// Keeps the access log in memory and appends it to a file when configured.
actor AccessLog {
    private var entries: [AccessLogEntry] = []
    private let file: FileHandle?

    init(path: String?) throws {
        if let path {
            if !FileManager.default.fileExists(atPath: path),
                !FileManager.default.createFile(atPath: path, contents: nil)
            {
                throw EmulatorError.cannotOpen(path)
            }
            guard let handle = FileHandle(forWritingAtPath: path) else {
                throw EmulatorError.cannotOpen(path)
            }
            handle.seekToEndOfFile()
            file = handle
        } else {
            file = nil
        }
    }

    func append(_ entry: AccessLogEntry) {
        entries.append(entry)
        if let file {
            file.write(Data((entry.jsonLine + "\n").utf8))
        }
    }

    func all() -> [AccessLogEntry] { entries }
    func reset() { entries.removeAll() }
    func close() { try? file?.close() }
}

/// Startup failures of the emulator.
public enum EmulatorError: Error, Equatable, CustomStringConvertible {
    case cannotOpen(String)
    case serverDidNotStart(String)
    /// The folder of a file the emulator must create does not exist.
    case missingDirectory(what: String, path: String, directory: String)
    /// SQLite refused the state file (path, SQLite's message).
    case cannotOpenState(String, String)
    /// `issueAdminToken` on a path with no state file.
    case noState(String)
    /// A state file without the bootstrap admin user.
    case noBootstrapAdmin(String)

    public var description: String {
        switch self {
        case .cannotOpen(let path): "cannot open \(path) for writing"
        case .serverDidNotStart(let reason): "emulator did not start: \(reason)"
        case .missingDirectory(let what, let path, let directory):
            "cannot create the \(what) \(path): the folder \(directory) does not exist; create it first"
        case .cannotOpenState(let path, let reason): "cannot open the state file \(path): \(reason)"
        case .noState(let path):
            "no emulator state at \(path); start one with `rillform emulator serve --state \(path)`"
        case .noBootstrapAdmin(let path): "\(path) has no bootstrap admin (\(Bootstrap.adminEmail))"
        }
    }
}
