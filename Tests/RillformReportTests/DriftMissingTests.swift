import Foundation
import RillformModel
import RillformPlan
import Testing
@testable import RillformReport

@Suite("Drift: a missing resource shows what the manifest declares for it")
struct DriftMissingTests {
    /// A missing project whose prod deployment (made by the project's create, so without a change of its own,
    /// or with only a `state` update) is declared with a state.
    private func report(prodState: DeploymentState) -> DriftReport {
        let org = DesiredOrg(
            name: DriftFixtures.located("acme", 3, 11),
            projects: [DesiredProject(
                name: DriftFixtures.located("finance", 14), gitRemote: DriftFixtures.located("https://github.com/a/f.git", 15),
                deployments: [DesiredDeployment(environment: DriftFixtures.located(.prod, 16),
                                                state: DriftFixtures.located(prodState, 17))])])
        let desired = DesiredState(orgs: [org])
        let options = PlanOptions(now: DriftFixtures.now)
        let live = LiveState(orgs: ["acme": LiveOrg(id: "o-acme", name: "acme")])
        return DriftReport(plan: Planner.plan(desired: desired, live: live, options: options), desired: desired,
                           options: options)
    }

    @Test("the prod deployment of a missing project lists its declared fields, in every format",
          arguments: [DeploymentState.running, .stopped])
    func prodDeployment(_ state: DeploymentState) throws {
        let report = report(prodState: state)
        let address = ResourceAddress.deployment("acme", "finance", environment: "prod", branch: nil)
        let resource = try #require(report.resources.first { $0.address == address })
        #expect(resource.status == .missing)
        #expect(resource.fields.map(\.field) == ["environment", "state"])
        #expect(resource.fields.allSatisfy { $0.live == nil })
        #expect(resource.fields.last?.desired == .string(state.rawValue))
        #expect(resource.detail == "part of project.acme/finance, which is missing too")

        let text = DriftTextReporter.render(report, color: false)
        #expect(text.contains("""
              + deployment "acme/finance/prod" {
                  + environment = "prod"
                  + state       = "\(state.rawValue)" # rillform.yaml:17:5
                }
            """))
        let markdown = DriftMarkdownReporter.render(report)
        #expect(markdown.contains("| missing | deployment | acme/finance/prod | state | (absent) -> \"\(state.rawValue)\" | rillform.yaml:17:5 |"))
        let declared = "the manifest declares environment = \\\"prod\\\", state = \\\"\(state.rawValue)\\\""
        #expect(DriftGitHubReporter.render(report).contains(declared.replacingOccurrences(of: "\\", with: "")))
        #expect(DriftSARIFReporter.render(report, toolVersion: "test").contains(declared))
        #expect(DriftJUnitReporter.render(report).contains("state: (absent) -&gt; &quot;\(state.rawValue)&quot;"))
        let json = try DriftJSONReporter.render(report)
        #expect(json.contains("\"desired\" : \"\(state.rawValue)\""))
    }

    @Test("a missing resource declared by name only says so instead of an empty block")
    func nameOnly() {
        let text = DriftTextReporter.render(DriftFixtures.richReport, color: false)
        #expect(text.contains("  + project \"acme/finance\" {\n"
            + "        # (declared by name only: apply creates it with Rill's defaults)\n    }\n"))
        #expect(!text.contains("+ project \"acme/finance\" {\n    }"))
    }
}
