import Foundation
import RillformModel
import Testing
@testable import RillformPlan

@Suite("Apply budget: API calls per method and the lower bound under Rill's limits")
struct ApplyBudgetTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var change: ResourceChange
        var calls: [String: Int]
        var testDescription: String { name }
    }

    private static func field(_ name: String, _ before: JSONValue?, _ after: JSONValue?) -> FieldChange {
        FieldChange(field: name, before: before, after: after)
    }

    private static func change(_ address: String, _ operation: ChangeOperation, _ fields: [FieldChange] = [],
                               liveID: String? = nil, rename: String? = nil, tokens: TokenChange? = nil,
                               initial: InitialProjectRole? = nil) -> ResourceChange {
        let parsed = ResourceAddress(address) ?? .org("invalid")
        return ResourceChange(
            address: parsed, actions: operation.actions,
            rename: rename.map { RenameInfo(from: $0, location: SourceLocation(file: "m.yaml", line: 1, column: 1)) },
            fieldChanges: fields, live: liveID.map { LiveReference(id: $0, name: "x") }, tokenChange: tokens,
            initialProjectRole: initial)
    }

    private static func calls(_ pairs: KeyValuePairs<String, Int>) -> [String: Int] {
        Dictionary(uniqueKeysWithValues: pairs.map { ("AdminService_" + $0.key, $0.value) })
    }

    static let cases: [Case] = [
        Case(name: "org create", change: change("org.acme", .create, [field("description", nil, .string("A"))]),
             calls: calls(["CreateOrganization": 1])),
        Case(name: "org create with billing email: create, then update",
             change: change("org.acme", .create, [field("billing_email", nil, .string("b@acme.io"))]),
             calls: calls(["CreateOrganization": 1, "UpdateOrganization": 1])),
        Case(name: "org update", change: change("org.acme", .update, [field("description", .string("A"), .string("B"))], liveID: "o1"),
             calls: calls(["UpdateOrganization": 1])),
        Case(name: "org delete", change: change("org.acme", .delete, liveID: "o1"), calls: calls(["DeleteOrganization": 1])),
        Case(name: "project create", change: change("project.acme/p", .create, [field("prod_slots", nil, .number(2))]),
             calls: calls(["CreateProject": 1])),
        Case(name: "project create with prod_ttl_seconds: create, then update",
             change: change("project.acme/p", .create, [field("prod_ttl_seconds", nil, .number(3600))]),
             calls: calls(["CreateProject": 1, "UpdateProject": 1])),
        Case(name: "project rename", change: change("project.acme/p", .update, [field("name", .string("old"), .string("p"))], liveID: "p1", rename: "old"),
             calls: calls(["UpdateProject": 1])),
        Case(name: "project update", change: change("project.acme/p", .update, [field("public", .bool(false), .bool(true))], liveID: "p1"),
             calls: calls(["UpdateProject": 1])),
        Case(name: "project delete", change: change("project.acme/p", .delete, liveID: "p1"), calls: calls(["DeleteProject": 1])),
        Case(name: "deployment create", change: change("deployment.acme/p/dev@b", .create, [field("environment", nil, .string("dev"))]),
             calls: calls(["CreateDeployment": 1])),
        Case(name: "deployment create stopped: create, then stop",
             change: change("deployment.acme/p/dev@b", .create, [field("state", nil, .string("stopped"))]),
             calls: calls(["CreateDeployment": 1, "StopDeployment": 1])),
        Case(name: "deployment stop", change: change("deployment.acme/p/prod", .update, [field("state", .string("running"), .string("stopped"))], liveID: "d1"),
             calls: calls(["StopDeployment": 1])),
        Case(name: "deployment start", change: change("deployment.acme/p/prod", .update, [field("state", .string("stopped"), .string("running"))], liveID: "d1"),
             calls: calls(["StartDeployment": 1])),
        Case(name: "stopping the prod deployment a project create makes looks its id up first",
             change: change("deployment.acme/p/prod", .update, [field("state", .string("running"), .string("stopped"))]),
             calls: calls(["ListDeployments": 1, "StopDeployment": 1])),
        Case(name: "deployment replace: delete, then create",
             change: change("deployment.acme/p/dev@b", .replace, [field("editable", .bool(false), .bool(true))], liveID: "d1"),
             calls: calls(["DeleteDeployment": 1, "CreateDeployment": 1])),
        Case(name: "deployment delete", change: change("deployment.acme/p/dev@b", .delete, liveID: "d1"),
             calls: calls(["DeleteDeployment": 1])),
        Case(name: "service create with an org role", change: change("service.acme/s", .create, [field("org_role", nil, .string("viewer"))]),
             calls: calls(["CreateService": 1])),
        Case(name: "service create with its initial project role is one call",
             change: change("service.acme/s", .create, [], initial: InitialProjectRole(project: "p", role: .viewer)),
             calls: calls(["CreateService": 1])),
        Case(name: "service update: attributes and org role",
             change: change("service.acme/s", .update, [field("attributes", .object(["a": .number(1)]), .object(["a": .number(2)])), field("org_role", .string("viewer"), .string("admin"))], liveID: "s1"),
             calls: calls(["UpdateService": 1, "SetOrganizationMemberServiceRole": 1])),
        Case(name: "service org role removed", change: change("service.acme/s", .update, [field("org_role", .string("viewer"), nil)], liveID: "s1"),
             calls: calls(["RemoveOrganizationMemberService": 1])),
        Case(name: "service rename", change: change("service.acme/s", .update, [field("name", .string("old"), .string("s"))], liveID: "s1", rename: "old"),
             calls: calls(["UpdateService": 1])),
        Case(name: "service replace", change: change("service.acme/s", .replace, [field("org_role", nil, .string("viewer"))], liveID: "s1"),
             calls: calls(["DeleteService": 1, "CreateService": 1])),
        Case(name: "service delete", change: change("service.acme/s", .delete, liveID: "s1"), calls: calls(["DeleteService": 1])),
        Case(name: "project role grant", change: change("service_project_role.acme/s/p", .create, [field("project_roles.p", nil, .string("viewer"))]),
             calls: calls(["SetProjectMemberServiceRole": 1])),
        Case(name: "project role change", change: change("service_project_role.acme/s/p", .update, [field("project_roles.p", .string("viewer"), .string("admin"))]),
             calls: calls(["SetProjectMemberServiceRole": 1])),
        Case(name: "project role removal", change: change("service_project_role.acme/s/p", .delete, [field("project_roles.p", .string("viewer"), nil)]),
             calls: calls(["RemoveProjectMemberService": 1])),
        Case(name: "token rotation: issue (list before and after), then revoke each",
             change: change("service_token.acme/s", .update,
                            tokens: TokenChange(issue: 1, revokeIDs: ["t1", "t2"], reason: "rotate", revokeAfterIssue: true)),
             calls: calls(["IssueServiceAuthToken": 1, "ListServiceAuthTokens": 2, "RevokeServiceAuthToken": 2])),
        Case(name: "token revoke only",
             change: change("service_token.acme/s", .delete,
                            tokens: TokenChange(issue: 0, revokeIDs: ["t1", "t2", "t3"], reason: "unknown", revokeAfterIssue: false)),
             calls: calls(["RevokeServiceAuthToken": 3])),
    ]

    @Test("calls per change kind and operation, as PlanExecutor makes them", arguments: cases)
    func callsPerChange(_ testCase: Case) {
        #expect(ApplyBudget.calls(for: testCase.change) == testCase.calls)
    }

    @Test("a project-role create that the service's create performs costs no call")
    func grantedByServiceCreate() {
        let service = Self.change("service.acme/s", .create, initial: InitialProjectRole(project: "p", role: .viewer))
        let granted = Self.change("service_project_role.acme/s/p", .create, [Self.field("project_roles.p", nil, .string("viewer"))])
        let other = Self.change("service_project_role.acme/s/q", .create, [Self.field("project_roles.q", nil, .string("viewer"))])
        let budget = ApplyBudget(changes: [service, granted, other])
        #expect(budget.callsByMethod == Self.calls(["CreateService": 1, "SetProjectMemberServiceRole": 1]))
        // A different role than the create's is a second call.
        let editor = Self.change("service_project_role.acme/s/p", .create, [Self.field("project_roles.p", nil, .string("editor"))])
        #expect(ApplyBudget(changes: [service, editor]).totalCalls == 2)
    }

    struct BoundCase: Sendable, CustomTestStringConvertible {
        var calls: [String: Int]
        var limit: APIRateLimit
        var seconds: Double
        var testDescription: String { "\(calls.values.sorted()) at \(limit.requestsPerMinute)/min burst \(limit.burst)" }
    }

    static let bounds: [BoundCase] = [
        BoundCase(calls: [:], limit: .rill, seconds: 0),
        BoundCase(calls: ["A": 180], limit: .rill, seconds: 0),
        BoundCase(calls: ["A": 183], limit: .rill, seconds: 1),
        // 6,180 calls, but limits are per method: the slowest method sets the bound, (4,000 − 180) / 3 s.
        BoundCase(calls: ["A": 4000, "B": 2000, "C": 180], limit: .rill, seconds: 3820.0 / 3),
        // Older servers: 60 a minute, burst 60.
        BoundCase(calls: ["A": 120], limit: APIRateLimit(requestsPerMinute: 60, burst: 60), seconds: 60),
        BoundCase(calls: ["A": 11], limit: APIRateLimit(requestsPerMinute: 120, burst: 1), seconds: 5),
    ]

    @Test("lower bound: max over methods of max(0, calls − burst) / rate", arguments: bounds)
    func lowerBound(_ testCase: BoundCase) {
        let budget = ApplyBudget(callsByMethod: testCase.calls, limit: testCase.limit)
        #expect(abs(budget.minimumSeconds - testCase.seconds) < 1e-9)
    }

    @Test("totals, the slowest method and the listing order")
    func totals() {
        let budget = ApplyBudget(callsByMethod: ["B": 4000, "A": 2000, "C": 180, "D": 0])
        #expect(budget.totalCalls == 6180)
        #expect(budget.slowestMethod == "B")
        #expect(budget.sortedMethods.map(\.method) == ["B", "A", "C"])
        #expect(ApplyBudget(callsByMethod: ["B": 5, "A": 5]).sortedMethods.map(\.method) == ["A", "B"])
        #expect(ApplyBudget(callsByMethod: [:]).slowestMethod == nil)
    }

    @Test("a planned org: budget from the planner's changes, carried in the plan's JSON with its limit")
    func planBudgetAndJSON() throws {
        let org = Fixture.org(
            projects: [DesiredProject(name: Fixture.located("p", 5), gitRemote: Fixture.located("https://github.com/a/p.git", 6),
                                      prodTtlSeconds: Fixture.located(3600, 7))],
            services: (0..<3).map { index in
                DesiredService(name: Fixture.located("s\(index)", 10 + index),
                               projectRoles: ["p": Fixture.located(.viewer, 20 + index), "q": Fixture.located(.editor, 30 + index)])
            })
        var plan = Fixture.plan(org, Fixture.liveOrg(projects: [LiveProject(id: "q1", name: "q")]))
        // One project create plus its TTL update; three service creates, each granting its first role ("p")
        // itself; three "q" grants.
        #expect(plan.budget.callsByMethod == Self.calls([
            "CreateProject": 1, "UpdateProject": 1, "CreateService": 3, "SetProjectMemberServiceRole": 3,
        ]))
        plan.apiRateLimit = APIRateLimit(requestsPerMinute: 60, burst: 2)
        #expect(plan.budget.minimumSeconds == 1)
        let data = try plan.jsonData()
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let budget = try #require(object["budget"] as? [String: Any])
        #expect(budget["calls"] as? Int == 8)
        #expect(budget["min_duration_seconds"] as? Double == 1)
        #expect(budget["slowest_method"] as? String == "AdminService_CreateService")
        #expect((budget["rate_limit"] as? [String: Int]) == ["requests_per_minute": 60, "burst": 2])
        #expect((budget["calls_by_method"] as? [String: Int])?["AdminService_CreateService"] == 3)
        let decoded = try Plan(jsonData: data)
        #expect(decoded.apiRateLimit == plan.apiRateLimit)
        #expect(decoded == plan)
    }
}
