import Foundation
import RillformModel
import RillformPlan
import Testing
@testable import RillformApply

@Suite("apply --wait: which deployments are still settling")
struct DeploymentSettlingTests {
    static let sales = ResourceAddress.project("acme", "sales")

    /// (status, counts as pending, counts as errored)
    static let statuses: [(String, Bool, Bool)] = [
        ("DEPLOYMENT_STATUS_PENDING", true, false),
        ("DEPLOYMENT_STATUS_UPDATING", true, false),
        ("DEPLOYMENT_STATUS_STOPPING", true, false),
        ("DEPLOYMENT_STATUS_DELETING", true, false),
        ("DEPLOYMENT_STATUS_RUNNING", false, false),
        ("DEPLOYMENT_STATUS_STOPPED", false, false),
        ("DEPLOYMENT_STATUS_DELETED", false, false),
        ("DEPLOYMENT_STATUS_ERRORED", false, true),
    ]

    @Test("each status is pending, settled or errored", arguments: statuses)
    func classification(status: String, pending: Bool, errored: Bool) {
        let settling = DeploymentSettling(deployments: [
            Self.sales: [LiveDeployment(id: "d1", environment: "prod", status: status, statusMessage: "why")],
        ])
        #expect(settling.pending.isEmpty == !pending)
        #expect(settling.errored.isEmpty == !errored)
        #expect(settling.isSettled == !pending)
    }

    @Test("the progress line counts by status and names no deployment twice")
    func progressLine() {
        let settling = DeploymentSettling(deployments: [
            Self.sales: [
                LiveDeployment(id: "d1", environment: "prod", status: "DEPLOYMENT_STATUS_PENDING",
                               statusMessage: "Provisioning..."),
                LiveDeployment(id: "d2", environment: "dev", branch: "x", status: "DEPLOYMENT_STATUS_STOPPING"),
                LiveDeployment(id: "d3", environment: "dev", branch: "y", status: "DEPLOYMENT_STATUS_PENDING"),
            ],
        ])
        #expect(settling.progressLine(elapsedSeconds: 4)
            == "Waiting for 3 deployments to settle (2 PENDING, 1 STOPPING)... 4s elapsed")
        #expect(settling.pending.map(\.description) == [
            "deployment.acme/sales/dev@x: STOPPING", "deployment.acme/sales/dev@y: PENDING",
            "deployment.acme/sales/prod: PENDING (Provisioning...)",
        ])
    }

    @Test("the projects a plan touches: created or updated projects and the projects of deployment changes")
    func touchedProjects() {
        let plan = Plan(plannedAt: Date(timeIntervalSince1970: 0), changes: [
            ResourceChange(address: .project("acme", "new"), actions: [.create]),
            ResourceChange(address: .project("acme", "gone"), actions: [.delete]),
            ResourceChange(address: .deployment("acme", "old", environment: "prod", branch: nil), actions: [.update]),
            ResourceChange(address: .service("acme", "bot"), actions: [.create]),
        ])
        #expect(DeploymentSettling.projects(touchedBy: plan) == [.project("acme", "new"), .project("acme", "old")])
    }
}
