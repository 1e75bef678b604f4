import Testing
@testable import RillformAPI

@Suite struct AdminEndpointTests {
    @Test(arguments: [
        "http://127.0.0.1:8080", "http://127.5.6.7", "http://localhost:9090", "http://[::1]:8080",
        "https://admin.rilldata.com", "https://admin.rilldata.io/",
    ])
    func accepted(url: String) throws {
        let endpoint = try AdminEndpoint(url)
        #expect(!endpoint.description.hasSuffix("/"))
    }

    @Test(arguments: [
        "http://admin.rilldata.com", "http://10.0.0.1", "http://128.0.0.1", "http://127.0.0.1.evil.com",
        "http://localhost.evil.com", "ftp://127.0.0.1", "https://user:pw@admin.rilldata.com", "not a url",
        "http://[::2]",
    ])
    func refused(url: String) {
        #expect(throws: RillAPIError.self) { try AdminEndpoint(url) }
    }

    @Test func plainHTTPToARemoteHostIsRefusedByTheClient() {
        let error = #expect(throws: RillAPIError.self) {
            try RillAdminClient(baseURL: "http://admin.rilldata.com", token: nil)
        }
        #expect(error?.kind == .refused)
        #expect(error?.description.contains("loopback") == true)
    }

    @Test func defaultIsRillCloud() throws {
        #expect(try AdminEndpoint().description == "https://admin.rilldata.com")
    }

    @Test func userAgentIsRillformNeverRillCLI() {
        #expect(RillAdminClient.Options(version: "1.2.3").userAgent == "rillform/1.2.3")
        #expect(RillAdminClient.Options(version: "1 2/3").userAgent == "rillform/1-2-3")
    }
}
