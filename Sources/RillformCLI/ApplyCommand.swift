import ArgumentParser
import Foundation
import RillformApply
import RillformModel
import RillformPlan
import RillformReport

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `rillform apply`: plan, show, confirm, then execute the plan as a dependency graph under a parallelism bound.
/// `rillform apply plan.json` executes exactly a saved plan, without asking.
struct ApplyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "apply",
        abstract: "Make live state match the manifest (or execute a saved plan).",
        discussion: """
            Without a TTY, apply proceeds only with --auto-approve. New service-token secrets go only to the \
            --token-sink file (JSON lines, mode 0600); with --local it defaults to .rillform/local-tokens.jsonl.

            Before anything is read, a preflight checks the token (org admin in every org; a user token to \
            create orgs). Safety guards: policy.protect (never deleted or replaced), the mass-delete threshold \
            (override once with --force, or set policy.mass_delete_threshold), lockout (never deletes or demotes \
            the service account running rillform). `apply PLANFILE` refuses a plan made against another API \
            (or --local vs not) and a plan whose resources changed since it was made; all checks run before \
            the first write.

            Rill deploys asynchronously: deployments are PENDING, STOPPING or DELETING for a while after the \
            calls return. --wait polls them until they settle (or fail, or --wait-timeout passes).

            Exit status: 0 success, 1 error (failed actions are listed; a re-run converges), \
            3 refused by a safety guard or the preflight, 4 stale saved plan (or made against another API).
            """)

    @Argument(help: "A plan saved with `rillform plan --out FILE`; applied exactly, without asking.")
    var planFile: String?

    @OptionGroup var planning: ManifestScopeOptions
    @OptionGroup var connection: ConnectionOptions

    @Flag(name: .long, help: "Do not ask for confirmation.")
    var autoApprove = false

    @Option(name: .long, help: "Append issued service-token secrets to this file (JSON lines, mode 0600).")
    var tokenSink: String?

    @Flag(name: .long, help: "Allow this one run to exceed the mass-delete threshold (protection still applies).")
    var force = false

    @Flag(name: .long, help: ArgumentHelp(
        "After applying, wait until the touched projects' deployments have settled (Rill deploys asynchronously).",
        discussion: "Fails with exit 1 when a deployment ends ERRORED or --wait-timeout passes."))
    var wait = false

    @Option(name: .long, help: "With --wait: the longest wait, in seconds.")
    var waitTimeout: Int = 900

    @Option(name: .long, help: .hidden)
    var waitPollMilliseconds: Int = 2000

    func validate() throws {
        if planFile == nil && planning.files.isEmpty {
            throw ValidationError("Give manifest files with -f PATH, or a saved plan file.")
        }
        if planFile != nil && !planning.files.isEmpty {
            throw ValidationError("A saved plan is applied exactly: do not combine it with -f.")
        }
        if planning.parallelism < 1 { throw ValidationError("--parallelism must be at least 1") }
        if waitTimeout < 1 { throw ValidationError("--wait-timeout must be at least 1 second") }
        if waitPollMilliseconds < 10 { throw ValidationError("--wait-poll-milliseconds must be at least 10") }
    }

    private var sinkPath: String? { tokenSink ?? (connection.local ? LocalEmulator.tokenSinkPath : nil) }

    func run() async throws {
        // Outputs never create folders: refuse a --token-sink in a missing folder before anything is read.
        if let tokenSink { try OutputFile.checkFolder(of: tokenSink, for: "the token sink") }
        let savedPlan = try planFile.map(SavedPlanFile.read)
        let manifest = savedPlan == nil ? try PlanningWorkflow.loadManifest(planning) : nil
        try await AdminSession.with(connection, maxConcurrentRequests: planning.parallelism) { session in
            try await apply(savedPlan: savedPlan, manifest: manifest, session: session)
        }
    }

    private func apply(savedPlan: Plan?, manifest: LoadedManifest?, session: AdminSession) async throws {
        let plan: Plan
        if let savedPlan {
            // Every check before the first write: where, who, what the plan was refused for, and staleness.
            try Self.checkOrigin(of: savedPlan, against: PlanningWorkflow.origin(
                baseURL: session.baseURL, local: session.emulator != nil))
            let access = try await PlanningWorkflow.preflight(orgs: savedPlan.scope, reader: session.client.reader,
                                                              parallelism: planning.parallelism)
            if let status = PlanningWorkflow.exitStatus(for: savedPlan) {
                PlanningWorkflow.reportErrors(savedPlan)
                throw CommandError(status)
            }
            // The token applying may not be the one that planned: its allowed-domain rights are checked again.
            let domainProblems = AllowedDomainPreflight.problems(savedPlan, caller: access.caller)
            if !domainProblems.isEmpty {
                PlanningWorkflow.reportErrors(domainProblems)
                throw CommandError(.refusedBySafetyGuard)
            }
            try await SavedPlanFreshness.verify(savedPlan, reader: session.client.reader)
            plan = savedPlan
        } else if let manifest {
            var planned = try await PlanningWorkflow.guardedPlan(
                manifest: manifest, reader: session.client.reader,
                origin: PlanningWorkflow.origin(baseURL: session.baseURL, local: session.emulator != nil),
                options: planning, tokenSinkPath: sinkPath, force: force)
            // The API budget is shown under the configured per-method limits, as `plan` shows it.
            planned.apiRateLimit = APIRateLimit(requestsPerMinute: connection.rateLimitPerMinute,
                                                burst: connection.rateLimitBurst)
            plan = planned
            Terminal.standardOutput.write(PlanTextReporter.render(
                plan, color: Terminal.colorEnabled(descriptor: STDOUT_FILENO)))
        } else {
            return
        }
        if let status = PlanningWorkflow.exitStatus(for: plan) {
            PlanningWorkflow.reportErrors(plan)
            throw CommandError(status)
        }
        guard plan.hasChanges else {
            if savedPlan != nil { Terminal.standardOutput.write("No changes. Your infrastructure matches the configuration.\n") }
            return
        }
        // Refuse up front, before any call, when secrets would have nowhere safe to go.
        let issuesTokens = plan.changes.contains { ($0.tokenChange?.issue ?? 0) > 0 }
        if issuesTokens && sinkPath == nil {
            Terminal.standardError.write(
                "Error: this plan issues service tokens but no --token-sink FILE is set; "
                    + "rillform never prints token secrets. Nothing was changed.\n")
            throw CommandError(.error)
        }
        if savedPlan == nil {
            let decision = ApplyConfirmation.decide(
                isTTY: Terminal.isTTY(STDIN_FILENO), autoApprove: autoApprove,
                readLine: { prompt in
                    Terminal.standardOutput.write(prompt)
                    return Swift.readLine()
                })
            switch decision {
            case .proceed: break
            case .cancelled:
                Terminal.standardOutput.write("\n" + ApplyConfirmation.cancelledMessage + "\n")
                throw CommandError(.error)
            case .refusedNoTTY:
                Terminal.standardError.write(ApplyConfirmation.refusedNoTTYMessage + "\n")
                throw CommandError(.error)
            }
        }
        let sink = try issuesTokens ? sinkPath.map { try TokenSink(path: $0) } : nil
        let applier = PlanApplier(
            executor: PlanExecutor(writer: session.client.writer, tokenSink: sink), parallelism: planning.parallelism,
            pacer: session.client.pacing)
        let stop = GracefulStop()
        let interrupt = InterruptHandler { stop.request() }
        Terminal.standardOutput.write("\n")
        let outcome = try await applier.apply(
            plan, output: Terminal.standardOutput, liveStatus: Terminal.isTTY(STDOUT_FILENO), stop: stop)
        interrupt.cancel()
        Terminal.standardOutput.write("\n" + outcome.summary)
        if outcome.exitStatus != .success { throw CommandError(outcome.exitStatus) }
        if wait {
            let status = try await DeploymentWait.run(
                plan: plan, reader: session.client.reader, timeout: .seconds(waitTimeout),
                pollInterval: .milliseconds(waitPollMilliseconds), output: Terminal.standardOutput)
            if status != .success { throw CommandError(status) }
        }
    }

    /// A saved plan runs only against the API it was made against (exit 4 otherwise).
    private static func checkOrigin(of plan: Plan, against current: PlanOrigin) throws {
        guard let origin = plan.origin else {
            Terminal.standardError.write(
                "Warning: the saved plan does not record which API it was made against; not checked.\n")
            return
        }
        if let mismatch = origin.mismatch(with: current) {
            Terminal.standardError.write("Error: the saved plan was made elsewhere: \(mismatch). Nothing was changed.\n")
            throw CommandError(.stalePlan)
        }
        if let digest = origin.manifestDigest {
            Terminal.standardOutput.write("Applying the saved plan made from manifests \(digest).\n")
        }
    }
}
