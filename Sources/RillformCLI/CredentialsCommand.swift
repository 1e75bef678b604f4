import ArgumentParser
import Foundation
import RillformAPI
import RillformModel

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `rillform credentials`: mints a short-lived runtime token for a project's prod deployment
/// (`GetDeploymentCredentials`, admin/server/deployment.go), optionally on behalf of a user or with explicit
/// attributes, so a security policy can be tested with exactly what a service or user would see.
///
/// The token is a secret: it goes to stdout or to a new 0600 file only, never to stderr or a log.
struct CredentialsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "credentials",
        abstract: "Mint a short-lived runtime token for a project's prod deployment.",
        discussion: """
            Rill issues these only for the prod deployment and only to callers with manageProd on the project \
            (even for their own credentials); the default lifetime is 24 hours. Pass --attributes to test a \
            security policy with a service's attributes, or --user-email to mint the token a user would get.

            Prints JSON {runtime_host, instance_id, access_token, ttl_seconds} to stdout, or writes it to \
            --output FILE (created with mode 0600; an existing file is never overwritten).

            Exit status: 0 success, 1 error.
            """)

    @Option(name: .long, help: "The organization.")
    var org: String

    @Option(name: .long, help: "The project (its prod deployment is used).")
    var project: String

    @Option(name: .long, help: "JWT attributes as a JSON object, e.g. '{\"team\":\"emea\"}'.")
    var attributes: String?

    @Option(name: .long, help: "Mint the token a user with this email would get.")
    var userEmail: String?

    @Option(name: .long, help: "Token lifetime in seconds (Rill's default: 86400).")
    var ttl: Int?

    @Option(name: .long, help: "Write the credentials to this new file (mode 0600) instead of stdout.")
    var output: String?

    @OptionGroup var connection: ConnectionOptions

    func validate() throws {
        if attributes != nil && userEmail != nil {
            throw ValidationError("Give --attributes or --user-email, not both.")
        }
        if let ttl, ttl <= 0 { throw ValidationError("--ttl must be a positive number of seconds") }
        if attributes != nil { _ = try parsedAttributes() }
    }

    func parsedAttributes() throws -> [String: JSONValue]? {
        guard let attributes else { return nil }
        guard let object = try? JSONDecoder().decode([String: JSONValue].self, from: Data(attributes.utf8)) else {
            throw ValidationError("--attributes must be a JSON object, e.g. '{\"team\":\"emea\"}'")
        }
        return object
    }

    func run() async throws {
        let subject: CredentialSubject? = if let email = userEmail {
            .userEmail(email)
        } else if let attributes = try parsedAttributes() {
            .attributes(attributes)
        } else {
            nil
        }
        if let output, FileManager.default.fileExists(atPath: output) {
            throw CommandError("\(output) already exists; credentials are written only to a new file.")
        }
        // The same rule as every output: the folder must exist, checked before a credential is minted.
        if let output { try OutputFile.checkFolder(of: output, for: "the credentials") }
        let credentials = try await AdminSession.with(connection) { session in
            try await session.client.writer.projectCredentials(org: org, project: project, ttlSeconds: ttl, for: subject)
        }
        let text = Self.render(credentials)
        guard let output else {
            Terminal.standardOutput.write(text)
            return
        }
        try SecretFile.create(at: output, contents: text)
        Terminal.standardError.write("Wrote runtime credentials for \(org)/\(project) to \(output) (mode 0600).\n")
    }

    /// Sorted-key JSON, one line.
    static func render(_ credentials: DeploymentCredentials) -> String {
        let object: JSONValue = .object([
            "access_token": .string(credentials.accessToken?.revealSecret() ?? ""),
            "instance_id": .string(credentials.instanceId),
            "runtime_host": .string(credentials.runtimeHost),
            "ttl_seconds": .number(Double(credentials.ttlSeconds)),
        ])
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(object)) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}

/// Creates a new file readable by its owner only, failing if it exists or its folder does not.
enum SecretFile {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    static func create(at path: String, contents: String) throws {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        guard descriptor >= 0 else {
            let reason = String(cString: strerror(errno))
            throw Failure(description: "cannot create \(path): \(reason)"
                + (errno == ENOENT ? " (its folder does not exist; create it first)" : ""))
        }
        defer { close(descriptor) }
        let bytes = Array(contents.utf8)
        var written = 0
        while written < bytes.count {
            let result = bytes[written...].withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            guard result > 0 else { throw Failure(description: "cannot write \(path): \(String(cString: strerror(errno)))") }
            written += result
        }
        guard fsync(descriptor) == 0 else { throw Failure(description: "cannot sync \(path)") }
    }
}
