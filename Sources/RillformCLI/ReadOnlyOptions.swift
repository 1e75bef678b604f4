import ArgumentParser

/// What the read-only commands (`drift`, `graph`) take besides their format and output: the manifest and scope,
/// the connection, and the token sink whose ids `tokens.revoke_unknown` needs.
struct ReadOnlyOptions: ParsableArguments {
    @OptionGroup var scope: ManifestScopeOptions
    @OptionGroup var connection: ConnectionOptions

    @Option(name: .long, help: "Token sink to read issued token ids from (for tokens.revoke_unknown).")
    var tokenSink: String?

    func validate() throws {
        try scope.requireFiles()
    }
}
