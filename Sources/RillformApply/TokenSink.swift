import Foundation
import RillformModel

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Appends issued service tokens, one JSON object per line, to a file only its owner can read (mode 0600):
///
/// `{"address":"service_token.acme/reporting","service":"reporting","org":"acme","token_id":"…","token":"rill_svc_…","issued_at":"2026-11-23T01:38:02Z"}`
///
/// Each append is fsync'ed before it returns: the secret must be durable before any older token is revoked.
/// An existing file with wider permissions is refused, never loosened or silently used.
public actor TokenSink {
    /// The default sink, relative to the working directory.
    public static let defaultPath = ".rillform/local-tokens.jsonl"

    /// The file written to.
    public nonisolated let path: String
    private let descriptor: Int32

    /// Opens (creating if needed, with mode 0600) the sink at `path`, creating its directory (mode 0700).
    /// - Throws: `TokenSinkError` if the directory or file cannot be created or opened, or the existing file is not
    ///   a regular file of this user with mode 0600 or narrower.
    public init(path: String = TokenSink.defaultPath) throws(TokenSinkError) {
        self.path = path
        try Self.createParentDirectory(of: path)
        let flags = O_WRONLY | O_APPEND | O_CLOEXEC | O_NOFOLLOW
        var descriptor = open(path, flags | O_CREAT | O_EXCL, mode_t(0o600))
        let created = descriptor >= 0
        if descriptor < 0 && errno == EEXIST {
            descriptor = open(path, flags)
        }
        guard descriptor >= 0 else {
            let reason = errno == ELOOP ? "it is a symbolic link" : Self.errorText(errno)
            throw .cannotOpen(path: path, reason: reason)
        }
        do {
            try Self.checkFile(descriptor, path: path, created: created)
        } catch {
            _ = close(descriptor)
            throw error
        }
        self.descriptor = descriptor
        if created { Self.syncParentDirectory(of: path) }
    }

    deinit {
        _ = close(descriptor)
    }

    /// Appends one record and fsyncs the file. When this returns, the token is on disk.
    public func append(_ token: IssuedServiceToken) throws(TokenSinkError) {
        let bytes = Array((Self.jsonLine(for: token) + "\n").utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { buffer in
                write(descriptor, buffer.baseAddress.map { $0 + offset }, buffer.count - offset)
            }
            if written > 0 {
                offset += written
            } else if written < 0 && errno == EINTR {
                continue
            } else {
                throw .writeFailed(path: path, reason: written < 0 ? Self.errorText(errno) : "nothing written")
            }
        }
        guard fsync(descriptor) == 0 else {
            throw .writeFailed(path: path, reason: "fsync: " + Self.errorText(errno))
        }
    }

    /// The ids of the tokens recorded in the sink at `path`: the tokens rillform issued. Read-only.
    /// A missing file means none. Blank lines are ignored.
    /// - Throws: `TokenSinkError.malformedLine` for a line that is not a record (rather than guess: a token missing
    ///   from this set counts as unknown and may be revoked), `.cannotRead` for other read errors.
    public static func readIssuedTokenIDs(path: String = TokenSink.defaultPath) throws(TokenSinkError) -> Set<String> {
        guard FileManager.default.fileExists(atPath: path) else { return [] }
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw .cannotRead(path: path, reason: error.localizedDescription)
        }
        struct Record: Decodable {
            let tokenID: String
            enum CodingKeys: String, CodingKey { case tokenID = "token_id" }
        }
        var ids: Set<String> = []
        let decoder = JSONDecoder()
        for (index, line) in data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).enumerated() {
            if line.allSatisfy({ $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") || $0 == UInt8(ascii: "\r") }) {
                continue
            }
            guard let record = try? decoder.decode(Record.self, from: Data(line)) else {
                throw .malformedLine(path: path, line: index + 1)
            }
            ids.insert(record.tokenID)
        }
        return ids
    }

    /// The record as one JSON line (no newline), keys in the documented order.
    static func jsonLine(for token: IssuedServiceToken) -> String {
        let fields: [(String, String)] = [
            ("address", token.address.description),
            ("service", token.service),
            ("org", token.org),
            ("token_id", token.tokenID),
            ("token", token.secret),
            ("issued_at", token.issuedAt.formatted(.iso8601)),
        ]
        return "{" + fields.map { "\(JSONValue.quote($0.0)):\(JSONValue.quote($0.1))" }.joined(separator: ",") + "}"
    }

    private static func checkFile(_ descriptor: Int32, path: String, created: Bool) throws(TokenSinkError) {
        var info = stat()
        guard fstat(descriptor, &info) == 0 else {
            throw .cannotOpen(path: path, reason: "fstat: " + errorText(errno))
        }
        guard info.st_mode & S_IFMT == S_IFREG else { throw .notARegularFile(path: path) }
        guard info.st_uid == geteuid() else { throw .ownedByAnotherUser(path: path) }
        if created {
            // The umask may have narrowed 0600 further; the owner must still be able to read it back.
            guard fchmod(descriptor, mode_t(0o600)) == 0 else {
                throw .cannotOpen(path: path, reason: "fchmod: " + errorText(errno))
            }
        } else if info.st_mode & 0o7177 != 0 {
            throw .insecurePermissions(path: path, mode: UInt32(info.st_mode & 0o7777))
        }
    }

    private static func createParentDirectory(of path: String) throws(TokenSinkError) {
        let directory = (path as NSString).deletingLastPathComponent
        guard !directory.isEmpty, !FileManager.default.fileExists(atPath: directory) else { return }
        do {
            try FileManager.default.createDirectory(
                atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw .cannotCreateDirectory(path: directory, reason: error.localizedDescription)
        }
    }

    /// A new file's directory entry is durable only once its directory is synced. Best effort.
    private static func syncParentDirectory(of path: String) {
        let directory = (path as NSString).deletingLastPathComponent
        let descriptor = open(directory.isEmpty ? "." : directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { return }
        _ = fsync(descriptor)
        _ = close(descriptor)
    }

    private static func errorText(_ code: Int32) -> String {
        strerror(code).map { String(cString: $0) } ?? "error \(code)"
    }
}
