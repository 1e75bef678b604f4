import ArgumentParser
import Foundation
import RillformModel
import RillformPlan
import RillformReport

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `rillform plan`: read live state, diff it against the manifest, show what apply would do. Never writes:
/// it only ever holds the client's read-only half.
struct PlanCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Show the changes apply would make.",
        discussion: """
            plan only ever holds the API client's read-only half (GET requests only). A preflight first checks \
            the token: org admin in every org in scope, a user token for orgs to be created.

            Safety guards (policy.protect, the mass-delete threshold, lockout) do not stop the plan: it is \
            printed in full, the refusal follows, and the exit status is 3. --force lifts the mass-delete \
            threshold for this run only (also recorded that way in --out FILE).

            Exit status: 0 success (also with changes, unless --detailed-exitcode), 1 error, \
            2 changes present (with --detailed-exitcode), 3 refused by a safety guard or the preflight.
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json, markdown
    }

    @OptionGroup var planning: ManifestScopeOptions
    @OptionGroup var connection: ConnectionOptions

    @Option(help: "Output format: text, json or markdown.")
    var format: Format = .text

    @Option(name: .long, help: "Save the plan (JSON) to this file for `rillform apply FILE`.")
    var out: String?

    @Flag(name: .long, help: "Exit 2 when the plan has changes, 0 when it has none.")
    var detailedExitcode = false

    @Option(name: .long, help: "Token sink to read issued token ids from (for tokens.revoke_unknown).")
    var tokenSink: String?

    @Flag(name: .long, help: "Allow this one run to exceed the mass-delete threshold (protection still applies).")
    var force = false

    func validate() throws {
        try planning.requireFiles()
    }

    func run() async throws {
        let manifest = try PlanningWorkflow.loadManifest(planning)
        // Refuse an unusable --out before the API is asked anything.
        if let out { try OutputFile.checkFolder(of: out, for: "the plan") }
        // Read-only by construction: the session holds no writer.
        var plan = try await ReadOnlyAdminSession.with(connection, maxConcurrentRequests: planning.parallelism) { session in
            let sink = tokenSink ?? (connection.local ? LocalEmulator.tokenSinkPath : nil)
            return try await PlanningWorkflow.guardedPlan(
                manifest: manifest, reader: session.reader, origin: session.origin, options: planning,
                tokenSinkPath: sink, force: force)
        }
        // The API budget is shown (and saved) under the configured per-method limits.
        plan.apiRateLimit = APIRateLimit(requestsPerMinute: connection.rateLimitPerMinute,
                                         burst: connection.rateLimitBurst)
        if let out {
            try OutputFile.write(try PlanJSONReporter.render(plan), to: out, what: "the plan")
        }
        switch format {
        case .text:
            Terminal.standardOutput.write(PlanTextReporter.render(
                plan, color: Terminal.colorEnabled(descriptor: STDOUT_FILENO)))
            if let out { Terminal.standardOutput.write("\nSaved the plan to: \(out)\nTo perform exactly these actions, run:\n    rillform apply \(out)\n") }
        case .json:
            Terminal.standardOutput.write(try PlanJSONReporter.render(plan))
        case .markdown:
            Terminal.standardOutput.write(PlanMarkdownReporter.render(plan))
        }
        if let status = PlanningWorkflow.exitStatus(for: plan) {
            PlanningWorkflow.reportErrors(plan)
            throw CommandError(status)
        }
        if detailedExitcode && plan.hasChanges { throw CommandError(.changesPresent) }
    }
}
