import Foundation
import RillformTestSupport
import Testing
import Yams

/// Examples/ci holds CI pipelines, not manifests: each must be valid YAML with the structure its CI expects, use
/// tokens only from secrets, and stay out of manifest validation.
@Suite("CI examples")
struct CIExamplesTests {
    static let directory = CLIProcess.repositoryRoot.appendingPathComponent("Examples/ci")

    static func load(_ relative: String) throws -> [String: Any] {
        let text = try String(contentsOf: directory.appendingPathComponent(relative), encoding: .utf8)
        let loaded = try Yams.load(yaml: text)
        return try #require(loaded as? [String: Any], "\(relative) is not a YAML mapping")
    }

    /// Every YAML file below Examples/ci (hidden ones too: `.gitlab-ci.yml`).
    static var allFiles: [String] {
        let enumerator = FileManager.default.enumerator(atPath: directory.path)
        var files: [String] = []
        while let path = enumerator?.nextObject() as? String {
            if path.hasSuffix(".yml") || path.hasSuffix(".yaml") { files.append(path) }
        }
        return files.sorted()
    }

    @Test("every file loads as YAML; the expected files exist")
    func allLoad() throws {
        #expect(Self.allFiles == [
            "github/.github/workflows/apply.yml", "github/.github/workflows/drift.yml",
            "github/.github/workflows/plan.yml", "gitlab/.gitlab-ci.yml",
        ])
        for file in Self.allFiles { _ = try Self.load(file) }
    }

    @Test("GitHub workflows: triggers, jobs with steps, each step runs or uses something", arguments: [
        ("github/.github/workflows/plan.yml", "pull_request"), ("github/.github/workflows/apply.yml", "push"),
        ("github/.github/workflows/drift.yml", "schedule"),
    ])
    func githubStructure(file: String, trigger: String) throws {
        let workflow = try Self.load(file)
        #expect(workflow["name"] is String)
        // YAML 1.1 reads a bare `on` as true; our files must keep the key a string.
        let on = try #require(workflow["on"] as? [String: Any], "\(file): missing 'on'")
        #expect(on[trigger] != nil, "\(file) must run on \(trigger)")
        let jobs = try #require(workflow["jobs"] as? [String: Any])
        #expect(!jobs.isEmpty)
        for (name, value) in jobs {
            let job = try #require(value as? [String: Any], "\(file): job \(name)")
            #expect(job["runs-on"] is String)
            let steps = try #require(job["steps"] as? [[String: Any]], "\(file): job \(name) has no steps")
            #expect(!steps.isEmpty)
            for step in steps {
                #expect((step["run"] is String) != (step["uses"] is String), "\(file): step \(step["name"] ?? "?")")
            }
        }
    }

    @Test("plan.yml handles the exit code explicitly and updates one comment found by the marker")
    func planWorkflow() throws {
        let text = try String(contentsOf: Self.directory.appendingPathComponent("github/.github/workflows/plan.yml"),
                              encoding: .utf8)
        #expect(text.contains("--format markdown --detailed-exitcode"))
        #expect(text.contains("0) echo \"result=no-changes\""))
        #expect(text.contains("2) echo \"result=changes\""))
        #expect(text.contains("*) echo \"result=error\""))
        #expect(text.contains("<!-- rillform:plan -->"))
        #expect(text.contains("updateComment"))
    }

    @Test("drift.yml keeps one labelled issue by the marker and uploads JUnit")
    func driftWorkflow() throws {
        let text = try String(contentsOf: Self.directory.appendingPathComponent("github/.github/workflows/drift.yml"),
                              encoding: .utf8)
        #expect(text.contains("--format markdown --output drift.md"))
        #expect(text.contains("--format junit"))
        #expect(text.contains("<!-- rillform:drift -->"))
        #expect(text.contains("rillform-drift"))
        let workflow = try Self.load("github/.github/workflows/drift.yml")
        let schedule = try #require((workflow["on"] as? [String: Any])?["schedule"] as? [[String: Any]])
        #expect(schedule.first?["cron"] is String)
    }

    @Test("GitLab pipeline: stages and jobs with scripts")
    func gitlabStructure() throws {
        let pipeline = try Self.load("gitlab/.gitlab-ci.yml")
        let stages = try #require(pipeline["stages"] as? [String])
        #expect(stages == ["plan", "apply", "drift"])
        for job in ["plan", "apply", "drift"] {
            let definition = try #require(pipeline[job] as? [String: Any], "missing job \(job)")
            #expect(definition["stage"] as? String == job)
            let script = try #require(definition["script"] as? [String], "\(job) has no script")
            #expect(!script.isEmpty)
        }
    }

    @Test("tokens only from secrets: never on a command line or echoed; apply masks new secrets")
    func tokensFromSecrets() throws {
        for file in Self.allFiles {
            let text = try String(contentsOf: Self.directory.appendingPathComponent(file), encoding: .utf8)
            #expect(!text.contains("--api-token"), "\(file) passes a token on the command line")
            #expect(!text.contains("echo \"$RILL_API_TOKEN"), "\(file) echoes the token")
            #expect(!text.contains("rill_svc_") && !text.contains("rill_usr_"), "\(file) holds a literal token")
        }
        let apply = try String(contentsOf: Self.directory.appendingPathComponent("github/.github/workflows/apply.yml"),
                               encoding: .utf8)
        #expect(apply.contains("::add-mask::"))
        #expect(apply.contains("command: apply"))
        #expect(apply.contains("args: plan.json --token-sink"))
        #expect(apply.contains("RILL_API_TOKEN: ${{ secrets.RILL_API_TOKEN }}"))
    }

    @Test("no pipeline compiles Swift: no `swift build`, no Swift image, no clone of the sources")
    func noSwiftBuilds() throws {
        for file in Self.allFiles {
            let text = try String(contentsOf: Self.directory.appendingPathComponent(file), encoding: .utf8)
            #expect(!text.contains("swift build"), "\(file) builds rillform from source")
            #expect(!text.contains("image: swift:") && !text.contains("container: swift:"), "\(file) uses a Swift image")
            #expect(!text.contains("git clone"), "\(file) clones the sources")
        }
    }

    @Test("GitHub workflows install rillform through the action, with inputs the action declares", arguments: [
        "github/.github/workflows/plan.yml", "github/.github/workflows/apply.yml",
        "github/.github/workflows/drift.yml",
    ])
    func githubUsesTheAction(file: String) throws {
        let declared = Set(try RillformActionTests.action().inputs.keys)
        let jobs = try #require(try Self.load(file)["jobs"] as? [String: Any])
        var uses = 0
        for case let job as [String: Any] in jobs.values {
            for step in job["steps"] as? [[String: Any]] ?? [] {
                guard let reference = step["uses"] as? String,
                      reference.contains("/rillform/.github/actions/rillform@") else { continue }
                uses += 1
                let given = Set((step["with"] as? [String: Any] ?? [:]).keys)
                #expect(given.isSubset(of: declared), "\(file): unknown inputs \(given.subtracting(declared))")
                #expect(!given.contains { $0.lowercased().contains("token") }, "\(file): a token passed as an input")
            }
        }
        #expect(uses > 0, "\(file) does not use the rillform action")
    }

    @Test("plan.yml and drift.yml write the job summary")
    func jobSummaries() throws {
        for file in ["github/.github/workflows/plan.yml", "github/.github/workflows/drift.yml"] {
            let text = try String(contentsOf: Self.directory.appendingPathComponent(file), encoding: .utf8)
            #expect(text.contains("$GITHUB_STEP_SUMMARY"), "\(file)")
        }
    }

    @Test("the token-id cache survives in every pipeline")
    func tokenIdCache() throws {
        for file in Self.allFiles {
            let text = try String(contentsOf: Self.directory.appendingPathComponent(file), encoding: .utf8)
            #expect(text.contains(".rillform-issued-tokens.jsonl"), "\(file)")
        }
        let apply = try String(contentsOf: Self.directory.appendingPathComponent("github/.github/workflows/apply.yml"),
                               encoding: .utf8)
        #expect(apply.contains("actions/cache/save@") && apply.contains("jq -c 'del(.token)'"))
    }

    @Test("GitLab downloads the release and verifies its checksum")
    func gitlabDownloadsTheRelease() throws {
        let text = try String(contentsOf: Self.directory.appendingPathComponent("gitlab/.gitlab-ci.yml"), encoding: .utf8)
        #expect(text.contains("rillform-$RILLFORM_VERSION-linux-$(uname -m).tar.gz"))
        #expect(text.contains("sha256sum -c"))
        #expect(text.contains("rillform --version"))
    }

    @Test("Examples/ci is kept out of manifest validation: `validate -f Examples` passes")
    func excludedFromManifestValidation() async throws {
        // Every pipeline sits under a hidden path (as in the repository it is copied to), which directory
        // expansion skips.
        for file in Self.allFiles {
            #expect(file.split(separator: "/").contains { $0.hasPrefix(".") }, "\(file) is not under a hidden path")
            let document = try Self.load(file)
            #expect(document["apiVersion"] == nil, "\(file) looks like a manifest")
        }
        let result = try await CLIProcess.run(["validate", "-f", "Examples"], in: CLIProcess.repositoryRoot)
        #expect(result.exitCode == 0, "\(result.combined)")
        #expect(!result.combined.contains("Examples/ci"), "\(result.combined)")
        // CI validates the whole folder the same way.
        let run = try String(contentsOf: CLIProcess.repositoryRoot.appendingPathComponent(".ci/run"), encoding: .utf8)
        #expect(run.contains("rillform validate -f Examples"))
    }
}
