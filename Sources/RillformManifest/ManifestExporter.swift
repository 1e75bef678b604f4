import RillformModel

/// Turns live state into a manifest a team can commit: `rillform export`. Pure: values in, YAML text out.
///
/// The output loads with ``ManifestLoader`` into a desired state that plans to **no changes** against the live state
/// it came from. Rules:
/// - Deterministic: orgs, projects and services sorted by name; map keys sorted.
/// - Only values that say something: empty strings, `false`, `0` and Rill's defaults are left out (a key that is
///   absent is not managed, so leaving a default out never causes a change). Per field:
///   - org: `display_name`, `description`, `billing_email`, `default_project_role` when not empty.
///   - project: `description`, `git_remote`, `subpath`, `provisioner` when not empty; `public` only when true;
///     `primary_branch` unless empty or `main` (Rill's default for a git project); `prod_slots` unless 0 or 2
///     (Rill's default); `prod_version` unless empty or `latest` (Rill's default); `prod_ttl_seconds` unless it is
///     Rill's default for the project (14 days when private, 0 when public).
///   - deployments: listed (`deployments: []` when there are none), so the export manages them; `state` when live
///     status maps to running/stopped; dev deployments with `branch` and `editable: true` when editable. A managed
///     list is authoritative, so when some live deployment cannot be declared (no branch, a duplicate) the list is
///     left out (unmanaged) with a comment saying why.
///   - services: `org_role` when set; `project_roles` and `attributes` when not empty (`project_roles` left out,
///     with a comment, when a role is on a project that cannot be exported).
///   - people (only lists that were read and are not empty; see `ManifestExporter+People.swift`): org `members`
///     with `org_role` and non-empty `attributes` (pending invites marked `# pending invite`, no attributes);
///     non-managed `usergroups` with `description`, `org_role`, `members`, `project_roles`, managed ones only when
///     they have project roles; `allowed_domains`; per project `members` (`role`, `restrict_resources: true`,
///     `resources`) and `allowed_domains`.
/// - Values rillform cannot manage are written as comments, never dropped silently: token secrets, a git remote
///   or billing email the manifest rules refuse, a custom default role, branchless or duplicate deployments,
///   services without any role, names Rill's rules refuse.
/// - Strings are quoted when plain YAML would read them as something else, and every `$` is written as `$$`
///   (the loader's `${VAR}` interpolation reads it back as one `$`).
public enum ManifestExporter {
    public struct Options: Sendable, Hashable {
        /// What the `# yaml-language-server: $schema=` comment points at.
        public var schemaReference: String
        /// Extra comment lines under the header (e.g. the command that produced the file).
        public var headerComments: [String]

        public init(schemaReference: String = "rillform.schema.json", headerComments: [String] = []) {
            self.schemaReference = schemaReference
            self.headerComments = headerComments
        }
    }

    /// Rill's server-side prod TTL for a new private project (public ones get none).
    static let defaultPrivateProdTTLSeconds = 14 * 24 * 3600

    /// What the export does with one live field value.
    enum ExportRule {
        /// Written unless it is the field's unset value or one of these (Rill's defaults).
        case unlessDefault([FieldValue])

        /// The usual rule: written unless unset or one of the field's server defaults.
        static func usual<Field: ManagedField>(_ field: Field) -> ExportRule { .unlessDefault(field.serverDefaults) }
        /// Written as is, with a trailing comment when `note` is given.
        case always(note: String?)
        /// Written as a comment saying why it is not managed.
        case comment(String)
    }

    /// Writes one managed field by its type: strings quoted as needed, objects as nested YAML.
    static func writeField<Field: ManagedField>(_ field: Field, _ value: FieldValue?, rule: ExportRule,
                                                into writer: inout ManifestYAMLWriter) {
        guard let value else { return }
        let key = field.manifestKey
        switch rule {
        case .comment(let why):
            writer.comment("\(key): \(value.stringValue.map(ManifestYAMLWriter.scalar) ?? value.json.description) (\(why))")
            return
        case .unlessDefault(let defaults):
            if value == field.unsetValue || defaults.contains(value) { return }
        case .always:
            break
        }
        var note = ""
        if case .always(let text?) = rule { note = "  # \(text)" }
        switch value {
        case .string(let text): writer.line("\(key): \(ManifestYAMLWriter.scalar(text))\(note)")
        case .bool(let flag): writer.line("\(key): \(flag)\(note)")
        case .integer(let number): writer.line("\(key): \(number)\(note)")
        case .object(let members):
            writer.line("\(key):")
            writer.indent += 2
            writer.jsonMembers(members)
            writer.indent -= 2
        case .list(let items):
            writer.line("\(key): [\(items.map(ManifestYAMLWriter.scalar).joined(separator: ", "))]\(note)")
        }
    }

    /// Org settings: a custom default role or an email the manifest rules refuse is a comment.
    static func orgExportRule(_ field: OrgField, _ org: LiveOrg) -> ExportRule {
        switch field {
        case .defaultProjectRole:
            ProjectRole(rawValue: org.defaultProjectRole) != nil || org.defaultProjectRole.isEmpty
                ? .unlessDefault([])
                : .comment("a custom role; rillform manages only admin, editor and viewer")
        case .billingEmail:
            NameRules.isEmail(org.billingEmail) || org.billingEmail.isEmpty
                ? .unlessDefault([]) : .comment("not an email address rillform accepts; not managed")
        default: .usual(field)
        }
    }

    /// Project settings: Rill's server-side defaults are left out.
    static func projectExportRule(_ field: ProjectField, _ project: LiveProject) -> ExportRule {
        let hasGitRemote = NameRules.isGitRemote(project.gitRemote)
        switch field {
        case .gitRemote:
            return hasGitRemote || project.gitRemote.isEmpty
                ? .unlessDefault([]) : .comment("not an HTTPS GitHub remote; rillform cannot manage it")
        case .primaryBranch:
            // RF155: required with git_remote; otherwise `main` is Rill's default for a git project.
            return hasGitRemote ? .unlessDefault([]) : .usual(field)
        case .prodTtlSeconds:
            // Rill's default depends on visibility: 14 days when private, none when public.
            let defaultTTL = project.isPublic ? 0 : defaultPrivateProdTTLSeconds
            if project.prodTtlSeconds == defaultTTL { return .unlessDefault([.integer(defaultTTL)]) }
            return .always(note: project.prodTtlSeconds == 0 ? "no expiry" : nil)
        default: return .usual(field)
        }
    }

    /// One YAML document declaring `orgs` (sorted by name).
    public static func export(_ orgs: [LiveOrg], options: Options = Options()) -> String {
        var writer = ManifestYAMLWriter()
        writer.comment("yaml-language-server: $schema=\(options.schemaReference)")
        writer.comment("Exported from live state by `rillform export`. Review it, then commit it: every key below is")
        writer.comment("managed once applied; keys left out (Rill's defaults) are not managed.")
        for line in options.headerComments { writer.comment(line) }
        writer.line("apiVersion: \(ManifestLoader.apiVersion)")
        writer.blank()
        if orgs.isEmpty {
            writer.line("orgs: []")
            return writer.text
        }
        writer.line("orgs:")
        for org in orgs.sorted(by: { $0.name < $1.name }) {
            writeOrg(org, into: &writer)
        }
        return writer.text
    }

    private static func writeOrg(_ org: LiveOrg, into writer: inout ManifestYAMLWriter) {
        writer.indent = 2
        writer.line("- name: \(ManifestYAMLWriter.scalar(org.name))")
        writer.indent = 4
        for field in OrgField.allCases {
            writeField(field, org.managed.value(field), rule: orgExportRule(field, org), into: &writer)
        }
        let projects = org.projects.values.sorted { $0.name < $1.name }
        let exportable = projects.filter { NameRules.nameProblem($0.name) == nil }
        let projectNames = Set(exportable.map(\.name))
        let orgMembers = writeOrgPeople(org, projects: projectNames, into: &writer)
        writer.indent = 4
        for project in projects where NameRules.nameProblem(project.name) != nil {
            writer.comment("project \(ManifestYAMLWriter.scalar(project.name)): its name breaks Rill's naming rules; not exported")
        }
        if !exportable.isEmpty {
            writer.blank()
            writer.line("projects:")
            for project in exportable {
                writer.indent = 6
                writeProject(project, orgMembers: orgMembers, into: &writer)
            }
        }
        writer.indent = 4
        let services = org.services.values.sorted { $0.name < $1.name }
        var written: [LiveService] = []
        for service in services {
            if NameRules.nameProblem(service.name) != nil {
                writer.comment("service \(ManifestYAMLWriter.scalar(service.name)): its name breaks Rill's naming rules; not exported")
            } else if service.orgRole == nil
                && (service.projectRoles.isEmpty || !service.projectRoles.keys.allSatisfy(projectNames.contains)) {
                writer.comment("service \(ManifestYAMLWriter.scalar(service.name)): has no role, which a manifest cannot "
                    + "declare (Rill creates services only with a role); not exported")
            } else {
                written.append(service)
            }
        }
        if !written.isEmpty {
            writer.blank()
            writer.line("services:")
            for service in written {
                writer.indent = 6
                writeService(service, projects: projectNames, into: &writer)
            }
        }
        writer.blank()
    }

    private static func writeProject(_ project: LiveProject, orgMembers: Set<String>?,
                                     into writer: inout ManifestYAMLWriter) {
        writer.line("- name: \(ManifestYAMLWriter.scalar(project.name))")
        writer.indent += 2
        for field in ProjectField.allCases {
            writeField(field, project.managed.value(field), rule: projectExportRule(field, project), into: &writer)
        }
        if NameRules.isGitRemote(project.gitRemote) {
            writeDeployments(project.activeDeployments, into: &writer)
        } else {
            // RF154: a manifest may declare deployments only for a git project (archives come from `rill deploy`).
            writer.comment("deployments: not managed (the project has no git remote; it is deployed from an archive "
                + "or not at all)")
        }
        writeProjectPeople(project, orgMembers: orgMembers, into: &writer)
        writer.indent -= 2
    }

    /// The deployments, keyed as the planner keys them: prod, then dev by branch; one per key.
    private static func writeDeployments(_ deployments: [LiveDeployment], into writer: inout ManifestYAMLWriter) {
        guard !deployments.isEmpty else {
            writer.line("deployments: []")
            return
        }
        var seen: Set<String> = []
        var entries: [(key: String, deployment: LiveDeployment)] = []
        var skipped: [String] = []
        for deployment in deployments.sorted(by: { $0.id < $1.id }) {
            let isProd = deployment.environment == DeploymentEnvironment.prod.rawValue
            guard isProd || deployment.environment == DeploymentEnvironment.dev.rawValue else {
                skipped.append("deployment \(deployment.id): unknown environment \(ManifestYAMLWriter.scalar(deployment.environment))")
                continue
            }
            if !isProd && deployment.branch.isEmpty {
                skipped.append("dev deployment \(deployment.id) has no branch, which a manifest cannot declare")
                continue
            }
            let key = isProd ? "prod" : "dev@\(deployment.branch)"
            guard seen.insert(key).inserted else {
                skipped.append("deployment \(deployment.id) is a second \(key) deployment; only the first is declared")
                continue
            }
            entries.append((key, deployment))
        }
        // A managed list is authoritative (apply deletes live deployments it does not name), so a project with a
        // deployment the manifest cannot name leaves its deployments unmanaged rather than have them deleted.
        guard skipped.isEmpty else {
            writer.comment("deployments: not managed, because a live deployment cannot be declared:")
            for note in skipped { writer.comment("  \(note)") }
            return
        }
        entries.sort { ($0.key == "prod" ? "" : $0.key) < ($1.key == "prod" ? "" : $1.key) }
        writer.line(entries.isEmpty ? "deployments: []" : "deployments:")
        writer.indent += 2
        defer { writer.indent -= 2 }
        for (_, deployment) in entries {
            writer.line("- environment: \(deployment.environment)")
            writer.indent += 2
            if deployment.environment == DeploymentEnvironment.dev.rawValue {
                writer.stringField("branch", deployment.branch)
                if deployment.editable { writer.line("editable: true") }
            }
            if let state = deployment.state {
                writer.line("state: \(state.rawValue)")
            } else {
                writer.comment("state: live status \(deployment.status) is neither running nor stopped; not managed")
            }
            writer.indent -= 2
        }
    }

    private static func writeService(_ service: LiveService, projects: Set<String>,
                                     into writer: inout ManifestYAMLWriter) {
        writer.line("- name: \(ManifestYAMLWriter.scalar(service.name))")
        writer.indent += 2
        // org_role first and project_roles before the other fields: the order people read a service in.
        writeField(ServiceField.orgRole, service.managed.value(.orgRole), rule: .usual(ServiceField.orgRole),
                   into: &writer)
        let roles = service.projectRoles.filter { projects.contains($0.key) }
        let unexported = service.projectRoles.keys.filter { !projects.contains($0) }.sorted()
        // A managed map is authoritative: with a role the export cannot name, the map stays unmanaged.
        if !unexported.isEmpty {
            writer.comment("project_roles: not managed, because roles on projects that are not exported cannot be "
                + "declared: " + unexported.map(ManifestYAMLWriter.scalar).joined(separator: ", "))
        } else if !roles.isEmpty {
            writer.line("project_roles:")
            writer.indent += 2
            for project in roles.keys.sorted() {
                guard let role = roles[project] else { continue }
                writer.line("\(ManifestYAMLWriter.key(project)): \(role.rawValue)")
            }
            writer.indent -= 2
        }
        for field in ServiceField.allCases where field != .orgRole {
            writeField(field, service.managed.value(field), rule: .usual(field), into: &writer)
        }
        if !service.tokens.isEmpty {
            writer.comment("tokens: \(service.tokens.count) live token(s); secrets cannot be exported. Add a token policy "
                + "(tokens: {ensure: true, rotate_after_days: 90}) if rillform should manage them.")
        }
        writer.indent -= 2
    }
}
