import RillformModel

/// People in an export: only lists that were read (live value non-nil) and have entries. Org `members` and
/// `usergroups` cover the entries they name (others go only with prune), so a person or group the manifest cannot
/// declare is left out with a comment. The other lists are authoritative (apply removes what they leave out), so when
/// one entry cannot be declared the whole list is left unmanaged, with a comment saying why.
extension ManifestExporter {
    /// Writes `members`, `usergroups` and `allowed_domains`; returns the emails written under `members`, or nil when
    /// the org's members are not declared (then nothing else needs to be among them, RF165).
    static func writeOrgPeople(_ org: LiveOrg, projects: Set<String>, into writer: inout ManifestYAMLWriter)
        -> Set<String>?
    {
        let declared = org.members.flatMap { writeMembers($0, into: &writer) }
        if let usergroups = org.usergroups {
            writeUsergroups(usergroups, projects: projects, orgMembers: declared, into: &writer)
        }
        if let domains = org.allowedDomains, !domains.isEmpty {
            let entries = domains.values.sorted { $0.domain < $1.domain }
            let problems = entries.compactMap { domainProblem($0.domain, hasRole: $0.orgRole != nil) }
            writer.blank()
            writeList("allowed_domains", problems: problems, into: &writer) { writer in
                for domain in entries {
                    writer.line("- domain: \(ManifestYAMLWriter.scalar(domain.domain))")
                    writer.indent += 2
                    writeField(AllowedDomainField.orgRole, domain.managed.value(.orgRole),
                               rule: .usual(AllowedDomainField.orgRole), into: &writer)
                    writer.indent -= 2
                }
            }
        }
        return declared
    }

    /// A project's `members` and `allowed_domains`.
    static func writeProjectPeople(_ project: LiveProject, orgMembers: Set<String>?,
                                   into writer: inout ManifestYAMLWriter) {
        if let members = project.members, !members.isEmpty {
            let entries = members.values.sorted { $0.email < $1.email }
            let problems = entries.compactMap { member in
                personProblem(member.email, hasRole: member.role != nil, orgMembers: orgMembers)
                    ?? resourcesProblem(member)
            }
            writeList("members", problems: problems, into: &writer) { writer in
                for member in entries {
                    writer.line("- email: \(ManifestYAMLWriter.scalar(member.email))"
                        + (member.isPendingInvite ? "  # pending invite" : ""))
                    writer.indent += 2
                    for field in ProjectMemberField.allCases {
                        writeField(field, member.managed.value(field), rule: .usual(field), into: &writer)
                    }
                    writer.indent -= 2
                }
            }
        }
        if let domains = project.allowedDomains, !domains.isEmpty {
            let entries = domains.values.sorted { $0.domain < $1.domain }
            let problems = entries.compactMap { domainProblem($0.domain, hasRole: $0.role != nil) }
            writeList("allowed_domains", problems: problems, into: &writer) { writer in
                for domain in entries {
                    writer.line("- domain: \(ManifestYAMLWriter.scalar(domain.domain))")
                    writer.indent += 2
                    writeField(ProjectAllowedDomainField.role, domain.managed.value(.role),
                               rule: .usual(ProjectAllowedDomainField.role), into: &writer)
                    writer.indent -= 2
                }
            }
        }
    }

    /// Org members and pending invites (marked `# pending invite`; invites have no attributes). Returns the emails
    /// written, nil when none was.
    private static func writeMembers(_ members: [String: LiveMember], into writer: inout ManifestYAMLWriter)
        -> Set<String>?
    {
        var written: Set<String> = []
        var lines = ManifestYAMLWriter()
        lines.indent = writer.indent + 2
        for member in members.values.sorted(by: { $0.email < $1.email }) {
            if let problem = personProblem(member.email, hasRole: member.orgRole != nil, orgMembers: nil) {
                lines.comment("member \(ManifestYAMLWriter.scalar(member.email)): \(problem); not exported")
                continue
            }
            written.insert(member.email)
            lines.line("- email: \(ManifestYAMLWriter.scalar(member.email))"
                + (member.isPendingInvite ? "  # pending invite" : ""))
            lines.indent += 2
            writeField(MemberField.orgRole, member.managed.value(.orgRole), rule: .usual(MemberField.orgRole),
                       into: &lines)
            if !member.isPendingInvite {
                writeField(MemberField.attributes, member.managed.value(.attributes),
                           rule: .usual(MemberField.attributes), into: &lines)
            }
            lines.indent -= 2
        }
        guard !lines.text.isEmpty else { return nil }
        writer.blank()
        if !written.isEmpty { writer.line("members:") }
        writer.append(lines)
        return written.isEmpty ? nil : written
    }

    private static func writeUsergroups(_ usergroups: [String: LiveUsergroup], projects: Set<String>,
                                        orgMembers: Set<String>?, into writer: inout ManifestYAMLWriter) {
        var lines = ManifestYAMLWriter()
        lines.indent = writer.indent + 2
        var declaresAny = false
        for group in usergroups.values.sorted(by: { $0.name < $1.name }) {
            let roles = group.projectRoles ?? [:]
            let unexported = roles.keys.filter { !projects.contains($0) }.sorted()
            if group.isManaged {
                // Rill keeps these groups itself: only their project roles can be declared.
                guard !roles.isEmpty else { continue }
                guard unexported.isEmpty else {
                    lines.comment("usergroup \(ManifestYAMLWriter.scalar(group.name)): its project roles are not "
                        + "managed, because roles on projects that are not exported cannot be declared: "
                        + unexported.map(ManifestYAMLWriter.scalar).joined(separator: ", "))
                    continue
                }
            } else if NameRules.nameProblem(group.name) != nil {
                lines.comment("usergroup \(ManifestYAMLWriter.scalar(group.name)): its name breaks Rill's naming "
                    + "rules; not exported")
                continue
            }
            declaresAny = true
            lines.line("- name: \(ManifestYAMLWriter.scalar(group.name))")
            lines.indent += 2
            if !group.isManaged {
                for field in UsergroupField.allCases {
                    writeField(field, group.managed.value(field), rule: .usual(field), into: &lines)
                }
                writeGroupMembers(group.members ?? [], orgMembers: orgMembers, into: &lines)
            }
            if !unexported.isEmpty {
                lines.comment("project_roles: not managed, because roles on projects that are not exported cannot "
                    + "be declared: " + unexported.map(ManifestYAMLWriter.scalar).joined(separator: ", "))
            } else if !roles.isEmpty {
                lines.line("project_roles:")
                lines.indent += 2
                for (project, role) in roles.sorted(by: { $0.key < $1.key }) {
                    lines.line("\(ManifestYAMLWriter.key(project)): \(role.rawValue)")
                }
                lines.indent -= 2
            }
            lines.indent -= 2
        }
        guard !lines.text.isEmpty else { return }
        writer.blank()
        if declaresAny { writer.line("usergroups:") }
        writer.append(lines)
    }

    /// A group's members as a flow list; left unmanaged when one of them is not among the org's declared members.
    private static func writeGroupMembers(_ emails: [String], orgMembers: Set<String>?,
                                          into writer: inout ManifestYAMLWriter) {
        guard !emails.isEmpty else { return }
        let sorted = emails.sorted()
        let problems = sorted.compactMap { personProblem($0, hasRole: true, orgMembers: orgMembers) }
        guard problems.isEmpty else {
            writer.comment("members: not managed, because a member cannot be declared: "
                + problems.joined(separator: "; "))
            return
        }
        writer.line("members: [\(sorted.map(ManifestYAMLWriter.scalar).joined(separator: ", "))]")
    }

    /// An authoritative list: written, or (when some entry cannot be declared) a comment naming the reasons.
    private static func writeList(_ key: String, problems: [String], into writer: inout ManifestYAMLWriter,
                                  entries: (inout ManifestYAMLWriter) -> Void) {
        guard problems.isEmpty else {
            writer.comment("\(key): not managed, because an entry cannot be declared:")
            for problem in problems { writer.comment("  \(problem)") }
            return
        }
        writer.line("\(key):")
        writer.indent += 2
        entries(&writer)
        writer.indent -= 2
    }

    /// Why a person cannot be declared, or nil.
    private static func personProblem(_ email: String, hasRole: Bool, orgMembers: Set<String>?) -> String? {
        let shown = ManifestYAMLWriter.scalar(email)
        if !NameRules.isEmail(email) { return "\(shown) is not an email address rillform accepts" }
        if !hasRole { return "\(shown) has no role rillform knows" }
        if let orgMembers, !orgMembers.contains(email) { return "\(shown) is not among the org's exported members" }
        return nil
    }

    private static func resourcesProblem(_ member: LiveProjectMember) -> String? {
        let invalid = member.managed.list(.resources).filter { resource in
            let parts = resource.split(separator: "/", omittingEmptySubsequences: false)
            return parts.count != 2 || ProjectMemberField.resourceKinds[String(parts[0])] == nil || parts[1].isEmpty
        }
        guard let first = invalid.first else { return nil }
        return "\(ManifestYAMLWriter.scalar(member.email)) is restricted to \(ManifestYAMLWriter.scalar(first)), "
            + "which is neither an explore nor a canvas"
    }

    /// Why a domain cannot be declared (the reader would refuse it), or nil.
    private static func domainProblem(_ domain: String, hasRole: Bool) -> String? {
        let shown = ManifestYAMLWriter.scalar(domain)
        if !NameRules.isDomain(domain) { return "\(shown) is not a domain name rillform accepts" }
        if NameRules.publicEmailDomains.contains(domain) { return "\(shown) is a public email provider" }
        if !hasRole { return "\(shown) has no role rillform knows" }
        return nil
    }
}
