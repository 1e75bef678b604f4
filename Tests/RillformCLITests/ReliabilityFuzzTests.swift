import Foundation
import RillformManifest
import RillformModel
import RillformTestSupport
import Testing

/// Thousands of mutated manifests through `ManifestLoader.load` (pure, in-process): never a crash or hang,
/// every error has a file:line:column, and a rejected manifest always says why. Seeded and repeatable.
@Suite("reliability: manifest fuzzing")
struct ReliabilityFuzzTests {
    static let quickstart = (try? String(
        contentsOf: CLIProcess.repositoryRoot.appendingPathComponent("Examples/quickstart/rillform.yaml"),
        encoding: .utf8)) ?? ""
    static let generated = ReliabilityManifest(org: "fuzz", projects: 4, services: 6, tokenServices: 2).yaml

    /// Fragments that are likely to break YAML structure or types.
    static let fragments = [
        "{", "}", "[", "]", ":", ": :", "- ", "&a", "*a", "*missing", "!!binary", "!!int", "!custom", "\t", "'", "\"",
        "|", ">", "---", "...", "%YAML 1.1", "#", "? ", "~", "null", "true", "-1", "1e400", "0x1F", "NaN", ".inf",
        "${", "${UNSET}", "$${X}", "<<: *a", "\u{0}", "\u{FEFF}", "é", "🦀", "\\", "\r", "\r\n",
    ]
    /// Values of the wrong type or size for any key.
    static let values = [
        "[]", "{}", "[1, 2]", "{a: b}", "99999999999999999999999999", "-99999999999999999999", "3.5", "yes", "no",
        "\"\"", String(repeating: "x", count: 100_000), "null", "~", "!!str 5", "'quoted'", "\"a\\u0000b\"",
    ]

    static func mutate(_ text: String, using random: inout SplitMix64) -> String {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let edits = Int.random(in: 1...3, using: &random)
        for _ in 0..<edits where !lines.isEmpty {
            let index = Int.random(in: 0..<lines.count, using: &random)
            switch Int.random(in: 0..<9, using: &random) {
            case 0: lines.remove(at: index)
            case 1: lines.insert(lines[index], at: index)
            case 2:  // replace the value after the first colon
                if let colon = lines[index].firstIndex(of: ":") {
                    lines[index] = String(lines[index][...colon]) + " " + (values.randomElement(using: &random) ?? "")
                }
            case 3:  // insert a fragment at a random column
                var characters = Array(lines[index])
                let column = Int.random(in: 0...characters.count, using: &random)
                characters.insert(contentsOf: fragments.randomElement(using: &random) ?? "", at: column)
                lines[index] = String(characters)
            case 4:  // re-indent
                let shift = Int.random(in: -4...4, using: &random)
                let leading = lines[index].prefix { $0 == " " }.count
                lines[index] = shift >= 0 ? String(repeating: " ", count: shift) + lines[index]
                    : String(lines[index].dropFirst(min(-shift, leading)))
            case 5:  // swap two lines
                let other = Int.random(in: 0..<lines.count, using: &random)
                lines.swapAt(index, other)
            case 6:  // truncate the line
                lines[index] = String(lines[index].prefix(Int.random(in: 0...lines[index].count, using: &random)))
            case 7:  // duplicate a key under the same parent
                lines.insert(lines[index], at: min(lines.count, index + 1))
            default:  // drop everything after this line
                lines.removeSubrange(index...)
            }
        }
        return lines.joined(separator: "\n")
    }

    /// Hand-written hostile inputs: alias bombs, deep nesting, huge documents and values.
    static var hostile: [String] {
        var bomb = "apiVersion: rillform/v1\na0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
        for level in 1...12 {
            let previous = "*a\(level - 1)"
            bomb += "a\(level): &a\(level) [\(Array(repeating: previous, count: 10).joined(separator: ", "))]\n"
        }
        bomb += "orgs: *a12\n"
        let mergeBomb = "apiVersion: rillform/v1\nbase: &b {name: x}\norgs:\n"
            + String(repeating: "  - <<: *b\n", count: 5000)
        return [
            bomb,
            mergeBomb,
            "apiVersion: rillform/v1\norgs: " + String(repeating: "[", count: 100_000),
            "apiVersion: rillform/v1\norgs: " + String(repeating: "{a: ", count: 20_000),
            "apiVersion: rillform/v1\norgs:\n" + (0..<2000).map { String(repeating: "  ", count: $0) + "- a:" }
                .joined(separator: "\n"),
            "apiVersion: rillform/v1\norgs:\n  - name: " + String(repeating: "a", count: 1_000_000),
            "apiVersion: rillform/v1\norgs:\n  - name: acme\n    projects:\n      - name: p\n        prod_slots: "
                + String(repeating: "9", count: 10_000),
            String(repeating: "---\n", count: 10_000),
            "apiVersion: rillform/v1\norgs:\n  - name: acme\n    description: \"" + String(repeating: "\\u00e9", count: 50_000) + "\"",
            "\u{FEFF}apiVersion: rillform/v1\norgs: []\n",
            "apiVersion: rillform/v1\norgs:\n  - name: ${A}${A}${A}${A}${A}${A}${A}${A}\n",
            String(decoding: [0xFF, 0xFE, 0x00, 0x41, 0x80, 0xC3], as: UTF8.self),
            "",
            "\n\n\n",
            "apiVersion: rillform/v1\norgs:\n  - name: acme\n    projects:\n" + (0..<5000).map { "      - name: p\($0)" }
                .joined(separator: "\n"),
        ]
    }

    @Test("3,000 seeded mutations and hostile inputs: no crash or hang, every error located, rejections explained",
          .timeLimit(.minutes(2)))
    func mutatedManifestsAreDiagnosed() throws {
        try #require(!Self.quickstart.isEmpty)
        var random = SplitMix64(seed: 0x5EED)
        var inputs = Self.hostile
        for index in 0..<3000 {
            inputs.append(Self.mutate(index % 2 == 0 ? Self.quickstart : Self.generated, using: &random))
        }
        let clock = ContinuousClock()
        var slowest: (Duration, Int) = (.zero, -1)
        var rejected = 0
        for (index, text) in inputs.enumerated() {
            let start = clock.now
            let result = ManifestLoader.load(text: text, path: "fuzz.yaml", environment: ["A": "aaaaaaaa"])
            let elapsed = clock.now - start
            if elapsed > slowest.0 { slowest = (elapsed, index) }
            if result.state == nil {
                rejected += 1
                #expect(result.hasErrors, "input \(index) rejected without an error diagnostic")
            }
            for diagnostic in result.diagnostics where diagnostic.severity == .error {
                let location = diagnostic.location
                #expect(location != nil && location?.file == "fuzz.yaml" && (location?.line ?? 0) >= 1
                            && (location?.column ?? 0) >= 1,
                        "input \(index): error without a location: \(diagnostic)")
            }
        }
        // Reported, not asserted (no wall-time assertions in `swift test`); the time limit above catches hangs.
        print("fuzz: \(inputs.count) inputs, \(rejected) rejected, slowest \(slowest.0) (input \(slowest.1))")
        #expect(rejected > inputs.count / 4, "mutations too weak: only \(rejected) rejected")
    }
}
