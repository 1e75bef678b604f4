import GRDB

// The request path runs the same few hundred SQL texts over and over. GRDB compiles `sql:` text afresh on every
// call, and compiling (the parser plus GRDB's statement authorizer, which computes the tables a statement reads)
// was a fifth of the emulator's CPU in the benchmark; `cached:` reuses the connection's prepared statement.
// Only fixed SQL texts belong here (constant interpolations are fine): each distinct text stays prepared for the
// connection's lifetime.

extension Database {
    /// `execute(sql:arguments:)` through the connection's statement cache; `sql` must be one statement.
    func execute(cached sql: String, arguments: StatementArguments = StatementArguments()) throws {
        try cachedStatement(sql: sql).execute(arguments: arguments)
    }
}

extension Row {
    static func fetchAll(_ db: Database, cached sql: String, arguments: StatementArguments = StatementArguments())
        throws -> [Row]
    {
        try fetchAll(db.cachedStatement(sql: sql), arguments: arguments)
    }

    static func fetchOne(_ db: Database, cached sql: String, arguments: StatementArguments = StatementArguments())
        throws -> Row?
    {
        try fetchOne(db.cachedStatement(sql: sql), arguments: arguments)
    }
}

extension DatabaseValueConvertible where Self: StatementColumnConvertible {
    static func fetchAll(_ db: Database, cached sql: String, arguments: StatementArguments = StatementArguments())
        throws -> [Self]
    {
        try fetchAll(db.cachedStatement(sql: sql), arguments: arguments)
    }

    static func fetchOne(_ db: Database, cached sql: String, arguments: StatementArguments = StatementArguments())
        throws -> Self?
    {
        try fetchOne(db.cachedStatement(sql: sql), arguments: arguments)
    }

    static func fetchSet(_ db: Database, cached sql: String, arguments: StatementArguments = StatementArguments())
        throws -> Set<Self> where Self: Hashable
    {
        try fetchSet(db.cachedStatement(sql: sql), arguments: arguments)
    }
}
