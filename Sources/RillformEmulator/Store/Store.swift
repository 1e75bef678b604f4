import Foundation
import GRDB

/// Opens the emulator's SQLite file (WAL mode via `DatabasePool`) and applies migrations.
/// Every HTTP request runs in one `read` or one `write` transaction on this pool.
struct Store: Sendable {
    let pool: DatabasePool
    /// True when this open created the database (no tables yet): the bootstrap admin is made then.
    let isNew: Bool

    static func open(path: String, clock: EmulatorClock = EmulatorClock()) throws -> Store {
        let existed = FileManager.default.fileExists(atPath: path)
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        configuration.busyMode = .timeout(10)
        let now = clock.sqlFunction()
        configuration.prepareDatabase { db in db.add(function: now) }
        let pool = try DatabasePool(path: path, configuration: configuration)
        let migrator = Schema.migrator()
        let hadSchema = try pool.read { db in try db.tableExists("users") }
        try migrator.migrate(pool)
        return Store(pool: pool, isNew: !existed || !hadSchema)
    }
}
