import Foundation
import RillformModel
import Testing
@testable import RillformPlan

@Suite("Guard: saved-plan fingerprints and staleness")
struct GuardStalePlanTests {
    private let updated = Date(timeIntervalSince1970: 1_790_000_000.123)

    private func liveState(description: String = "old", updatedOn: Date? = nil, extraProject: Bool = false) -> LiveState {
        var projects = [LiveProject(id: "p1", name: "sales", description: description, updatedOn: updatedOn ?? updated)]
        if extraProject { projects.append(LiveProject(id: "p2", name: "hr")) }
        return LiveState(orgs: ["acme": Fixture.liveOrg(projects: projects)])
    }

    private var desired: DesiredState {
        DesiredState(orgs: [Fixture.org(projects: [
            DesiredProject(name: Fixture.located("sales", 10), description: Fixture.located("new", 11)),
            DesiredProject(name: Fixture.located("hr", 12)),
        ])])
    }

    @Test("the planner fingerprints updates (exists, updated_on, field hashes) and creates (absent)")
    func planRecordsFingerprints() throws {
        let plan = Planner.plan(desired: desired, live: liveState(), options: Fixture.options())
        let update = try #require(plan.change("project.acme/sales")?.fingerprint)
        #expect(update.exists)
        #expect(update.updatedOn == updated)
        #expect(update.fields["description"]?.count == 16)
        #expect(plan.change("project.acme/hr")?.fingerprint == .absent)
    }

    @Test("an unchanged live state is not stale, also after a JSON round trip (milliseconds)")
    func freshPlan() throws {
        let plan = try Plan(jsonData: try Planner.plan(desired: desired, live: liveState(), options: Fixture.options()).jsonData())
        #expect(StalePlanCheck.staleResources(in: plan, current: liveState()).isEmpty)
        #expect(StalePlanCheck.unverifiable(plan).isEmpty)
    }

    @Test("a moved field is named; a create whose object now exists is stale; a deleted object is stale")
    func stalePlan() throws {
        let plan = Planner.plan(desired: desired, live: liveState(), options: Fixture.options())
        let moved = liveState(description: "edited by hand", updatedOn: updated.addingTimeInterval(60), extraProject: true)
        let stale = StalePlanCheck.staleResources(in: plan, current: moved)
        #expect(stale.map(\.description) == [
            "project.acme/hr: exists now (created outside this plan)",
            "project.acme/sales: description, updated_on changed",
        ])
        let gone = LiveState(orgs: ["acme": Fixture.liveOrg()])
        #expect(StalePlanCheck.staleResources(in: plan, current: gone).map(\.description) == [
            "project.acme/sales: no longer exists (deleted outside this plan)"])
    }

    @Test("fingerprints and origin are extra keys: a 1.0 plan without them still reads, and is reported unverifiable")
    func backwardCompatible() throws {
        var plan = Planner.plan(desired: desired, live: liveState(), options: Fixture.options())
        plan.origin = PlanOrigin(apiURL: "https://admin.rilldata.com", local: false, manifestDigest: "sha256:ab")
        let text = String(decoding: try plan.jsonData(), as: UTF8.self)
        #expect(text.contains("\"fingerprint\""))
        #expect(text.contains("\"manifest_digest\" : \"sha256:ab\""))
        #expect(try Plan(jsonData: Data(text.utf8)).origin == plan.origin)

        var old = plan
        old.origin = nil
        for index in old.changes.indices { old.changes[index].fingerprint = nil }
        let oldText = String(decoding: try old.jsonData(), as: UTF8.self)
        #expect(!oldText.contains("fingerprint") && !oldText.contains("origin"))
        let reread = try Plan(jsonData: Data(oldText.utf8))
        #expect(StalePlanCheck.unverifiable(reread).count == reread.changes.count)
    }

    @Test("origin: another API URL or --local vs not is a mismatch; case and trailing slash are not")
    func originMismatch() {
        let remote = PlanOrigin(apiURL: "https://admin.rilldata.com/", local: false, manifestDigest: nil)
        #expect(remote.mismatch(with: PlanOrigin(apiURL: "https://ADMIN.rilldata.com", local: false, manifestDigest: "x")) == nil)
        #expect(remote.mismatch(with: PlanOrigin(apiURL: "http://127.0.0.1:9", local: false, manifestDigest: nil)) != nil)
        #expect(remote.mismatch(with: PlanOrigin(apiURL: nil, local: true, manifestDigest: nil)) != nil)
    }

    @Test("SHA-256 matches the FIPS 180-4 test vectors")
    func sha256() {
        #expect(ContentDigest.sha256Hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(ContentDigest.sha256Hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(ContentDigest.sha256Hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")
            == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    }
}
