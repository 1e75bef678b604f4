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

    /// Parses and runs a subcommand. The one place a failed command is rendered: whatever it throws becomes a
    /// ``CommandError`` (one `Error: …` line on stderr, unless it already printed why) and its exit status.
    public static func main() async {
        var command: any ParsableCommand
        do {
            command = try parseAsRoot()
        } catch {
            exit(withError: error)
        }
        do {
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            exit(withError: CommandError.render(error))
        }
    }
}
