import ArgumentParser
import RillformModel

/// The manifest and the part of it to act on (`-f`, `--target`, `--exclude`, `--prune`, `--parallelism`): options
/// of `plan`, `apply`, `drift` and `graph`. (The planner's own `PlanOptions` is built from these.)
struct ManifestScopeOptions: ParsableArguments {
    @Option(name: [.short, .customLong("file")], parsing: .upToNextOption,
            help: "Manifest files or directories (all *.yaml/*.yml below them, sorted).")
    var files: [String] = []

    @Option(name: .long, help: "Only plan changes inside this address (repeatable), e.g. project.acme/sales.")
    var target: [String] = []

    @Option(name: .long, help: "Leave out changes inside this address (repeatable).")
    var exclude: [String] = []

    @Flag(name: .long, help: """
        Plan deletes of live resources in scope that the manifest does not declare (only apply carries them out; \
        plan, drift and graph just show them).
        """)
    var prune = false

    @Option(name: .long, help: "How many API calls may run at once (reading and applying).")
    var parallelism: Int = 10

    /// `-f` is required everywhere except `apply PLANFILE`, which checks it itself.
    func validate() throws {
        if parallelism < 1 { throw ValidationError("--parallelism must be at least 1") }
        for text in target + exclude {
            if case .failure(let error) = ResourceAddress.parse(text) { throw ValidationError(error.description) }
        }
    }

    /// For commands that always read a manifest.
    func requireFiles() throws {
        if files.isEmpty { throw ValidationError("Give at least one manifest file or directory with -f PATH.") }
    }

    var targetAddresses: [ResourceAddress] { target.compactMap(ResourceAddress.init) }
    var excludeAddresses: [ResourceAddress] { exclude.compactMap(ResourceAddress.init) }
}
