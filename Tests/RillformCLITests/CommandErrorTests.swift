import ArgumentParser
import Foundation
import RillformAPI
import RillformModel
import RillformReport
import RillformTestSupport
import Testing
@testable import RillformCLI

/// The CLI's one error path (`CommandError`) and preflight findings as coded diagnostics.
@Suite("CLI errors and preflight diagnostics")
struct CommandErrorTests {
    static let viewer = OrgPermissions(readOrg: true, readProjects: true)

    @Test("preflight findings are diagnostics with the registry's codes (RF330, RF331, RF332)")
    func preflightCodes() {
        let anonymous = Preflight.problems(CallerAccess(caller: .anonymous, orgs: [:]), orgs: ["acme"])
        #expect(anonymous.map(\.code) == ["RF330"])
        let service = Preflight.problems(
            CallerAccess(caller: .service, orgs: ["acme": .init(permissions: Self.viewer), "newco": .init(permissions: nil)]),
            orgs: ["newco", "acme"])
        #expect(service.map(\.code) == ["RF332", "RF331"])
        #expect(service.allSatisfy { $0.severity == .error && $0.registeredCode?.isSafetyRefusal == true })
        let admin = OrgPermissions(admin: true, readOrg: true, manageOrg: true)
        #expect(Preflight.problems(CallerAccess(caller: .user(id: "u1", email: "a@acme.test"),
                                                orgs: ["acme": .init(permissions: admin)]), orgs: ["acme"]).isEmpty)
    }

    @Test("a preflight refusal renders as a coded diagnostic in text and JSON")
    func preflightRendering() throws {
        let problems = Preflight.problems(
            CallerAccess(caller: .user(id: "u1", email: "viewer@acme.test"), orgs: ["acme": .init(permissions: Self.viewer)]),
            orgs: ["acme"])
        let report = DiagnosticReport(diagnostics: problems, fileCount: 0, inventory: nil)
        let text = DiagnosticTextReporter.render(report)
        #expect(text.hasPrefix("error: org.acme: needs org admin (manageOrg) to read services and private projects "
            + "and to apply; the token has viewer permissions [RF332]\n"), "\(text)")
        let json = DiagnosticJSONReporter.render(report)
        let document = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let entry = try #require((document["diagnostics"] as? [[String: Any]])?.first)
        #expect(entry["code"] as? String == "RF332")
        #expect(entry["severity"] as? String == "error")
        #expect((entry["message"] as? String)?.hasPrefix("org.acme: needs org admin") == true)
        #expect(document["valid"] as? Bool == false)
    }

    @Test("an API failure maps to one message naming the operation, the resource and the cause; exit 1")
    func apiFailureMessage() {
        let failure = RillAPIError(kind: .notFound, operation: "getProject", resource: "project.acme/sales",
                                   httpStatus: 404, message: "project not found")
        let error = CommandError(failure)
        #expect(error.status == .error)
        let message = error.message ?? ""
        #expect(message.hasPrefix("getProject project.acme/sales: 404 ") && message.hasSuffix(": project not found"),
                "\(message)")
        // Already-mapped errors and already-reported exits keep their status and message.
        #expect(CommandError(CommandError("cannot write x", status: .error)).message == "cannot write x")
        let refused = CommandError(CommandError(.refusedBySafetyGuard))
        #expect(refused.message == nil && refused.status == .refusedBySafetyGuard)
        #expect((CommandError.render(CommandError(.stalePlan)) as? ExitCode)?.rawValue == 4)
        #expect((CommandError.render(ExitCode(64)) as? ExitCode)?.rawValue == 64)
    }

    @Test("a 401 names the API's URL and where the token came from")
    func unauthenticatedMessage() {
        let failure = RillAPIError(kind: .unauthenticated, operation: "getOrganization", resource: "org.acme",
                                   httpStatus: 401, message: "")
        let message = CommandError(failure, api: APIContext(baseURL: "http://127.0.0.1:9", tokenSource: "RILL_API_TOKEN"))
            .message ?? ""
        #expect(message.hasPrefix("the Rill admin API at http://127.0.0.1:9 answered 401 Unauthorized: it does not "
            + "accept the token from RILL_API_TOKEN."), "\(message)")
    }

    @Test("end to end: an API failure is printed once on stderr with the resource and the cause, exit 1")
    func apiFailureEndToEnd() async throws {
        try await GuardHarness.run { harness in
            let run = try await harness.rillform(["credentials", "--org", "acme", "--project", "nosuch"])
            #expect(run.exitCode == 1, "\(run.combined)")
            #expect(run.stdout.isEmpty)
            let lines = run.stderr.split(separator: "\n")
            #expect(lines.count == 1, "\(run.stderr)")
            #expect(lines.first?.hasPrefix("Error: projectCredentials project.acme/nosuch: ") == true, "\(run.stderr)")
            #expect(run.stderr.contains("not found"), "\(run.stderr)")
        }
    }
}
