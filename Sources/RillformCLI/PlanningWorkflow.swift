import Foundation
import RillformAPI
import RillformApply
import RillformManifest
import RillformModel
import RillformPlan
import RillformReport

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A manifest as loaded for a run: the desired state, and the digest of exactly the texts it was built from.
struct LoadedManifest: Sendable {
    var state: DesiredState
    /// `sha256:` over the manifest texts sorted by path (each followed by a NUL), for the audit record of saved
    /// plans; `nil` without files.
    var digest: String?

    init(state: DesiredState, sources: [ManifestSource]) {
        self.state = state
        let sorted = sources.sorted { $0.path < $1.path }
        digest = sorted.isEmpty ? nil
            : "sha256:" + ContentDigest.sha256Hex(sorted.map { $0.text + "\u{0}" }.joined())
    }
}

/// The steps `plan`, `apply`, `drift` and `graph` share: load the manifest (before any API call), read live
/// state, plan.
enum PlanningWorkflow {
    /// Loads and validates the manifest; prints its diagnostics to stderr (with the file count `validate` gives,
    /// and caret snippets when stderr is a terminal). Errors stop the run with exit 1 before anything touches
    /// the API.
    static func loadManifest(_ options: ManifestScopeOptions) throws -> LoadedManifest {
        let (result, sources) = ManifestFiles.load(paths: options.files,
                                                   environment: ProcessInfo.processInfo.environment)
        if !result.diagnostics.isEmpty {
            let report = DiagnosticReport(diagnostics: result.diagnostics, fileCount: sources.count, inventory: nil,
                                          strict: false)
            Terminal.standardError.write(DiagnosticTextReporter.render(
                report, sources: Dictionary(sources.map { ($0.path, $0.text) }, uniquingKeysWith: { a, _ in a }),
                snippets: Terminal.isTTY(STDERR_FILENO), color: Terminal.colorEnabled(descriptor: STDERR_FILENO)))
        }
        guard let state = result.state, !result.diagnostics.hasErrors else { throw CommandError(.error) }
        return LoadedManifest(state: state, sources: sources)
    }

    /// The shared start of the read-only commands (`drift`, `graph`): loads the manifest, refuses an unusable
    /// `output` before the API is asked anything, opens a read-only session (the embedded emulator with
    /// `--local`), optionally runs the preflight, and plans without guards. Holds only the read-only half of the
    /// client, so those commands cannot write by construction.
    static func readOnlyPlan(_ options: ReadOnlyOptions, output: String?, outputName: String, preflight runPreflight: Bool)
        async throws -> (desired: DesiredState, plan: Plan)
    {
        let desired = try loadManifest(options.scope).state
        if let output { try OutputFile.checkFolder(of: output, for: outputName) }
        let connection = options.connection
        let parallelism = options.scope.parallelism
        let plan = try await ReadOnlyAdminSession.with(connection, maxConcurrentRequests: parallelism) { session in
            let sink = options.tokenSink ?? (connection.local ? LocalEmulator.tokenSinkPath : nil)
            var runningUserEmail: String?
            if runPreflight {
                let access = try await preflight(orgs: desired.orgs.map(\.name.value).sorted(),
                                                 reader: session.reader, parallelism: options.scope.parallelism)
                runningUserEmail = Preflight.identity(access).email
            }
            return try await readAndPlan(desired: desired, reader: session.reader, options: options.scope,
                                         tokenSinkPath: sink, runningUserEmail: runningUserEmail).plan
        }
        return (desired, plan)
    }

    /// Preflight, read, plan, then the safety guards (protection, mass-delete threshold unless `force`,
    /// lockout). Guard refusals are error diagnostics in the returned plan, so the whole plan is still shown;
    /// ``exitStatus(for:)`` maps them to exit 3. The plan records `origin` plus the digest of the manifest texts
    /// it was planned from.
    /// Takes only the read-only half of the client: planning cannot write.
    static func guardedPlan(manifest: LoadedManifest, reader: RillAdminReader, origin: PlanOrigin,
                            options: ManifestScopeOptions, tokenSinkPath: String?, force: Bool) async throws -> Plan
    {
        let desired = manifest.state
        let orgs = desired.orgs.map(\.name.value).sorted()
        let access = try await preflight(orgs: orgs, reader: reader, parallelism: options.parallelism)
        let identity = Preflight.identity(access)
        var (plan, live) = try await readAndPlan(desired: desired, reader: reader, options: options,
                                                 tokenSinkPath: tokenSinkPath, runningUserEmail: identity.email)
        let guards = PlanGuards.check(plan, desired: desired, allowMassDelete: force)
            + LockoutGuard.check(plan, live: live, identity: identity)
            + (try await gitSourceDiagnostics(plan, caller: access.caller, reader: reader))
            + AllowedDomainPreflight.problems(plan, caller: access.caller)
        plan.diagnostics = (plan.diagnostics + guards).sorted()
        var origin = origin
        origin.manifestDigest = manifest.digest
        plan.origin = origin
        return plan
    }

    /// RF323 refusals for projects the plan points at git remotes the caller cannot deploy from. Asks Rill
    /// (`GetGithubRepoStatus`) once per remote, only for a user token; a service token is refused outright.
    static func gitSourceDiagnostics(_ plan: Plan, caller: CallerIdentity, reader: RillAdminReader) async throws
        -> [Diagnostic]
    {
        let remotes = GitSourceGuard.remotes(in: plan).keys.sorted()
        guard !remotes.isEmpty else { return [] }
        let isUser = if case .user = caller { true } else { false }
        var access: [String: GitSourceAccess] = [:]
        if isUser {
            for remote in remotes {
                let answer = try await reader.githubRepoStatus(remote: remote)
                access[remote] = GitSourceAccess(hasAccess: answer.hasAccess, grantAccessURL: answer.grantAccessURL)
            }
        }
        return GitSourceGuard.check(plan, isUser: isUser, access: access)
    }

    /// Where a run is pointed, as recorded in (and compared with) saved plans; the emulator's port changes
    /// per run, so `--local` records no URL.
    static func origin(baseURL: String, local: Bool) -> PlanOrigin {
        PlanOrigin(apiURL: local ? nil : baseURL, local: local, manifestDigest: nil)
    }

    /// Exit status for a plan's diagnostics, in the README's order: any guard refusal is 3 (even next to other
    /// errors, which are reported with it), any other error 1.
    static func exitStatus(for plan: Plan) -> ExitStatus? {
        let errors = plan.diagnostics.errors
        guard !errors.isEmpty else { return nil }
        return errors.contains(where: { $0.registeredCode?.isSafetyRefusal == true }) ? .refusedBySafetyGuard
            : .error
    }

    /// Prints every error of a plan to stderr (`file:line:col: error: … [RFnnn]`, root causes and guard
    /// refusals alike), with how to override what can be overridden. stdout may be a redirected report
    /// (`plan --format markdown > plan.md`): the log must still say why the run failed.
    static func reportErrors(_ plan: Plan) {
        reportErrors(plan.diagnostics.errors)
    }

    static func reportErrors(_ errors: [Diagnostic]) {
        guard !errors.isEmpty else { return }
        let guards = errors.filter { $0.registeredCode?.isSafetyRefusal == true }
        let others = errors.count - guards.count
        let refused = "refused by \(guards.count == 1 ? "a safety guard" : "safety guards")"
        let failed = "the plan has \(others) \(others == 1 ? "error" : "errors")"
        let header = switch (guards.isEmpty, others == 0) {
        case (false, true): refused
        case (true, _): failed
        case (false, false): "\(refused), and the plan has \(others) other \(others == 1 ? "error" : "errors")"
        }
        var text = "Error: \(header); nothing was changed:\n"
        for diagnostic in errors.sorted() { text += "  - \(diagnostic.description)\n" }
        if guards.contains(where: { $0.registeredCode == .massDelete }) {
            text += "To delete this many anyway: review the plan, then rerun with --force (once), or raise "
                + "policy.mass_delete_threshold for the org.\n"
        }
        if guards.contains(where: { $0.registeredCode == .protectedResource }) {
            text += "Protected addresses are never deleted or replaced: remove the entry from policy.protect first.\n"
        }
        Terminal.standardError.write(text)
    }

    /// `runningUserEmail`: the user whose token runs this (nil for a service token or without preflight); Rill
    /// makes that user admin of the orgs and projects they create, and the plan counts on it.
    private static func readAndPlan(desired: DesiredState, reader: RillAdminReader, options: ManifestScopeOptions,
                                    tokenSinkPath: String?, runningUserEmail: String?) async throws
        -> (plan: Plan, live: LiveState)
    {
        let issued = try tokenSinkPath.map { try TokenSink.readIssuedTokenIDs(path: $0) } ?? []
        let planOptions = PlanOptions(
            prune: options.prune, targets: options.targetAddresses, excludes: options.excludeAddresses, now: Date(),
            issuedTokenIDs: issued, runningUserEmail: runningUserEmail)
        // Only what the plan needs: managed deployments and roles, what prune deletes, policy tokens.
        let readPlan = ReadPlan(desired: desired, options: planOptions)
        let live = try await LiveStateReader(reader: reader)
            .read(orgs: readPlan.orgs, parallelism: options.parallelism, details: readPlan.details(for:))
        return (Planner.plan(desired: desired, live: live, options: planOptions), live)
    }
}
