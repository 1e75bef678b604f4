import AsyncHTTPClient
import Foundation
import HTTPTypes
import OpenAPIRuntime
import RillformEmulator
import RillformTestSupport
import Testing
@testable import RillformAPI

/// The client's transport against the real emulator over loopback: path, query, headers and body go out as given,
/// the whole response comes back, and the response size limit holds.
@Suite struct BufferedHTTPTransportTests {
    @Test func sendsPathQueryHeadersAndBodyAndReturnsTheWholeResponse() async throws {
        try await withEmulator { emulator in
            let transport = BufferedHTTPTransport(client: ProcessHTTPClient.shared, timeout: .seconds(20))
            let token = try requireAdminToken(emulator)
            var create = HTTPRequest(method: .post, scheme: nil, authority: nil, path: "/v1/orgs")
            create.headerFields[.authorization] = "Bearer \(token)"
            create.headerFields[.contentType] = "application/json"
            let (created, createdBody) = try await transport.send(
                create, body: HTTPBody(#"{"name":"acme"}"#), baseURL: emulator.baseURL,
                operationID: "AdminService_CreateOrganization")
            #expect(created.status.code == 200)
            let createdText = try await String(collecting: try #require(createdBody), upTo: 1 << 20)
            #expect(createdText.contains(#""name":"acme""#))

            var list = HTTPRequest(method: .get, scheme: nil, authority: nil, path: "/v1/orgs/acme/projects?pageSize=5")
            list.headerFields[.authorization] = "Bearer \(token)"
            let (listed, listedBody) = try await transport.send(
                list, body: nil, baseURL: emulator.baseURL, operationID: "AdminService_ListProjectsForOrganization")
            #expect(listed.status.code == 200)
            #expect(listed.headerFields[.contentType] == "application/json")
            #expect(try await String(collecting: try #require(listedBody), upTo: 1 << 20).contains("projects"))
            #expect(await served(emulator) == ["POST /v1/orgs", "GET /v1/orgs/acme/projects"])

            // Without the token the server's 401 comes back as a response, not an error.
            let anonymous = HTTPRequest(method: .get, scheme: nil, authority: nil, path: "/v1/orgs/acme/projects")
            let (refused, _) = try await transport.send(
                anonymous, body: nil, baseURL: emulator.baseURL, operationID: "AdminService_ListProjectsForOrganization")
            #expect(refused.status.code == 401 || refused.status.code == 403)
        }
    }

    @Test func aResponseOverTheLimitFailsTheRequest() async throws {
        try await withEmulator { emulator in
            let transport = BufferedHTTPTransport(
                client: ProcessHTTPClient.shared, timeout: .seconds(20), maxResponseBytes: 8)
            let ping = HTTPRequest(method: .get, scheme: nil, authority: nil, path: "/v1/ping")
            await #expect(throws: ResponseAccumulator.ResponseTooBigError.self) {
                _ = try await transport.send(ping, body: nil, baseURL: emulator.baseURL, operationID: "AdminService_Ping")
            }
        }
    }
}
