import Foundation
import RillformModel

/// A generated manifest of a given size and the live state that matches it exactly, from the same numbers.
///
/// Shape: one org; `projects` projects each with one running prod deployment; `services` services, each with
/// `rolesPerService` project roles on consecutive projects (viewer/editor alternating).
struct ScaleManifest: Sendable {
    var org = "bench"
    var projects: Int
    var services: Int
    var rolesPerService: Int
    /// The matrix's 10% change set: when above 0, every `changeEvery`-th project gets a description and every
    /// `changeEvery`-th service has its project roles flipped (viewer ↔ editor) in `yaml`. `liveState` ignores it.
    var changeEvery = 0

    /// This shape `factor` times larger (projects and services; roles per service stay).
    func scaled(by factor: Int) -> ScaleManifest {
        ScaleManifest(org: org, projects: projects * factor, services: services * factor, rolesPerService: rolesPerService)
    }

    /// Changes `yaml` makes against the live state of the unchanged manifest: project descriptions plus role flips.
    var changeCount: Int {
        guard changeEvery > 0 else { return 0 }
        let changedProjects = (projects + changeEvery - 1) / changeEvery
        let changedServices = (services + changeEvery - 1) / changeEvery
        return changedProjects + changedServices * min(rolesPerService, projects)
    }

    private func isChanged(_ index: Int) -> Bool { changeEvery > 0 && index % changeEvery == 0 }
    /// Resources the manifest declares: org + projects + deployments + services + service project roles.
    var resourceCount: Int { 1 + projects * 2 + services + services * rolesPerService }

    func projectName(_ index: Int) -> String { "p\(String(format: "%05d", index))" }
    func serviceName(_ index: Int) -> String { "s\(String(format: "%05d", index))" }

    /// The project roles of service `index`: project name → role.
    func roles(ofService index: Int) -> [(project: String, role: ProjectRole)] {
        guard projects > 0 else { return [] }
        return (0..<min(rolesPerService, projects)).map { offset in
            (projectName((index + offset) % projects), offset % 2 == 0 ? .viewer : .editor)
        }
    }

    /// The manifest as YAML text.
    var yaml: String {
        var text = "apiVersion: rillform/v1\norgs:\n  - name: \(org)\n    projects:\n"
        text.reserveCapacity(resourceCount * 60)
        for index in 0..<projects {
            text += "      - name: \(projectName(index))\n"
            text += "        git_remote: https://github.com/\(org)/\(projectName(index)).git\n        primary_branch: main\n"
            if isChanged(index) { text += "        description: changed by the bench\n" }
            text += "        deployments:\n"
            text += "          - environment: prod\n            state: running\n"
        }
        text += services == 0 ? "    services: []\n" : "    services:\n"
        for index in 0..<services {
            text += "      - name: \(serviceName(index))\n"
            let roles = roles(ofService: index)
            if roles.isEmpty { continue }
            text += "        project_roles:\n"
            for (project, role) in roles {
                let written = isChanged(index) ? (role == .viewer ? ProjectRole.editor : .viewer) : role
                text += "          \(project): \(written.rawValue)\n"
            }
        }
        return text
    }

    /// The live state an emulator holds after applying `yaml` (ids are synthetic).
    var liveState: LiveState {
        var org = LiveOrg(id: "org-\(self.org)", name: self.org)
        for index in 0..<projects {
            let name = projectName(index)
            org.projects[name] = LiveProject(
                id: "proj-\(index)", name: name, gitRemote: "https://github.com/\(self.org)/\(name).git",
                primaryBranch: "main", prodSlots: 2, primaryDeploymentId: "dep-\(index)",
                deployments: [LiveDeployment(id: "dep-\(index)", environment: "prod")])
        }
        for index in 0..<services {
            let name = serviceName(index)
            var roles: [String: ProjectRole] = [:]
            for (project, role) in self.roles(ofService: index) { roles[project] = role }
            org.services[name] = LiveService(id: "svc-\(index)", name: name, projectRoles: roles)
        }
        return LiveState(orgs: [self.org: org])
    }
}
