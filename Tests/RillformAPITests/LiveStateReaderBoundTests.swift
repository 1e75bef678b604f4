import Testing
@testable import RillformAPI

/// The reader never has more than `parallelism` requests in flight (the probe overlaps every call it can).
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
            options: RillAdminClient.Options(maxRequestsPerSecond: nil), transport: transport)
        let state = try await LiveStateReader(reader: client.reader).read(orgs: ["acme"], parallelism: parallelism)
        #expect(state.orgs["acme"]?.projects.count == 6)
        // org, projects + services, 6 deployment lists; no service, so no project-role reads at all.
        #expect(transport.total == 1 + 2 + 6)
        #expect(transport.peak <= parallelism)
        if parallelism > 1 { #expect(transport.peak > 1) }  // it does run calls concurrently
    }
}
