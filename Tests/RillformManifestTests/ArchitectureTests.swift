import Foundation
import RillformTestSupport
import Testing

/// The module boundaries README and ARCHITECTURE.md promise, checked on the source tree so CI catches a slip.
/// Comments and string literals are ignored (``SwiftCodeText``); every finding names `file:line`.
@Suite("Architecture invariants")
struct ArchitectureTests {
    static let sources = PackageRoot.url.appendingPathComponent("Sources")

    /// Modules that take values and return values: no files, network, environment, clock, console or process.
    static let pureModules: Set<String> = ["RillformModel", "RillformManifest", "RillformPlan", "RillformReport"]

    /// What a pure module may import besides the other pure modules: value libraries only
    /// (CYaml is Yams's C parser, Crypto is swift-crypto's SHA-256).
    static let pureImports: Set<String> = ["Foundation", "Yams", "CYaml", "Crypto"]

    /// I/O and ambient-state APIs a pure module must not touch: regular expressions over code text.
    /// Time and randomness come in as values (`PlanOptions.now`, `SplitMix64`), never from the system.
    static let impureAPIs: [(pattern: String, what: String)] = [
        (#"\bFileManager\b"#, "file system"),
        (#"\bFileHandle\b"#, "file handles"),
        (#"\bURLSession\b"#, "network"),
        (#"\bURLRequest\b"#, "network"),
        (#"\bProcessInfo\b"#, "process environment"),
        (#"\bCommandLine\b"#, "process arguments"),
        (#"\bProcess\s*\("#, "child processes"),
        (#"\bBundle\b"#, "bundle resources"),
        (#"\bgetenv\s*\("#, "process environment"),
        (#"\bsetenv\s*\("#, "process environment"),
        (#"\bf(open|write|read|close)\s*\("#, "C file I/O"),
        (#"\b(Data|String|NSData|NSString)\s*\(\s*contentsOf(File)?\s*:"#, "reading files or URLs"),
        (#"\.write\s*\(\s*to(File)?\s*:"#, "writing files"),
        (#"(^|[^.\w])print\s*\("#, "console output"),
        (#"\bFileHandle\.standard"#, "console output"),
        (#"\bstd(out|err|in)\b"#, "console streams"),
        (#"\breadLine\s*\("#, "console input"),
        (#"(^|[^.\w])exit\s*\("#, "exiting the process"),
        (#"\bDate\s*\(\s*\)"#, "the system clock"),
        (#"\bDate\.(now|init)\b"#, "the system clock"),
        (#"\b(Continuous|Suspending)Clock\b"#, "the system clock"),
        (#"\bTask\.sleep\b"#, "sleeping"),
        (#"\bThread\b"#, "threads"),
        (#"\bDispatchQueue\b"#, "dispatch queues"),
        (#"\bUUID\s*\(\s*\)"#, "randomness"),
        (#"\bSystemRandomNumberGenerator\b"#, "randomness"),
        (#"\.random\s*\((?![^)]*using:)"#, "randomness (a seeded generator passed with `using:` is fine)"),
    ]

    /// Exceptions, each with the reason it is pure after all: `"Module/File.swift:pattern": "why"`. Empty on purpose.
    static let allowedImpurity: [String: String] = [:]

    /// `(path from Sources/, SwiftCodeText)` for every Swift file of a module.
    static func files(of module: String) throws -> [(path: String, code: SwiftCodeText)] {
        let root = sources.appendingPathComponent(module)
        guard let enumerator = FileManager.default.enumerator(atPath: root.path) else { return [] }
        var files: [(String, SwiftCodeText)] = []
        while let relative = enumerator.nextObject() as? String {
            guard relative.hasSuffix(".swift") else { continue }
            let text = try String(contentsOf: root.appendingPathComponent(relative), encoding: .utf8)
            files.append(("\(module)/\(relative)", SwiftCodeText(text)))
        }
        return files.sorted { $0.0 < $1.0 }
    }

    /// Modules imported by one line of code, e.g. `@preconcurrency import struct Foundation.Date` → Foundation.
    static func importedModule(_ line: String) throws -> String? {
        let pattern = #"^\s*(@\w+\s+)*import\s+((typealias|struct|class|enum|protocol|let|var|func)\s+)?(\w+)"#
        guard let match = line.firstMatch(of: try Regex(pattern)), let module = match.output[4].substring else {
            return nil
        }
        return String(module)
    }

    /// A regex whose `\b` is an ASCII word boundary: Unicode's default keeps `FileManager.default` one word.
    static func regex(_ pattern: String) throws -> Regex<AnyRegexOutput> {
        try Regex(pattern).wordBoundaryKind(.simple)
    }

    /// Our module names: the folders of `Sources/`.
    static func ourModules() throws -> Set<String> {
        Set(try FileManager.default.contentsOfDirectory(atPath: sources.path))
    }

    @Test("pure modules import only Foundation, each other and value libraries")
    func pureModuleImports() throws {
        var findings: [String] = []
        for module in Self.pureModules.sorted() {
            for file in try Self.files(of: module) {
                for (number, line) in file.code.lines.enumerated() {
                    guard let imported = try Self.importedModule(line) else { continue }
                    if !Self.pureImports.contains(imported) && !Self.pureModules.contains(imported) {
                        findings.append("Sources/\(file.path):\(number + 1): imports \(imported)")
                    }
                }
            }
        }
        #expect(findings == [], "pure modules must not depend on I/O modules:\n\(findings.joined(separator: "\n"))")
    }

    @Test("pure modules use no I/O, clock, environment or randomness API")
    func pureModulesDoNoIO() throws {
        let rules = try Self.impureAPIs.map { rule in
            (regex: try Self.regex(rule.pattern), pattern: rule.pattern, what: rule.what)
        }
        var findings: [String] = []
        for module in Self.pureModules.sorted() {
            for file in try Self.files(of: module) {
                for (number, line) in file.code.lines.enumerated() {
                    for rule in rules where line.contains(rule.regex) {
                        if Self.allowedImpurity["\(file.path):\(rule.pattern)"] != nil { continue }
                        findings.append("Sources/\(file.path):\(number + 1): \(rule.what): "
                                            + line.trimmingCharacters(in: .whitespaces))
                    }
                }
            }
        }
        #expect(findings == [], "pure modules must take and return values:\n\(findings.joined(separator: "\n"))")
    }

    @Test("the emulator imports nothing of ours, in code or in Package.swift")
    func emulatorIsIndependent() throws {
        let ours = try Self.ourModules()
        var findings: [String] = []
        for file in try Self.files(of: "RillformEmulator") {
            for (number, line) in file.code.lines.enumerated() {
                if let imported = try Self.importedModule(line), ours.contains(imported) {
                    findings.append("Sources/\(file.path):\(number + 1): imports \(imported)")
                }
            }
        }
        // The emulator's target declaration: from `name: "RillformEmulator"` to the next target.
        let manifest = try String(contentsOf: PackageRoot.url.appendingPathComponent("Package.swift"), encoding: .utf8)
        let lines = manifest.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let start = try #require(lines.firstIndex { $0.contains(#"name: "RillformEmulator""#) },
                                 "Package.swift declares no RillformEmulator target")
        let end = lines[(start + 1)...].firstIndex { $0.contains(".target(") || $0.contains("Target(") } ?? lines.count
        let quoted = try Regex(#""(\w+)""#)
        for number in start..<end {
            for match in lines[number].matches(of: quoted) {
                guard let name = match.output[1].substring.map(String.init) else { continue }
                if name != "RillformEmulator", ours.contains(name) {
                    findings.append("Package.swift:\(number + 1): RillformEmulator depends on \(name)")
                }
            }
        }
        let report = findings.joined(separator: "\n")
        #expect(findings == [], "the emulator must behave like Rill, not like our client:\n\(report)")
    }

    @Test("the live-state reader can only read: it names RillAdminReader and no writing type")
    func liveStateReaderCannotWrite() throws {
        let path = "RillformAPI/LiveStateReader.swift"
        let text = try String(contentsOf: Self.sources.appendingPathComponent(path), encoding: .utf8)
        let code = SwiftCodeText(text)
        // Anything that can send a write: the writer, the client that hands one out, the raw connection.
        let writing = try Self.regex(#"\b(RillAdmin(?!Reader\b)\w+|AdminConnection|\w*[Ww]riter\w*)\b"#)
        var findings: [String] = []
        for (number, line) in code.lines.enumerated() {
            for match in line.matches(of: writing) {
                findings.append("Sources/\(path):\(number + 1): references \(line[match.range])")
            }
        }
        #expect(code.lines.contains { $0.contains("RillAdminReader") }, "Sources/\(path) no longer uses RillAdminReader")
        #expect(findings == [], "the reader must not be able to write:\n\(findings.joined(separator: "\n"))")
    }
}
