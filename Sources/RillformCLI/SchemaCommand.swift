import ArgumentParser
import RillformManifest

/// `rillform schema`: prints the manifest's JSON Schema (for editors: yaml-language-server, IDE plugins).
struct SchemaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schema",
        abstract: "Print the JSON Schema of the manifest.",
        discussion: """
            Save it and point yaml-language-server at it:
            # yaml-language-server: $schema=rillform.schema.json
            """)

    func run() throws {
        print(ManifestSchema.json, terminator: "")
    }
}
