import Foundation
import RillformAPI
import RillformApply
import RillformModel
import RillformPlan
import RillformReport

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The steps `plan` and `apply` share: load the manifest (before any API call), read live state, plan.
enum PlanningWorkflow {
    /// Loads and validates the manifest; prints its diagnostics to stderr. Errors stop the run with exit 1
    /// before anything touches the API.
    static func loadDesiredState(_ options: PlanningOptions) throws -> DesiredState {
        let (state, diagnostics) = loadManifest(paths: options.files)
        if !diagnostics.isEmpty {
            let report = DiagnosticReport(diagnostics: diagnostics, fileCount: 0, inventory: nil, strict: false)
            Terminal.standardError.write(DiagnosticTextReporter.render(
                report, sources: [:], snippets: false, color: Terminal.colorEnabled(descriptor: STDERR_FILENO)))
        }
        guard let state, !diagnostics.hasErrors else { throw ExitCodeError(.error) }
        return state
    }

    /// Reads the live state of the manifest's orgs and plans against it.
    static func plan(desired: DesiredState, session: AdminSession, options: PlanningOptions, tokenSinkPath: String?)
        async throws -> Plan
    {
        let orgs = desired.orgs.map(\.name.value).sorted()
        let tokenServices = Set(desired.orgs.flatMap { org in
            org.services.filter { $0.tokenPolicy != nil }.map(\.name.value)
        })
        let live = try await LiveStateReader(reader: session.client.reader)
            .read(orgs: orgs, parallelism: options.parallelism, includeTokensFor: tokenServices)
        let issued = try tokenSinkPath.map { try TokenSink.readIssuedTokenIDs(path: $0) } ?? []
        let planOptions = PlanOptions(
            prune: options.prune, targets: options.targetAddresses, excludes: options.excludeAddresses, now: Date(),
            issuedTokenIDs: issued)
        return Planner.plan(desired: desired, live: live, options: planOptions)
    }
}

/// Thrown to end a command with a given exit status after its output was printed.
struct ExitCodeError: Error {
    var status: ExitStatus
    init(_ status: ExitStatus) { self.status = status }
}

/// Where terminal-dependent choices are made: colour only on a TTY and never with `NO_COLOR`.
enum Terminal {
    static let standardOutput = FileDescriptorOutput.standardOutput
    static let standardError = FileDescriptorOutput.standardError

    static func isTTY(_ descriptor: Int32) -> Bool { isatty(descriptor) == 1 }

    static func colorEnabled(descriptor: Int32) -> Bool {
        isTTY(descriptor) && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
    }
}
