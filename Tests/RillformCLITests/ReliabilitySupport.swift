import Foundation
import RillformAPI
import RillformEmulator
import RillformModel
import RillformTestSupport

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif


/// A generated manifest: one org, `projects` projects (every other one with a running prod deployment),
/// `services` services with one or two project roles each, and a handful of services with a token policy.
struct ReliabilityManifest {
    var org: String
    var projects: Int
    var services: Int
    var tokenServices = 0

    var projectNames: [String] { (0..<projects).map { "proj-\($0)" } }
    var serviceNames: [String] { (0..<services).map { "svc-\($0)" } }
    /// Resources the manifest declares that become live objects: projects, deployments, services.
    var deploymentCount: Int { (projects + 1) / 2 }

    var yaml: String {
        var text = "apiVersion: rillform/v1\norgs:\n  - name: \(org)\n    description: reliability suite\n    projects:\n"
        for index in 0..<projects {
            text += "      - name: proj-\(index)\n        description: generated \(index)\n"
            if index % 2 == 0 {
                text += "        git_remote: https://github.com/\(org)/proj-\(index).git\n        primary_branch: main\n"
                text += "        deployments:\n          - environment: prod\n            state: running\n"
            } else {
                text += "        deployments: []\n"
            }
        }
        text += "    services:\n"
        for index in 0..<services {
            text += "      - name: svc-\(index)\n        attributes: {n: \(index)}\n        project_roles:\n"
            text += "          proj-\(index % projects): viewer\n"
            if index % 3 == 0 { text += "          proj-\((index + 7) % projects): editor\n" }
            if index < tokenServices { text += "        tokens:\n          ensure: true\n" }
        }
        return text
    }
}

/// Helpers shared by the reliability and secret tests.
enum Reliability {
    /// An admin client without client-side rate limiting.
    static func adminClient(_ emulator: RunningEmulator, token: String? = nil) throws -> RillAdminClient {
        guard let secret = token ?? emulator.adminToken else { throw ReliabilityError("emulator has no admin token") }
        var options = RillAdminClient.Options()
        options.maxRequestsPerSecond = nil
        options.pacing = nil
        options.pageSize = 1000
        return try RillAdminClient(baseURL: emulator.baseURL.absoluteString, token: try APIToken(secret),
                                   options: options)
    }

    /// Creates unmanaged resources (not in any generated manifest) that must survive every apply.
    static func seedUnmanaged(_ client: RillAdminClient, org: String) async throws {
        _ = try await client.writer.createOrganization(name: org)
        var project = NewProject(name: "keep-me")
        project.skipDeploy = true
        _ = try await client.writer.createProject(org: org, project)
        _ = try await client.writer.createService(org: org, name: "legacy-bot", orgRole: .viewer)
    }

    /// Counts of live objects, with duplicates made visible (names are unique per org in Rill, so a duplicate
    /// would show up as a count above the number of distinct names).
    struct Census: Equatable, CustomStringConvertible {
        var projects: [String]
        var services: [String]
        var deployments: Int
        var prodDeploymentsPerProject: [String: Int]
        var description: String {
            "\(projects.count) projects, \(services.count) services, \(deployments) deployments"
        }
    }

    static func census(_ client: RillAdminClient, org: String) async throws -> Census {
        let projects = try await client.reader.listProjects(org: org)
        let services = try await client.reader.listServices(org: org)
        var deployments = 0
        var prod: [String: Int] = [:]
        for project in projects {
            let list = try await client.reader.listDeployments(org: org, project: project.name)
            deployments += list.count
            prod[project.name] = list.filter { $0.environment == "prod" }.count
        }
        return Census(projects: projects.map(\.name).sorted(), services: services.map(\.name).sorted(),
                      deployments: deployments, prodDeploymentsPerProject: prod)
    }

    /// Mutating requests in the access log that succeeded.
    static func successfulWrites(_ log: [AccessLogEntry]) -> [AccessLogEntry] {
        log.filter { $0.method != "GET" && $0.method != "HEAD" && $0.status < 400 }
    }

    /// A raw admin-API call (for endpoints the client does not wrap, such as org members).
    static func send(_ emulator: RunningEmulator, token: String, method: String, path: String,
                     json: [String: String]) async throws -> Int {
        var request = URLRequest(url: emulator.baseURL.appendingPathComponent(path))
        request.httpMethod = method
        request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization")
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        request.httpBody = try JSONSerialization.data(withJSONObject: json)
        let (_, response) = try await URLSession.shared.data(for: request)
        return (response as? HTTPURLResponse)?.statusCode ?? 0
    }

    /// Environment for the CLI: token and URL.
    static func environment(_ emulator: RunningEmulator, token: String) -> [String: String] {
        // Debug logging on, so the secret scans also cover every log line the client writes.
        ["RILL_API_TOKEN": token, "RILL_API_URL": emulator.baseURL.absoluteString, "RILLFORM_LOG_LEVEL": "debug"]
    }
}

struct ReliabilityError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// Starts the built CLI without waiting for it, so a test can kill it mid-run.
struct RunningCLI {
    let child: RunningChild

    init(_ arguments: [String], in directory: URL, environment: [String: String]) throws {
        guard FileManager.default.isExecutableFile(atPath: CLIProcess.binaryPath) else {
            throw CLIProcess.MissingBinary(path: CLIProcess.binaryPath)
        }
        var env = environment
        for key in ["PATH", "HOME", "TMPDIR"] { env[key] = ProcessInfo.processInfo.environment[key] }
        child = RunningChild(executable: CLIProcess.binaryPath, arguments: arguments, in: directory, environment: env)
    }

    var isRunning: Bool { child.isRunning }

    /// SIGKILL, then wait until the child is reaped.
    func kill() async throws {
        child.send(SIGKILL)
        _ = try await child.wait()
    }
}
