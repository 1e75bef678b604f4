import Testing
@testable import RillformAPI

@Suite struct PaginationTests {
    @Test func followsTokensUntilEmptyIncludingAnEmptyLastPage() async throws {
        let transport = ScriptedTransport([
            .respond(status: 200, body: #"{"projects":[{"name":"b"},{"name":"a"}],"nextPageToken":"t1"}"#),
            .respond(status: 200, body: #"{"projects":[{"name":"c"},{"name":"d"}],"nextPageToken":"t2"}"#),
            .respond(status: 200, body: #"{"projects":[],"nextPageToken":""}"#),
        ])
        let client = try scriptedClient(transport, pageSize: 2)
        let projects = try await client.reader.listProjects(org: "acme")
        #expect(projects.map(\.name) == ["a", "b", "c", "d"])
        #expect(transport.received.map(\.path) == [
            "/v1/orgs/acme/projects?pageSize=2",
            "/v1/orgs/acme/projects?pageSize=2&pageToken=t1",
            "/v1/orgs/acme/projects?pageSize=2&pageToken=t2",
        ])
    }

    @Test func aMissingTokenEndsTheListing() async throws {
        let transport = ScriptedTransport([.respond(status: 200, body: #"{"organizations":[{"name":"acme"}]}"#)])
        let orgs = try await scriptedClient(transport).reader.listOrganizations()
        #expect(orgs.map(\.name) == ["acme"])
        #expect(transport.received.count == 1)
    }

    @Test func aRepeatedTokenIsAnErrorNotAnEndlessLoop() async throws {
        let page = ScriptedTransport.Step.respond(status: 200, body: #"{"projects":[{"name":"a"}],"nextPageToken":"same"}"#)
        let transport = ScriptedTransport([page, page, page])
        let error = try await #require(throws: RillAPIError.self) {
            try await scriptedClient(transport).reader.listProjects(org: "acme")
        }
        #expect(error.kind == .invalidResponse)
        #expect(transport.received.count == 2)
    }
}
