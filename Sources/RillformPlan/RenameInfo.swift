import RillformModel

/// A rename matched through `previously:`: the live object under `from` is renamed (PATCH `newName`), never
/// deleted and recreated.
public struct RenameInfo: Sendable, Hashable {
    /// The live name being renamed away from.
    public var from: String
    /// The `previously` entry that matched.
    public var location: SourceLocation?

    public init(from: String, location: SourceLocation? = nil) {
        self.from = from
        self.location = location
    }
}

extension RenameInfo: Codable {
    enum CodingKeys: String, CodingKey {
        case from
        case location = "provenance"
    }
}
