import ArgumentParser

/// The `rillform` root command; each subcommand lives in its own file.
public struct RillformCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "rillform",
        abstract: "Declarative reconciler for the Rill Cloud admin API.",
        version: RillformVersion.current,
        subcommands: [
            ValidateCommand.self, PlanCommand.self, ApplyCommand.self, DriftCommand.self, ExportCommand.self,
            GraphCommand.self, CredentialsCommand.self, SchemaCommand.self, EmulatorCommand.self,
        ]
    )
    public init() {}
}
