import RillformModel

/// What the diagnostic reporters render: the outcome of `rillform validate` (or of loading a manifest elsewhere).
public struct DiagnosticReport: Sendable, Hashable {
    /// Counts of what a valid manifest declares, for the summary line.
    public struct Inventory: Sendable, Hashable {
        public var orgs: Int
        public var projects: Int
        public var services: Int

        public init(orgs: Int, projects: Int, services: Int) {
            self.orgs = orgs
            self.projects = projects
            self.services = services
        }

        public init(_ state: DesiredState) {
            self.init(orgs: state.orgs.count, projects: state.orgs.reduce(0) { $0 + $1.projects.count },
                      services: state.orgs.reduce(0) { $0 + $1.services.count })
        }
    }

    /// Sorted by position (the reporters keep this order).
    public var diagnostics: [Diagnostic]
    public var fileCount: Int
    /// `nil` when the manifest could not be built (errors).
    public var inventory: Inventory?
    /// `--strict`: warnings make the manifest invalid.
    public var strict: Bool

    public init(diagnostics: [Diagnostic], fileCount: Int, inventory: Inventory?, strict: Bool = false) {
        self.diagnostics = diagnostics.sorted()
        self.fileCount = fileCount
        self.inventory = inventory
        self.strict = strict
    }

    public var errorCount: Int { diagnostics.errors.count }
    public var warningCount: Int { diagnostics.warnings.count }

    /// Exit 0 when true, 1 otherwise.
    public var isValid: Bool { errorCount == 0 && !(strict && warningCount > 0) }

    /// `2 errors, 1 warning in 3 files.` or `Manifest is valid (3 files, 1 org, 4 projects, 3 services).`
    public var summaryLine: String {
        let files = Self.count(fileCount, "file")
        guard isValid else {
            let strictNote = errorCount == 0 ? " (--strict treats warnings as errors)" : ""
            return "\(Self.count(errorCount, "error")), \(Self.count(warningCount, "warning")) in \(files)"
                + "\(strictNote)."
        }
        var parts = [files]
        if let inventory {
            parts += [Self.count(inventory.orgs, "org"), Self.count(inventory.projects, "project"),
                      Self.count(inventory.services, "service")]
        }
        let warnings = warningCount > 0 ? " with \(Self.count(warningCount, "warning"))" : ""
        return "Manifest is valid\(warnings) (\(parts.joined(separator: ", ")))."
    }

    static func count(_ number: Int, _ noun: String) -> String { "\(number) \(noun)\(number == 1 ? "" : "s")" }
}
