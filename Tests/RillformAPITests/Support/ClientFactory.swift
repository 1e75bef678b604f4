import Foundation
@testable import RillformAPI

/// A token-shaped secret that tests search for in error texts; it must never show up there.
let testSecret = "rill_usr_TESTSECRET0123456789abcdefghijklmnopqr"

/// Builds a client over a scripted transport with a virtual clock (no real waits).
func scriptedClient(
    _ transport: ScriptedTransport, clock: VirtualClock = VirtualClock(), retryPolicy: RetryPolicy = .default,
    maxRequestsPerSecond: Double? = nil, pageSize: Int? = nil
) throws -> RillAdminClient {
    try RillAdminClient(
        endpoint: AdminEndpoint("http://127.0.0.1:9"), token: APIToken(testSecret),
        options: RillAdminClient.Options(
            version: "9.9.9", retryPolicy: retryPolicy, maxRequestsPerSecond: maxRequestsPerSecond,
            pageSize: pageSize, jitterSeed: 42, clock: clock),
        transport: transport)
}
