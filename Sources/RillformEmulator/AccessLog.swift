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
            if !FileManager.default.fileExists(atPath: path) {
                FileManager.default.createFile(atPath: path, contents: nil)
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
public enum EmulatorError: Error, CustomStringConvertible {
    case cannotOpen(String)
    case serverDidNotStart(String)

    public var description: String {
        switch self {
        case .cannotOpen(let path): "cannot open \(path) for writing"
        case .serverDidNotStart(let reason): "emulator did not start: \(reason)"
        }
    }
}
