import Foundation
import GRDB
import Synchronization

/// The emulator's notion of "now": wall-clock time unless a test freezes it (`RunningEmulator.freezeClock`).
/// Every time-dependent behaviour reads it: request timestamps, deployment job phases, the org delete delay and
/// the rate limiter, so tests can step through them without sleeping or depending on machine speed.
final class EmulatorClock: Sendable {
    /// Unix microseconds while frozen (Redis `TIME`'s resolution, which the rate limiter works in); nil follows
    /// the wall clock. Whole microseconds, because a Double of Unix seconds cannot hold sub-microsecond steps.
    private let frozen = Mutex<Int64?>(nil)

    /// Unix microseconds.
    var microseconds: Int64 { frozen.withLock { $0 } ?? Self.wallMicroseconds }

    /// Unix seconds.
    var seconds: Double { Double(microseconds) / 1_000_000 }

    var date: Date { Date(timeIntervalSince1970: seconds) }

    func freeze(at seconds: Double) { frozen.withLock { $0 = Int64((seconds * 1_000_000).rounded(.down)) } }

    /// Moves a frozen clock forward, by at least one microsecond for any positive step (a wait of a few
    /// nanoseconds must still get past the limiter); freezes a running one first.
    func advance(by seconds: Double) {
        let step = Int64((max(0, seconds) * 1_000_000).rounded(.up))
        frozen.withLock { $0 = ($0 ?? Self.wallMicroseconds) + step }
    }

    private static var wallMicroseconds: Int64 { Int64((Date().timeIntervalSince1970 * 1_000_000).rounded(.down)) }

    /// `rillform_now()` in SQL: the clock as Unix seconds, for conditions evaluated inside a transaction.
    static let sqlFunctionName = "rillform_now"

    func sqlFunction() -> DatabaseFunction {
        DatabaseFunction(Self.sqlFunctionName, argumentCount: 0, pure: false) { [self] _ in seconds }
    }
}

extension RunningEmulator {
    /// Test hook: stops the emulator's clock (at `date`, or at the current whole second so that time arithmetic
    /// stays exact). Deployment jobs, the org delete delay and the rate limiter then move only with
    /// `advanceClock(by:)`; due deployment jobs run at the start of the next request.
    public func freezeClock(at date: Date? = nil) {
        clock.freeze(at: date?.timeIntervalSince1970 ?? Date().timeIntervalSince1970.rounded(.down))
    }

    /// Test hook: moves the clock forward by `seconds` (freezing it first if it runs).
    public func advanceClock(by seconds: Double) {
        clock.advance(by: seconds)
    }

    /// The emulator's current time.
    public var now: Date { clock.date }
}
