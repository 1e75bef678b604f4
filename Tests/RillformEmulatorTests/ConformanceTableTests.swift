import Foundation
import Testing

/// `Schemas/rill-conformance.md` is the record of how each Rill handler is ported: it must cover every operation of
/// our OpenAPI subset, and every test it cites must exist (a renamed or deleted test breaks this, not the table).
@Suite("Conformance table")
struct ConformanceTableTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// Table rows as cells (header and separator dropped).
    static func rows() throws -> [[String]] {
        let text = try String(contentsOf: root.appendingPathComponent("Schemas/rill-conformance.md"), encoding: .utf8)
        return text.split(separator: "\n").filter { $0.hasPrefix("| ") && !$0.hasPrefix("| Operation") }
            .map { line in
                line.trimmingCharacters(in: .whitespaces).dropFirst().dropLast()
                    .split(separator: "|", omittingEmptySubsequences: false)
                    .map { $0.trimmingCharacters(in: .whitespaces) }
            }
    }

    @Test("every operation of Schemas/rill-admin.openapi.yaml has a row")
    func everyOperationHasARow() throws {
        let schema = try String(contentsOf: Self.root.appendingPathComponent("Schemas/rill-admin.openapi.yaml"),
                                encoding: .utf8)
        let operations = schema.split(separator: "\n").compactMap { line -> String? in
            guard let range = line.range(of: "operationId: AdminService_") else { return nil }
            return String(line[range.upperBound...]).trimmingCharacters(in: .whitespaces)
        }
        let covered = Set(try Self.rows().compactMap(\.first))
        #expect(operations.count > 30)
        #expect(Set(operations).subtracting(covered).sorted() == [])
    }

    @Test("every row cites at least one test, and every cited test function exists")
    func citedTestsExist() throws {
        var functions: Set<String> = []
        let enumerator = FileManager.default.enumerator(at: Self.root.appendingPathComponent("Tests"),
                                                        includingPropertiesForKeys: nil)
        while let url = enumerator?.nextObject() as? URL {
            guard url.pathExtension == "swift" else { continue }
            let text = try String(contentsOf: url, encoding: .utf8)
            for match in text.matches(of: /func\s+([A-Za-z_][A-Za-z0-9_]*)\s*\(/) { functions.insert(String(match.1)) }
        }
        for row in try Self.rows() {
            let cited = (row.last ?? "").split(separator: ",").compactMap { entry -> String? in
                let name = entry.split(separator: ".").last.map(String.init)?
                    .replacingOccurrences(of: "()", with: "").trimmingCharacters(in: .whitespaces)
                return name?.isEmpty == false ? name : nil
            }
            #expect(!cited.isEmpty, "row \(row.first ?? "?") cites no test")
            for name in cited {
                #expect(functions.contains(name), "row \(row.first ?? "?") cites \(name), which is not a test function")
            }
        }
    }
}
