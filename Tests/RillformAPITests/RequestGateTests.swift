import Foundation
import Synchronization
import Testing
@testable import RillformAPI

/// The in-flight bound: FIFO, cancellable, and taken only after a request's pacing wait.
@Suite struct RequestGateTests {
    /// Polls until `condition` holds; the time limit (which cancels) catches a broken gate.
    private func eventually(_ condition: () -> Bool) async throws {
        while !condition() { try await Task.sleep(for: .milliseconds(1)) }
    }

    @Test(.timeLimit(.minutes(1))) func permitsGoInArrivalOrderAndNeverPastTheWidth() async throws {
        let gate = RequestGate(width: 1)
        try await gate.acquire()
        let order = Recorded<Int>()
        let first = Task {
            try await gate.acquire()
            order.append(1)
            gate.release()
        }
        try await eventually { gate.queued == 1 }
        let second = Task {
            try await gate.acquire()
            order.append(2)
            gate.release()
        }
        try await eventually { gate.queued == 2 }
        #expect(gate.inUse == 1)
        #expect(order.values.isEmpty)
        gate.release()
        try await first.value
        try await second.value
        #expect(order.values == [1, 2])
        #expect(gate.inUse == 0)
        #expect(gate.queued == 0)
    }

    @Test(.timeLimit(.minutes(1))) func aCancelledWaiterLeavesTheQueueAndTakesNoPermit() async throws {
        let gate = RequestGate(width: 1)
        try await gate.acquire()
        let waiter = Task { try await gate.acquire() }
        try await eventually { gate.queued == 1 }
        waiter.cancel()
        await #expect(throws: CancellationError.self) { try await waiter.value }
        #expect(gate.queued == 0)
        gate.release()
        #expect(gate.inUse == 0)
        try await gate.acquire()  // the permit is free again
        #expect(gate.inUse == 1)
    }

    @Test(.timeLimit(.minutes(1))) func aRequestWaitingForItsMethodsPaceHoldsNoPermit() async throws {
        let transport = ConcurrencyProbeTransport { path in
            path.contains("services") ? #"{"services":[]}"# : #"{"roles":[]}"#
        }
        let clock = ManualClock()
        let client = try RillAdminClient(
            endpoint: AdminEndpoint("http://127.0.0.1:9"), token: APIToken(testSecret),
            options: RillAdminClient.Options(
                version: "9.9.9",
                pacing: PacingConfiguration(defaultLimit: .perMinute(60, burst: 1), margin: .zero),
                maxConcurrentRequests: 1, jitterSeed: 42, clock: clock),
            transport: transport)
        _ = try await client.reader.listServices(org: "acme")  // the method's burst
        let paced = Task { try await client.reader.listServices(org: "acme") }
        try await clock.waitForSleepers(1)  // waiting one interval for its pace
        // Another method goes through the single permit meanwhile (it would wait forever if the paced call held it).
        _ = try await client.reader.listRoles()
        #expect(transport.total == 2)
        clock.advance(to: .seconds(1))
        _ = try await paced.value
        #expect(transport.total == 3)
        #expect(transport.peak == 1)
        #expect(client.requestGate?.inUse == 0)
    }
}

/// Values appended from several tasks.
final class Recorded<Value: Sendable>: Sendable {
    private let state = Mutex<[Value]>([])
    func append(_ value: Value) { state.withLock { $0.append(value) } }
    var values: [Value] { state.withLock { $0 } }
}
