import RillformCLI
await RillformCommand.main()
