extension DiagnosticCode {
    /// What the registry records for one code. Summaries are Markdown-safe one-liners without `|` (they form a
    /// README table row); help says what to do.
    struct Entry: Sendable {
        var severity: Diagnostic.Severity
        var name: String
        var summary: String
        var help: String

        init(_ severity: Diagnostic.Severity, _ name: String, _ summary: String, help: String) {
            self.severity = severity
            self.name = name
            self.summary = summary
            self.help = help
        }
    }

    /// The registry: one entry per code. Adding a case without an entry does not compile.
    var entry: Entry {
        switch self {
        // Manifest (RF1xx)
        case .yamlSyntax:
            Entry(.error, "yaml-syntax", "YAML syntax error (including an alias to an undefined anchor)",
                  help: "Fix the YAML at the reported position; an alias (*name) needs an anchor (&name) before it.")
        case .duplicateKey:
            Entry(.error, "duplicate-key",
                  "A mapping key appears twice in the same mapping (reported at the second occurrence, naming the first)",
                  help: "Remove one of the two keys; YAML would otherwise silently keep only one value.")
        case .aliasBomb:
            Entry(.error, "alias-bomb",
                  "Aliases expand to more than 100,000 nodes (alias bomb) or nesting is deeper than 256 levels",
                  help: "Write the repeated content out, or use fewer levels of aliases and nesting.")
        case .unsupportedYAML:
            Entry(.error, "unsupported-yaml", "Unsupported YAML: non-string mapping keys",
                  help: "Use plain string keys (quote keys such as `1` or `yes`).")
        case .apiVersionMissing:
            Entry(.error, "api-version-missing", "`apiVersion` is missing",
                  help: "Start every manifest document with `apiVersion: rillform/v1`.")
        case .apiVersionUnsupported:
            Entry(.error, "api-version-unsupported", "`apiVersion` is not `rillform/v1`",
                  help: "Set `apiVersion: rillform/v1`, the only version this rillform reads.")
        case .unknownKey:
            Entry(.error, "unknown-key", "Unknown key (with a did-you-mean suggestion)",
                  help: "Fix the spelling (see the suggestion) or remove the key; the README lists every key.")
        case .wrongType:
            Entry(.error, "wrong-type",
                  "Wrong type (e.g. an integer where a string is required, `\"yes\"` where a boolean is)",
                  help: "Give a value of the type the README's manifest reference names; quote strings that look like numbers.")
        case .missingRequired:
            Entry(.error, "missing-required", "A required key is missing",
                  help: "Add the key named in the message.")
        case .invalidValue:
            Entry(.error, "invalid-value",
                  "A value is not one of the allowed values (deployment `environment` or `state`, empty `branch`, a `resources` entry that is not `explore/NAME` or `canvas/NAME`, `restrict_resources: false` with `resources`)",
                  help: "Use one of the values the message lists.")
        case .unknownRole:
            Entry(.error, "unknown-role", "Unknown role name",
                  help: "Use a role Rill knows (admin, editor, viewer, guest for orgs; admin, editor, viewer for projects).")
        case .invalidName:
            Entry(.error, "invalid-name",
                  "A name Rill would reject (org, project, service, `previously`, `project_roles` key)",
                  help: "Use letters, digits, `-` and `_` only, as Rill requires.")
        case .invalidGitRemote:
            Entry(.error, "invalid-git-remote", "`git_remote` is not an HTTPS GitHub remote ending in `.git`",
                  help: "Write the remote as https://github.com/OWNER/REPO.git.")
        case .outOfRange:
            Entry(.error, "out-of-range",
                  "A number is out of range (`prod_slots` ≤ 0, negative `prod_ttl_seconds`, `rotate_after_days` ≤ 0, `percent` outside (0, 100], negative `minimum_resources`)",
                  help: "Give a number inside the range the message names.")
        case .invalidEmail:
            Entry(.error, "invalid-email", "`billing_email` is not an email address",
                  help: "Give an address of the form name@example.com.")
        case .attributeNotJSON:
            Entry(.error, "attribute-not-json",
                  "An attribute value is not JSON-compatible (timestamp, `!!binary`, other tags, NaN/infinity, non-string key)",
                  help: "Quote timestamps, drop YAML tags, and use string keys and finite numbers.")
        case .interpolation:
            Entry(.error, "interpolation",
                  "Interpolation error: unset variable without default, unterminated or invalid `${…}`",
                  help: "Set the variable, give a default with `${VAR:-default}`, or write `$$` for a literal `$`.")
        case .duplicateResource:
            Entry(.error, "duplicate-resource",
                  "The same project or service is defined twice (names both places, across files too)",
                  help: "Keep one definition; the message names both places.")
        case .conflictingSetting:
            Entry(.error, "conflicting-setting",
                  "The same org or policy setting is set in two places (names both places)",
                  help: "Set it in one place only; the message names both.")
        case .previouslyCollision:
            Entry(.error, "previously-collision",
                  "A `previously` name collides with a declared name, the resource's own name, or another `previously` entry",
                  help: "Remove the colliding `previously` entry; each old name may be claimed once.")
        case .multipleProdDeployments:
            Entry(.error, "multiple-prod-deployments", "More than one prod deployment in a project",
                  help: "Keep one `environment: prod` deployment per project.")
        case .devDeploymentWithoutBranch:
            Entry(.error, "dev-deployment-without-branch", "A dev deployment has no `branch`",
                  help: "Give the dev deployment a `branch`: it is what identifies it.")
        case .devOnlyKeyOnProd:
            Entry(.error, "dev-only-key-on-prod", "A prod deployment sets `branch` or `editable` (dev-only keys)",
                  help: "Remove `branch`/`editable` from the prod deployment; prod follows `primary_branch`.")
        case .duplicateDeployment:
            Entry(.error, "duplicate-deployment", "Two dev deployments with the same branch",
                  help: "Keep one deployment per branch.")
        case .deploymentsWithoutSource:
            Entry(.error, "deployments-without-source",
                  "A project declares deployments but no `git_remote` (Rill cannot deploy a project without a source)",
                  help: "Add `git_remote` and `primary_branch`, or remove the deployments.")
        case .gitRemoteWithoutBranch:
            Entry(.error, "git-remote-without-branch",
                  "`git_remote` without `primary_branch` (Rill deploys only the branch the create names)",
                  help: "Add `primary_branch` next to `git_remote`.")
        case .serviceWithoutRole:
            Entry(.error, "service-without-role",
                  "A service has neither `org_role` nor `project_roles` entries (Rill refuses to create it)",
                  help: "Give the service an `org_role` or at least one `project_roles` entry.")
        case .projectRoleUndeclaredProject:
            Entry(.warning, "project-role-undeclared-project",
                  "`project_roles` names a project not declared in the same org (it may exist live)",
                  help: "Declare the project, or check the name; the plan fails (RF302) if it does not exist live either.")
        case .projectRoleOnPreviousName:
            Entry(.error, "project-role-on-previous-name",
                  "`project_roles` names a project by its `previously` name (the plan would rename it away: use the new name)",
                  help: "Use the project's new name in `project_roles`.")
        case .projectRoleTypo:
            Entry(.error, "project-role-typo",
                  "`project_roles` names an undeclared project one typo away from a declared one (one edit; two for names of 8+ characters; names differing only in digits, like `web1`/`web2`, are not typos): says \"did you mean\"",
                  help: "Use the declared name the message suggests.")
        case .managedUsergroupEdit:
            Entry(.error, "managed-usergroup-edit",
                  "A managed usergroup (`autogroup:…`) declares something Rill does not let anyone set: `description`, `org_role`, `members` or `previously`",
                  help: "Rill manages these groups itself; give them only `project_roles`.")
        case .personNotDeclaredMember:
            Entry(.error, "person-not-declared-member",
                  "An email in a usergroup's or project's `members` is missing from the org's declared `members` list (it would be removed from the org)",
                  help: "Add the person to the org's `members` (a project-only person as `org_role: guest`).")
        case .publicEmailDomain:
            Entry(.error, "public-email-domain",
                  "An allowed domain is a public email provider (gmail.com, …), which Rill refuses",
                  help: "Allow only your company's own domain; invite people from public providers as members.")
        case .invalidDomain:
            Entry(.error, "invalid-domain", "An allowed domain is not a domain name (like `acme.com`)",
                  help: "Write the domain alone, without `@` or a scheme: `acme.com`.")
        case .resourcesWithoutRestriction:
            Entry(.warning, "resources-without-restriction",
                  "A project member lists `resources` without `restrict_resources`; Rill restricts the role to them anyway",
                  help: "Write `restrict_resources: true` so the manifest says what Rill does, or drop `resources`.")
        case .invalidProtectAddress:
            Entry(.error, "invalid-protect-address", "Invalid `protect` address",
                  help: "Write addresses as KIND.ORG[/NAME…], e.g. project.acme/sales.")
        case .protectOutsideDeclaredOrgs:
            Entry(.warning, "protect-outside-declared-orgs", "A `protect` address lies outside the declared orgs",
                  help: "Check the org name; rillform only acts on declared orgs, so the entry protects nothing.")
        case .publicProject:
            Entry(.warning, "public-project", "A project is public (`public: true`)",
                  help: "Make sure anyone may see its dashboards without signing in, or set `public: false`.")
        case .pruneEnabled:
            Entry(.warning, "prune-enabled",
                  "`prune: true` at the top level (deletes unmanaged resources in every declared org)",
                  help: "Review the plan's deletes; prefer `policy.prune` per org.")
        case .emptyDocument:
            Entry(.warning, "empty-document", "A manifest file or document is empty",
                  help: "Remove the empty file or document, or fill it in.")
        case .unreadableFile:
            Entry(.error, "unreadable-file", "A manifest path cannot be read (missing file, permissions, not UTF-8)",
                  help: "Check the path, its permissions and that it is UTF-8 text.")
        case .noManifestFiles:
            Entry(.error, "no-manifest-files",
                  "No manifest files: a directory given with `-f` contains no `*.yaml`/`*.yml`",
                  help: "Point -f at a directory with *.yaml or *.yml files, or at the files themselves.")

        // Planner (RF300–RF319)
        case .newServiceWithoutRole:
            Entry(.error, "new-service-without-role", "A new service has neither an `org_role` nor a project role.",
                  help: "Give the service an `org_role` or a project role on a project that exists or is declared.")
        case .unknownProjectInRoles:
            Entry(.error, "unknown-project-in-roles",
                  "`project_roles` names a project that is undeclared and missing, or that is being pruned.",
                  help: "Declare the project, fix the name, or remove the entry.")
        case .renameConflict:
            Entry(.warning, "rename-conflict", "A `previously:` name exists live next to the current name.",
                  help: "The old resource is left alone: delete it yourself or remove the `previously` entry.")
        case .emptyCollectionNotPruned:
            Entry(.note, "empty-collection-not-pruned",
                  "An explicitly empty collection (`deployments: []`, `project_roles: {}`) has live entries that stay because pruning is off.",
                  help: "Enable prune to delete them, or declare them.")
        case .skippedByTargeting:
            Entry(.note, "skipped-by-targeting", "Changes were left out by `--target`/`--exclude`.",
                  help: "Run without --target/--exclude to plan everything.")
        case .serviceLeftWithoutRoles:
            Entry(.warning, "service-left-without-roles", "A service would be left without any role.",
                  help: "Keep an `org_role` or a project role, or delete the service.")
        case .tokenAgeUnknown:
            Entry(.note, "token-age-unknown", "Some tokens have no creation time, so they are not rotated.",
                  help: "Revoke and reissue those tokens to bring them under the rotation policy.")
        case .roleOnPreviousProjectName:
            Entry(.error, "role-on-previous-project-name",
                  "`project_roles` uses the old name of a project that is being renamed.",
                  help: "Use the project's new name.")
        case .plannedDevDeploymentWithoutBranch:
            Entry(.error, "planned-dev-deployment-without-branch",
                  "A dev deployment has no branch. A dev deployment is identified by its branch.",
                  help: "Give the dev deployment a `branch`.")

        // Safety guards (RF320–RF329)
        case .protectedResource:
            Entry(.error, "protected-resource",
                  "Guard: a `policy.protect` address would be deleted or replaced. There is no override.",
                  help: "Remove the entry from policy.protect first if the delete is intended.")
        case .massDelete:
            Entry(.error, "mass-delete",
                  "Guard: more deletes of one kind in one org than `policy.mass_delete_threshold` allows (once the kind has `minimum_resources` live).",
                  help: "Review the plan, then rerun with --force (once) or raise policy.mass_delete_threshold.")
        case .pendingInvite:
            Entry(.note, "pending-invite",
                  "A person is a pending invite (no Rill account yet): roles apply when they sign up; attributes cannot be set until then.",
                  help: "Nothing to do; `rillform drift` reports invites that stay unaccepted.")
        case .managedUsergroupMissing:
            Entry(.error, "managed-usergroup-missing",
                  "A managed usergroup (`autogroup:…`) is declared but does not exist live; rillform cannot create it.",
                  help: "Check the name: Rill's managed groups are autogroup:users, autogroup:members and autogroup:guests.")
        case .lastAdminRemoval:
            Entry(.error, "last-admin-removal",
                  "Guard: the plan would change or remove a member while no other direct admin user remains; Rill refuses it (400).",
                  help: "Keep a direct admin user; to hand over, add the new admin in an earlier apply (a person added now may become a pending invite, which does not count).")
        case .billingEmailUserRemoval:
            Entry(.error, "billing-email-user-removal",
                  "Guard: the plan would remove the org member whose email is the org's billing email; Rill refuses it (400).",
                  help: "Change the org's `billing_email` first, or keep the person.")
        case .lockout:
            Entry(.error, "lockout",
                  "Guard: the plan would delete, replace or demote the identity running rillform, or leave an org without an admin rillform can see.",
                  help: "Run with another identity, or keep the running identity's access.")
        case .gitSourceAccess:
            Entry(.error, "git-source-access",
                  "Guard: a project would be deployed from a git remote the token cannot deploy from.",
                  help: "Use a user token with GitHub access to the repository (Rill's grant-access URL is in the message).")

        // Preflight (RF330–RF339)
        case .noAPIToken:
            Entry(.error, "no-api-token", "Preflight: no API token is set.",
                  help: "Set RILL_API_TOKEN or pass --api-token-file PATH.")
        case .orgNotCreatable:
            Entry(.error, "org-not-creatable",
                  "Preflight: an org in scope does not exist (or is not visible), and a service token cannot create it.",
                  help: "Create the org with a user token first, or check its name.")
        case .orgAdminMissing:
            Entry(.error, "org-admin-missing",
                  "Preflight: the token lacks org admin (`manageOrg`) in an org in scope, so it cannot read services and private projects.",
                  help: "Use a token with org admin in every org of the manifest.")

        // Drift findings (RF4xx)
        case .driftedField:
            Entry(.warning, "drifted-field", "A managed field's live value differs from the manifest.",
                  help: "Run `rillform apply` to restore the manifest's value, or change the manifest to the live value.")
        case .unmanagedResource:
            Entry(.note, "unmanaged-resource", "A live resource in a managed org is not declared in the manifest.",
                  help: "Declare it (see `rillform export`), or delete it with prune (a warning when the next apply would).")
        case .missingResource:
            Entry(.warning, "missing-resource", "A resource declared in the manifest does not exist live.",
                  help: "Run `rillform apply` to create it.")
        case .allowedDomainNeedsUserToken:
            Entry(.error, "allowed-domain-needs-user-token",
                  "Preflight: allowed domains can be added only with a user token; this is a service token.",
                  help: "Run with a user token of someone whose email is at the domain.")
        case .allowedDomainEmailMismatch:
            Entry(.error, "allowed-domain-email-mismatch",
                  "Preflight: Rill adds an allowed domain only for a user whose own email is at that domain.",
                  help: "Run with a user token of someone at the domain.")
        case .inviteNotAccepted:
            Entry(.warning, "invite-not-accepted",
                  "A declared person is still a pending invite: they never signed up.",
                  help: "Remind them, or remove them from the manifest.")
        case .tokenPolicyUnmet:
            Entry(.warning, "token-policy-unmet", "A service's live tokens do not satisfy its token policy.",
                  help: "Run `rillform apply` to issue, rotate or revoke tokens as the policy says.")
        }
    }
}
