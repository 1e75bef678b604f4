import Foundation
import RillformEmulator
import RillformTestSupport
@testable import RillformAPI

/// A real client for a running emulator, authenticated as the emulator's bootstrap admin unless told otherwise.
func emulatorClient(
    _ emulator: RunningEmulator, token: String? = nil, clock: VirtualClock = VirtualClock(),
    retryPolicy: RetryPolicy = RetryPolicy(maxAttempts: 6), maxRequestsPerSecond: Double? = nil,
    rateLimitBurst: Int = 5, pageSize: Int? = nil, requestTimeout: Duration = .seconds(20)
) throws -> RillAdminClient {
    let secret = try token ?? requireAdminToken(emulator)
    return try RillAdminClient(
        baseURL: emulator.baseURL.absoluteString, token: try APIToken(secret),
        options: RillAdminClient.Options(
            version: "test", requestTimeout: requestTimeout, retryPolicy: retryPolicy,
            maxRequestsPerSecond: maxRequestsPerSecond, rateLimitBurst: rateLimitBurst, pageSize: pageSize,
            jitterSeed: 1, clock: clock))
}

func requireAdminToken(_ emulator: RunningEmulator) throws -> String {
    guard let token = emulator.adminToken else { throw ContractTestError("the emulator has no bootstrap admin token") }
    return token
}

/// `METHOD path` of every request the emulator served, in order.
func served(_ emulator: RunningEmulator) async -> [String] {
    await emulator.accessLog().map { "\($0.method) \($0.path)" }
}
