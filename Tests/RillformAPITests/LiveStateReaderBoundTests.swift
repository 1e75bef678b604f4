import Testing
@testable import RillformAPI

/// With the client's request gate at `parallelism` (as the CLI sets it), the reader never has more than that many
/// requests in flight, although each API method's lane runs up to `parallelism` jobs (the probe overlaps every
/// call it can).
@Suite struct LiveStateReaderBoundTests {
    @Test(arguments: [1, 3])
    func staysWithinTheParallelismBound(parallelism: Int) async throws {
        let projects = (1...6).map { #"{"name":"p\#($0)"}"# }.joined(separator: ",")
        let transport = ConcurrencyProbeTransport { path in
            if path.hasSuffix("/projects") || path.contains("/projects?") { return #"{"projects":[\#(projects)]}"# }
            if path.hasSuffix("/deployments") { return #"{"deployments":[]}"# }
            if path.hasSuffix("/services") { return #"{"services":[]}"# }
            return #"{"organization":{"id":"o","name":"acme"},"permissions":{}}"#
        }
        let client = try RillAdminClient(
            endpoint: AdminEndpoint("http://127.0.0.1:9"), token: APIToken(testSecret),
            options: RillAdminClient.Options(maxRequestsPerSecond: nil, maxConcurrentRequests: parallelism),
            transport: transport)
        let state = try await LiveStateReader(reader: client.reader).read(orgs: ["acme"], parallelism: parallelism)
        #expect(state.orgs["acme"]?.projects.count == 6)
        // org, projects + services (with the org), the role catalog (fetched alongside, though this org names no
        // default role), 6 deployment lists; no service, so no project-role reads at all; people: members,
        // invites, usergroups, domains, and per project members, invites, domains and group roles.
        #expect(transport.total == 1 + 2 + 1 + 6 + 4 + 6 * 4)
        #expect(transport.peak <= parallelism)
        if parallelism > 1 { #expect(transport.peak > 1) }  // it does run calls concurrently
    }
}
