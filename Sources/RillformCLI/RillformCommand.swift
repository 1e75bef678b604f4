import ArgumentParser

/// The `rillform` root command; each subcommand lives in its own file.
public struct RillformCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "rillform",
        abstract: "Declarative reconciler for the Rill Cloud admin API.",
        version: RillformVersion.current,
        subcommands: []
    )
    public init() {}
}
