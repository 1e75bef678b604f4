import ArgumentParser
import Foundation
import RillformAPI
import RillformManifest
import RillformModel

/// `rillform export`: write live state as a manifest to commit (read-only).
struct ExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write the live state of orgs as a manifest (read-only).",
        discussion: """
            Exports orgs, projects (with their prod and dev deployments) and services (org role, project roles, \
            attributes), sorted by name, leaving out empty values and Rill's defaults. Token secrets cannot be \
            exported: a comment marks services that have live tokens. \
            Planning the exported manifest against the same live state shows no changes.

            --output FILE writes one document; --output DIR/ (an existing directory) writes DIR/<org>.yaml per \
            org; without --output the manifest goes to standard output. rillform never creates folders: a \
            missing one is refused before anything is read. \
            --all exports every org the token can list (user tokens only).

            Exit status: 0 success, 1 error.
            """)

    @Option(name: .long, help: "The org to export (repeatable).")
    var org: [String] = []

    @Flag(name: .long, help: "Export every org the token can list (user tokens only).")
    var all = false

    @Option(name: .long, help: "A file (one document) or a directory (one <org>.yaml per org).")
    var output: String?

    @Option(name: .long, help: "What the yaml-language-server $schema comment points at.")
    var schema: String = "rillform.schema.json"

    @Option(name: .long, help: "How many API calls may run at once.")
    var parallelism: Int = 10

    @OptionGroup var connection: ConnectionOptions

    func validate() throws {
        if org.isEmpty && !all { throw ValidationError("Name an org with --org NAME, or export every org with --all.") }
        if !org.isEmpty && all { throw ValidationError("Use either --org or --all, not both.") }
        if parallelism < 1 { throw ValidationError("--parallelism must be at least 1") }
    }

    func run() async throws {
        if let output { try Self.checkOutput(output) }
        let orgs = try await ReadOnlyAdminSession.with(connection, maxConcurrentRequests: parallelism) { session in
            try await read(session.reader)
        }
        try write(orgs)
    }

    private func read(_ reader: RillAdminReader) async throws -> [LiveOrg] {
        let names: [String]
        if all {
            names = try await reader.listOrganizations().map(\.name)
        } else {
            names = Array(Set(org)).sorted()
        }
        var live = try await LiveStateReader(reader: reader).read(orgs: names, parallelism: parallelism)
        // Tokens are listed only to say which services have some (secrets are never readable). At most
        // `parallelism` listings run at once.
        let services = live.orgs.values.flatMap { org in org.services.keys.map { (org: org.name, service: $0) } }
            .sorted { ($0.org, $0.service) < ($1.org, $1.service) }
        try await withThrowingTaskGroup(of: (String, String, [LiveToken]).self) { group in
            var pending = services[...]
            func startNext() {
                guard let next = pending.popFirst() else { return }
                group.addTask { (next.org, next.service, try await reader.listServiceTokens(org: next.org, service: next.service)) }
            }
            for _ in 0..<parallelism { startNext() }
            while let (org, service, tokens) = try await group.next() {
                live.orgs[org]?.services[service]?.tokens = tokens
                startNext()
            }
        }
        let missing = names.filter { live.orgs[$0] == nil }
        if !missing.isEmpty {
            throw CommandError("org(s) not found or not readable with this token: " + missing.joined(separator: ", "))
        }
        return names.compactMap { live.orgs[$0] }
    }

    private func write(_ orgs: [LiveOrg]) throws {
        let options = ManifestExporter.Options(schemaReference: schema)
        guard let output else {
            Terminal.standardOutput.write(ManifestExporter.export(orgs, options: options))
            return
        }
        if Self.isDirectoryOutput(output) {
            for org in orgs {
                let path = URL(fileURLWithPath: output).appendingPathComponent("\(org.name).yaml").path
                try OutputFile.write(ManifestExporter.export([org], options: options), to: path, what: "the manifest")
                Terminal.standardError.write("Wrote \(path)\n")
            }
        } else {
            try OutputFile.write(ManifestExporter.export(orgs, options: options), to: output, what: "the manifest")
            Terminal.standardError.write("Wrote \(output)\n")
        }
    }

    /// `DIR/` or an existing directory: one file per org.
    private static func isDirectoryOutput(_ output: String) -> Bool {
        var isDirectory: ObjCBool = false
        let exists = FileManager.default.fileExists(atPath: output, isDirectory: &isDirectory)
        return output.hasSuffix("/") || (exists && isDirectory.boolValue)
    }

    /// The output rule (the folder must exist), before anything is read.
    private static func checkOutput(_ output: String) throws {
        if isDirectoryOutput(output) {
            let folder = output.count > 1 && output.hasSuffix("/") ? String(output.dropLast()) : output
            try OutputFile.checkFolder(folder, writing: output, for: "the manifests")
        } else {
            try OutputFile.checkFolder(of: output, for: "the manifest")
        }
    }
}
