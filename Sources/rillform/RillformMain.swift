import RillformCLI

/// Entry point: everything lives in RillformCLI so tests can drive the commands in-process.
@main
enum RillformMain {
    static func main() async {
        LoggingSetup.bootstrap()
        await RillformCommand.main()
    }
}
