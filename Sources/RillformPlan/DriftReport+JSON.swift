import Foundation
import RillformModel

/// The drift report's JSON document (`rillform drift --format json`).
///
/// Terraform's contract: `format_version` is `MAJOR.MINOR`; minor versions only add keys, readers ignore keys they do
/// not know. Keys are snake_case and sorted; resources sorted by address. Drifted fields carry `live` (what the API
/// returned) and `desired` (the manifest's value); a missing value is `null`.
extension DriftReport: Encodable {
    enum CodingKeys: String, CodingKey {
        case formatVersion = "format_version"
        case checkedAt = "checked_at"
        case scope
        case inSync = "in_sync"
        case summary
        case drift = "resource_drift"
        case unmanaged
        case diagnostics
        case skipped
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(formatVersion, forKey: .formatVersion)
        try container.encode(PlanDate.format(checkedAt), forKey: .checkedAt)
        try container.encode(scope, forKey: .scope)
        try container.encode(!hasDrift, forKey: .inSync)
        try container.encode(summary, forKey: .summary)
        try container.encode(drifted, forKey: .drift)
        try container.encode(unmanaged, forKey: .unmanaged)
        try container.encode(diagnostics, forKey: .diagnostics)
        try container.encode(skipped, forKey: .skipped)
    }

    /// The pretty-printed, key-sorted JSON document (without a trailing newline).
    public func jsonData() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self)
    }
}

extension DriftResource: Encodable {
    enum CodingKeys: String, CodingKey {
        case address, kind, status, fields, detail, code
        case location = "provenance"
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(address, forKey: .address)
        try container.encode(kind, forKey: .kind)
        try container.encode(status, forKey: .status)
        try container.encode(location, forKey: .location)
        try container.encode(fields, forKey: .fields)
        try container.encode(detail, forKey: .detail)
        try container.encode(findingCode.rawValue, forKey: .code)
    }

    /// The finding code this resource is reported under (RF400 changed, RF402 missing, RF403 tokens).
    public var findingCode: DriftFindingCode {
        if isTokenFinding { return .tokenPolicyUnmet }
        return status == .missing ? .missingResource : .driftedField
    }
}

extension DriftedField: Encodable {
    enum CodingKeys: String, CodingKey {
        case field, live, desired
        case location = "provenance"
        case forcesReplacement = "forces_replacement"
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(field, forKey: .field)
        try container.encode(live ?? .null, forKey: .live)
        try container.encode(desired ?? .null, forKey: .desired)
        try container.encode(location, forKey: .location)
        try container.encode(forcesReplacement, forKey: .forcesReplacement)
    }
}

extension DriftUnmanagedResource: Encodable {
    enum CodingKeys: String, CodingKey {
        case address, kind, detail
        case deletedByApply = "deleted_by_apply"
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(address, forKey: .address)
        try container.encode(address.kind, forKey: .kind)
        try container.encode(detail, forKey: .detail)
        try container.encode(deletedByApply, forKey: .deletedByApply)
    }
}
