import Foundation
import RillformApply
import RillformEmulator
import RillformPlan

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Times an async body with the monotonic clock.
func measure<T>(_ body: () async throws -> T) async rethrows -> (T, Duration) {
    let clock = ContinuousClock()
    let start = clock.now
    let value = try await body()
    return (value, clock.now - start)
}

extension Duration {
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
    var milliseconds: Double { seconds * 1000 }
}

/// Peak resident set size of this process so far, in MiB (`ru_maxrss` is KiB on Linux, bytes on macOS).
func peakResidentMiB() -> Double {
    var usage = rusage()
    #if canImport(Darwin)
    getrusage(RUSAGE_SELF, &usage)
    return Double(usage.ru_maxrss) / 1_048_576
    #else
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Double(usage.ru_maxrss) / 1024
    #endif
}

/// Requests the emulator served, split by kind.
struct CallCount: Sendable, CustomStringConvertible {
    var total = 0
    var reads = 0
    var writes = 0
    var failed = 0
    /// GETs per route shape (ids replaced by `*`), for spotting repeated reads.
    var readsByPath: [String: Int] = [:]

    init(_ entries: [AccessLogEntry]) {
        for entry in entries {
            total += 1
            if entry.method == "GET" {
                reads += 1
                readsByPath[Self.shape(entry.path), default: 0] += 1
            } else {
                writes += 1
            }
            if entry.status >= 400 { failed += 1 }
        }
    }

    var description: String { "\(total) calls (\(reads) GET, \(writes) writes, \(failed) failed)" }

    /// `/v1/orgs/bench/projects/p00001/deployments` → `/v1/orgs/*/projects/*/deployments`.
    static func shape(_ path: String) -> String {
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        return parts.enumerated().map { index, part in
            index > 0 && index % 2 == 1 && index > 1 ? "*" : String(part)
        }.joined(separator: "/")
    }
}

/// Throws away apply progress lines.
struct DiscardOutput: TextOutput {
    func write(_ text: String) {}
}

/// The longest dependency chain of an apply graph, in nodes.
func criticalPathLength(_ nodes: [ApplyNode<PlanStep, PlanStepPayload>]) -> Int {
    var byID: [PlanStep: ApplyNode<PlanStep, PlanStepPayload>] = [:]
    for node in nodes { byID[node.id] = node }
    var depth: [PlanStep: Int] = [:]
    func visit(_ id: PlanStep) -> Int {
        if let known = depth[id] { return known }
        let below = byID[id]?.dependencies.map(visit).max() ?? 0
        depth[id] = below + 1
        return below + 1
    }
    return nodes.map { visit($0.id) }.max() ?? 0
}

func format(_ value: Double, _ digits: Int = 2) -> String { String(format: "%.\(digits)f", value) }
