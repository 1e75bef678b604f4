import Foundation
import RillformTestSupport
import Testing
import Yams

/// The release recipes: the GitHub Action (.github/actions/rillform/action.yml), .ci/release, .ci/Dockerfile and
/// .ci/debootstrap-check must agree on the archive name and on the runtime packages, and the action must keep
/// secrets off command lines and set its outputs before it fails.
@Suite("Release recipes and the GitHub Action")
struct RillformActionTests {
    struct Action {
        let document: [String: Any]
        let inputs: [String: Any]
        let outputs: [String: Any]
        let steps: [[String: Any]]
    }

    static func text(_ relative: String) throws -> String {
        try String(contentsOf: CLIProcess.repositoryRoot.appendingPathComponent(relative), encoding: .utf8)
    }

    static func action() throws -> Action {
        let loaded = try Yams.load(yaml: try text(".github/actions/rillform/action.yml"))
        let document = try #require(loaded as? [String: Any])
        let runs = try #require(document["runs"] as? [String: Any])
        return Action(
            document: document,
            inputs: try #require(document["inputs"] as? [String: Any]),
            outputs: try #require(document["outputs"] as? [String: Any]),
            steps: try #require(runs["steps"] as? [[String: Any]]))
    }

    @Test("a composite action with the documented inputs and outputs, and no token input")
    func interface() throws {
        let action = try Self.action()
        #expect((action.document["runs"] as? [String: Any])?["using"] as? String == "composite")
        for input in ["version", "command", "args", "manifest-dir", "success-exit-codes"] {
            #expect(action.inputs[input] != nil, "missing input \(input)")
        }
        #expect(!action.inputs.keys.contains { $0.lowercased().contains("token") })
        for output in ["exit-code", "report"] {
            #expect(action.outputs[output] != nil, "missing output \(output)")
        }
    }

    @Test("inputs reach scripts only through env, never spliced into a script")
    func inputsThroughEnvironment() throws {
        for step in try Self.action().steps {
            guard let script = step["run"] as? String else { continue }
            #expect(!script.contains("${{"), "step \(step["name"] ?? "?") expands an expression inside its script")
            #expect(step["shell"] as? String == "bash")
        }
    }

    @Test("downloads the release's archive, verifies it and caches it by version and architecture")
    func downloadVerifyCache() throws {
        let action = try Self.action()
        let text = try Self.text(".github/actions/rillform/action.yml")
        #expect(text.contains("archive=\"rillform-$version-linux-$arch.tar.gz\""))
        #expect(text.contains("/releases/download/v$version/$archive"))
        #expect(text.contains("sha256sum -c \"$ARCHIVE.sha256\""))
        let cache = try #require(action.steps.first { ($0["uses"] as? String)?.hasPrefix("actions/cache@") == true })
        let key = try #require((cache["with"] as? [String: Any])?["key"] as? String)
        #expect(key.contains("steps.resolve.outputs.version") && key.contains("steps.resolve.outputs.arch"))
        // The archive name the action downloads is the one .ci/release writes.
        #expect(try Self.text(".ci/release").contains("archive=\"rillform-$version-linux-$arch.tar.gz\""))
    }

    @Test("the run step writes its outputs before it can fail")
    func outputsBeforeFailure() throws {
        let run = try #require(try Self.action().steps.first { $0["id"] as? String == "run" })
        let script = try #require(run["run"] as? String)
        let written = try #require(script.range(of: "echo \"exit-code=$code\""))
        let failed = try #require(script.range(of: "exit \"$code\""))
        #expect(written.lowerBound < failed.lowerBound)
        #expect(!script.contains("set -e\n") && !script.contains("set -euo"), "errexit would skip the outputs")
    }

    @Test("the image's runtime stage and the debootstrap check install the same package list")
    func runtimePackagesShared() throws {
        let dockerfile = try Self.text(".ci/Dockerfile")
        let runtimeStage = try #require(dockerfile.components(separatedBy: "\nFROM ").last)
        #expect(runtimeStage.hasPrefix("debian:bookworm-slim"))
        #expect(runtimeStage.contains("COPY .ci/runtime-packages"))
        #expect(runtimeStage.contains("ENTRYPOINT [\"rillform\"]"))
        #expect(runtimeStage.contains("USER 10001"))
        #expect(!runtimeStage.contains("swift"), "the runtime stage must not hold Swift")
        let check = try Self.text(".ci/debootstrap-check")
        #expect(check.contains(".ci/runtime-packages"))
        #expect(check.contains("DEBOOTSTRAP_SUITE:-bookworm"))
        let packages = try Self.text(".ci/runtime-packages").split(separator: "\n").filter { !$0.hasPrefix("#") }
        #expect(packages.contains("libsqlite3-0") && packages.contains("ca-certificates"))
        #expect(!packages.contains { $0.contains("swift") })
    }
}
