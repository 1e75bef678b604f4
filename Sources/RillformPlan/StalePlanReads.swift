import RillformModel

/// The live objects `apply plan.json` re-reads to check a saved plan's fingerprints (pure: the CLI does the
/// reading): every org a change is in, each touched project and service by its live name (the old name when the
/// plan renames it), the deployments of projects with deployment changes and the tokens of services with token
/// changes. Each object once, in the order the changes first touch it. The plan's live names are indexed once, so
/// this is linear in the changes (a scan of the changes per lookup made 9,000 changes quadratic).
public struct StalePlanReads: Sendable, Hashable {
    /// A project or service of an org, by live name.
    public struct Object: Sendable, Hashable {
        public var org: String
        public var name: String

        public init(org: String, name: String) {
            self.org = org
            self.name = name
        }
    }

    /// Orgs to read, sorted.
    public var orgs: [String]
    /// Projects to read.
    public var projects: [Object] = []
    /// Projects whose deployments to list (each is also in `projects`).
    public var deploymentsOf: [Object] = []
    /// Services to read.
    public var services: [Object] = []
    /// Services whose tokens to list (each is also in `services`).
    public var tokensOf: [Object] = []
    /// Orgs whose people to list (members and invites, usergroups with their members and project roles, allowed
    /// domains).
    public var peopleOf: [String] = []
    /// Projects whose members, invites and allowed domains to list (each is also in `projects`).
    public var projectPeopleOf: [Object] = []

    /// The reads for `plan`'s changes.
    public init(plan: Plan) {
        self.init(changes: plan.changes)
    }

    /// The reads for these changes.
    public init(changes: [ResourceChange]) {
        orgs = Set(changes.map(\.address.org)).sorted()
        let names = PlanFingerprints.LiveNames(changes)
        var seen = Seen()
        for change in changes {
            let address = change.address
            let org = address.org
            switch change.kind {
            case .org:
                break
            case .project:
                seen.add(Object(org: org, name: change.live?.name ?? address.name), to: &projects, in: \.projects)
            case .deployment:
                let project = Object(org: org, name: names.liveName(of: .project(org, address.project ?? "")))
                seen.add(project, to: &projects, in: \.projects)
                seen.add(project, to: &deploymentsOf, in: \.deployments)
            case .service:
                seen.add(Object(org: org, name: change.live?.name ?? address.name), to: &services, in: \.services)
            case .serviceProjectRole:
                seen.add(Object(org: org, name: names.liveName(of: .service(org, address.service ?? ""))),
                         to: &services, in: \.services)
            case .serviceToken:
                let service = Object(org: org, name: names.liveName(of: .service(org, address.service ?? "")))
                seen.add(service, to: &services, in: \.services)
                seen.add(service, to: &tokensOf, in: \.tokens)
            case .member, .usergroup, .usergroupMember, .usergroupProjectRole, .allowedDomain:
                if seen.orgPeople.insert(org).inserted { peopleOf.append(org) }
                if change.kind == .usergroupProjectRole {
                    // Group project roles are listed per project.
                    let project = Object(org: org, name: names.liveName(of: .project(org, address.project ?? "")))
                    seen.add(project, to: &projects, in: \.projects)
                    seen.add(project, to: &projectPeopleOf, in: \.projectPeople)
                }
            case .projectMember, .projectAllowedDomain:
                let project = Object(org: org, name: names.liveName(of: .project(org, address.project ?? "")))
                seen.add(project, to: &projects, in: \.projects)
                seen.add(project, to: &projectPeopleOf, in: \.projectPeople)
            }
        }
    }

    /// What each list already holds, so that appending stays constant time.
    private struct Seen {
        var projects: Set<Object> = []
        var deployments: Set<Object> = []
        var services: Set<Object> = []
        var tokens: Set<Object> = []
        var projectPeople: Set<Object> = []
        var orgPeople: Set<String> = []

        mutating func add(_ object: Object, to list: inout [Object], in set: WritableKeyPath<Seen, Set<Object>>) {
            if self[keyPath: set].insert(object).inserted { list.append(object) }
        }
    }
}
