/// The manifest's JSON Schema, embedded so `rillform schema` works from a lone binary.
/// Generated from `Schemas/rillform.schema.json` (the source of truth) by the test `SchemaTests.embeddedCopyInSync`,
/// which fails when the two differ; `RILLFORM_UPDATE_GOLDEN=1 swift test --filter SchemaTests` regenerates it.
public enum ManifestSchema {
    /// The schema text, byte for byte as in `Schemas/rillform.schema.json`.
    public static let json: String = #"""
{
  "$schema": "http://json-schema.org/draft-07/schema#",
  "$id": "https://github.com/rillform/rillform/Schemas/rillform.schema.json",
  "title": "rillform manifest (apiVersion rillform/v1)",
  "description": "Desired state of Rill Cloud orgs, projects, deployments, service accounts and people (members, usergroups, allowed email domains), reconciled by rillform. Keys absent from the manifest are not managed (left as they are live).",
  "type": "object",
  "additionalProperties": false,
  "required": [
    "apiVersion"
  ],
  "properties": {
    "apiVersion": {
      "description": "Manifest format version. Every file must declare it.",
      "type": "string",
      "enum": [
        "rillform/v1"
      ]
    },
    "policy": {
      "description": "Deletion policy for all declared orgs; an org's own policy overrides prune and mass_delete_threshold and adds protect entries.",
      "$ref": "#/$defs/policy"
    },
    "orgs": {
      "description": "Organizations. An org may be split across files (settings in one, projects or services in others); each setting, project and service is defined once.",
      "type": "array",
      "items": {
        "$ref": "#/$defs/org"
      }
    }
  },
  "$defs": {
    "name": {
      "description": "A name Rill accepts: 3-40 characters of letters, digits, '_' and '-', not starting with '-'.",
      "type": "string",
      "pattern": "^[_a-zA-Z0-9][-_a-zA-Z0-9]{2,39}$"
    },
    "names": {
      "description": "Earlier names, newest first: a live resource found under one of them is renamed instead of deleted and recreated.",
      "type": "array",
      "items": {
        "$ref": "#/$defs/name"
      }
    },
    "policy": {
      "description": "Deletion policy.",
      "type": "object",
      "additionalProperties": false,
      "properties": {
        "prune": {
          "description": "Delete live projects, services, org members and usergroups in scope that the manifest does not declare. Default false.",
          "type": "boolean"
        },
        "protect": {
          "description": "Resource addresses never deleted or replaced (an address protects everything inside it), e.g. project.acme/sales, service.acme/ci.",
          "type": "array",
          "items": {
            "description": "A resource address: KIND.ORG[/NAME...], e.g. org.acme, project.acme/sales, deployment.acme/sales/dev@feature-x, service.acme/reporting.",
            "type": "string"
          }
        },
        "mass_delete_threshold": {
          "description": "Refuse a run that would delete more than `percent` of one kind of resource in an org once it has at least `minimum_resources` of them. Default 30% / 10.",
          "type": "object",
          "additionalProperties": false,
          "properties": {
            "percent": {
              "description": "Largest share of live resources of one kind that one run may delete, in percent (0 < percent <= 100). Default 30.",
              "type": "number",
              "exclusiveMinimum": 0,
              "maximum": 100
            },
            "minimum_resources": {
              "description": "The threshold applies only once a kind has at least this many live resources. Default 10.",
              "type": "integer",
              "minimum": 0
            }
          }
        }
      }
    },
    "org": {
      "description": "An organization.",
      "type": "object",
      "additionalProperties": false,
      "required": [
        "name"
      ],
      "properties": {
        "name": {
          "description": "The org's name (its identity in Rill).",
          "$ref": "#/$defs/name"
        },
        "display_name": {
          "description": "Human-readable name shown in the Rill UI.",
          "type": "string"
        },
        "description": {
          "description": "Org description.",
          "type": "string"
        },
        "default_project_role": {
          "description": "Project role new org members get on every project; \"\" clears it.",
          "type": "string",
          "enum": [
            "admin",
            "editor",
            "viewer",
            ""
          ]
        },
        "billing_email": {
          "description": "Email address that receives billing notices.",
          "type": "string",
          "pattern": "^[^@\\s]+@[^@\\s.]+(\\.[^@\\s.]+)+$"
        },
        "policy": {
          "description": "This org's policy: its prune and mass_delete_threshold win over the top level; protect lists merge.",
          "$ref": "#/$defs/policy"
        },
        "projects": {
          "description": "Projects of this org. Live projects not listed are left alone unless prune is on.",
          "type": "array",
          "items": {
            "$ref": "#/$defs/project"
          }
        },
        "services": {
          "description": "Service accounts of this org. Live services not listed are left alone unless prune is on.",
          "type": "array",
          "items": {
            "$ref": "#/$defs/service"
          }
        },
        "members": {
          "description": "People in the org (members and pending invites). Absent: people not managed. Listed people are created or updated; live ones not listed are removed only with prune.",
          "type": "array",
          "items": {
            "$ref": "#/$defs/member"
          }
        },
        "usergroups": {
          "description": "Usergroups of the org. Absent: not managed. Live groups not listed are deleted only with prune; Rill's autogroup:… groups are never created, edited or deleted.",
          "type": "array",
          "items": {
            "$ref": "#/$defs/usergroup"
          }
        },
        "allowed_domains": {
          "description": "Email domains whose users join the org automatically. Absent: not managed; present: exactly these (live domains not listed are removed).",
          "type": "array",
          "items": {
            "$ref": "#/$defs/allowed_domain"
          }
        }
      }
    },
    "project": {
      "description": "A project.",
      "type": "object",
      "additionalProperties": false,
      "required": [
        "name"
      ],
      "properties": {
        "name": {
          "description": "The project's name (its identity in the org).",
          "$ref": "#/$defs/name"
        },
        "previously": {
          "description": "Earlier names of this project, newest first (renames).",
          "$ref": "#/$defs/names"
        },
        "description": {
          "description": "Project description.",
          "type": "string"
        },
        "public": {
          "description": "Whether anyone can open the project's dashboards without signing in. Default false (rillform warns on true).",
          "type": "boolean"
        },
        "git_remote": {
          "description": "HTTPS GitHub remote the project deploys from, e.g. https://github.com/acme/sales.git. Creating or re-pointing a git project needs a user token with GitHub access to the repository through the Rill GitHub app (RF323). Needs primary_branch (RF155). Without git_remote a new project is created without a deployment and may not declare deployments (RF154).",
          "type": "string",
          "pattern": "^https://github\\.com/[A-Za-z0-9][A-Za-z0-9-]*/[A-Za-z0-9_.-]+\\.git$"
        },
        "primary_branch": {
          "description": "Git branch of the prod deployment.",
          "type": "string"
        },
        "subpath": {
          "description": "Directory of the Rill project inside the repository.",
          "type": "string"
        },
        "prod_slots": {
          "description": "Compute slots of the prod deployment (positive).",
          "type": "integer",
          "minimum": 1
        },
        "prod_version": {
          "description": "Rill runtime version of the prod deployment, e.g. latest.",
          "type": "string"
        },
        "prod_ttl_seconds": {
          "description": "Seconds of inactivity after which the prod deployment is hibernated; 0 means no expiry.",
          "type": "integer",
          "minimum": 0
        },
        "provisioner": {
          "description": "Provisioner of the project's deployments (\"\" for Rill's default).",
          "type": "string"
        },
        "deployments": {
          "description": "Deployments of the project. Absent: not managed; []: the project should have none. At most one prod; dev deployments are keyed by branch. A non-empty list needs git_remote (RF154).",
          "type": "array",
          "items": {
            "$ref": "#/$defs/deployment"
          }
        },
        "members": {
          "description": "People with a direct role on the project. Absent: not managed; present: exactly these (live members not listed are removed).",
          "type": "array",
          "items": {
            "$ref": "#/$defs/project_member"
          }
        },
        "allowed_domains": {
          "description": "Email domains whose users get a role on the project. Absent: not managed; present: exactly these.",
          "type": "array",
          "items": {
            "$ref": "#/$defs/project_allowed_domain"
          }
        }
      }
    },
    "deployment": {
      "description": "A deployment: the prod deployment (from primary_branch) or a dev deployment of one branch.",
      "oneOf": [
        {
          "description": "The prod deployment.",
          "type": "object",
          "additionalProperties": false,
          "required": [
            "environment"
          ],
          "properties": {
            "environment": {
              "description": "prod: the project's production deployment.",
              "type": "string",
              "enum": [
                "prod"
              ]
            },
            "state": {
              "description": "Whether the deployment runs or is stopped (hibernated).",
              "type": "string",
              "enum": [
                "running",
                "stopped"
              ]
            }
          }
        },
        {
          "description": "A dev deployment of one branch.",
          "type": "object",
          "additionalProperties": false,
          "required": [
            "environment",
            "branch"
          ],
          "properties": {
            "environment": {
              "description": "dev: a deployment of a development branch.",
              "type": "string",
              "enum": [
                "dev"
              ]
            },
            "branch": {
              "description": "The git branch deployed (required; identifies the dev deployment).",
              "type": "string",
              "pattern": "\\S"
            },
            "editable": {
              "description": "Whether the dev deployment can be edited in the browser.",
              "type": "boolean"
            },
            "state": {
              "description": "Whether the deployment runs or is stopped (hibernated).",
              "type": "string",
              "enum": [
                "running",
                "stopped"
              ]
            }
          }
        }
      ]
    },
    "service": {
      "description": "A service account (machine identity with tokens). Rill requires an org_role or at least one project role.",
      "type": "object",
      "additionalProperties": false,
      "required": [
        "name"
      ],
      "anyOf": [
        {
          "required": [
            "org_role"
          ]
        },
        {
          "required": [
            "project_roles"
          ],
          "properties": {
            "project_roles": {
              "minProperties": 1
            }
          }
        }
      ],
      "properties": {
        "name": {
          "description": "The service's name (its identity in the org).",
          "$ref": "#/$defs/name"
        },
        "previously": {
          "description": "Earlier names of this service, newest first (renames).",
          "$ref": "#/$defs/names"
        },
        "org_role": {
          "description": "Role of the service in the org.",
          "type": "string",
          "enum": [
            "admin",
            "editor",
            "viewer",
            "guest"
          ]
        },
        "project_roles": {
          "description": "Project name -> project role. Absent: not managed; {}: remove every project role.",
          "type": "object",
          "propertyNames": {
            "$ref": "#/$defs/name"
          },
          "additionalProperties": {
            "description": "Role of the service on this project.",
            "type": "string",
            "enum": [
              "admin",
              "editor",
              "viewer"
            ]
          }
        },
        "attributes": {
          "description": "Free-form JSON attributes (available to security policies as user attributes). {} clears them. Quote dates: values must be JSON-compatible.",
          "type": "object"
        },
        "tokens": {
          "description": "Token policy: what rillform keeps true about this service's tokens. Token secrets never appear in the manifest or plan.",
          "type": "object",
          "additionalProperties": false,
          "properties": {
            "ensure": {
              "description": "Ensure at least one live token exists (issued into the token sink). Default true.",
              "type": "boolean"
            },
            "rotate_after_days": {
              "description": "Issue a new token and revoke older ones once the newest is this many days old (positive).",
              "type": "integer",
              "minimum": 1
            },
            "revoke_unknown": {
              "description": "Revoke tokens that rillform did not issue. Default false.",
              "type": "boolean"
            }
          }
        }
      }
    },
    "email": {
      "description": "An email address; compared case-insensitively (rillform stores it lowercase).",
      "type": "string",
      "pattern": "^[^@\\s]+@[^@\\s.]+(\\.[^@\\s.]+)+$"
    },
    "domain": {
      "description": "An email domain such as acme.com: no '@', scheme or path; compared case-insensitively. Public email providers are refused (RF166).",
      "type": "string",
      "pattern": "^([a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?\\.)+[a-zA-Z]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?$"
    },
    "member": {
      "description": "A person in the org by email: a member, or a pending invite when the email has no Rill account yet.",
      "type": "object",
      "additionalProperties": false,
      "required": [
        "email",
        "org_role"
      ],
      "properties": {
        "email": {
          "description": "The person's email (their identity in the org).",
          "$ref": "#/$defs/email"
        },
        "org_role": {
          "description": "Org role of the person (admin, editor, viewer, guest).",
          "type": "string",
          "enum": [
            "admin",
            "editor",
            "viewer",
            "guest"
          ]
        },
        "attributes": {
          "description": "Custom attributes that security policies read as attributes.<key>; replaced whole, {} clears them. Not settable on a pending invite.",
          "type": "object"
        }
      }
    },
    "usergroup": {
      "description": "A usergroup. Managed groups (autogroup:users, autogroup:members, autogroup:guests) may declare only project_roles (RF164).",
      "type": "object",
      "additionalProperties": false,
      "required": [
        "name"
      ],
      "properties": {
        "name": {
          "description": "The group's name (its identity in the org): a Rill name, or autogroup:… for a group Rill manages.",
          "anyOf": [
            {
              "$ref": "#/$defs/name"
            },
            {
              "type": "string",
              "pattern": "^autogroup:"
            }
          ]
        },
        "previously": {
          "description": "Earlier names of this group, newest first (renames, never delete and recreate).",
          "$ref": "#/$defs/names"
        },
        "description": {
          "description": "Description of the usergroup.",
          "type": "string"
        },
        "org_role": {
          "description": "Org role every member of the group gets (admin, editor, viewer, guest).",
          "type": "string",
          "enum": [
            "admin",
            "editor",
            "viewer",
            "guest"
          ]
        },
        "members": {
          "description": "Emails of the group's members. Absent: not managed; present: exactly these; each must be in the org's members when the org declares them (RF165).",
          "type": "array",
          "items": {
            "$ref": "#/$defs/email"
          }
        },
        "project_roles": {
          "description": "Project name -> project role for every member of the group. Absent: not managed; {}: remove every project role. Managed groups (autogroup:…) may have these.",
          "type": "object",
          "propertyNames": {
            "$ref": "#/$defs/name"
          },
          "additionalProperties": {
            "description": "Role of the group on this project.",
            "type": "string",
            "enum": [
              "admin",
              "editor",
              "viewer"
            ]
          }
        }
      }
    },
    "allowed_domain": {
      "description": "An email domain whose users join the org automatically on sign-up.",
      "type": "object",
      "additionalProperties": false,
      "required": [
        "domain",
        "org_role"
      ],
      "properties": {
        "domain": {
          "description": "The domain (its identity in the org).",
          "$ref": "#/$defs/domain"
        },
        "org_role": {
          "description": "Org role that users of the domain join with (admin, editor, viewer, guest).",
          "type": "string",
          "enum": [
            "admin",
            "editor",
            "viewer",
            "guest"
          ]
        }
      }
    },
    "project_member": {
      "description": "A person's direct role on the project (they join the org as a guest if they are not in it).",
      "type": "object",
      "additionalProperties": false,
      "required": [
        "email",
        "role"
      ],
      "properties": {
        "email": {
          "description": "The person's email (their identity on the project).",
          "$ref": "#/$defs/email"
        },
        "role": {
          "description": "Project role of the person (admin, editor, viewer).",
          "type": "string",
          "enum": [
            "admin",
            "editor",
            "viewer"
          ]
        },
        "restrict_resources": {
          "description": "True: the role reaches only the listed resources.",
          "type": "boolean"
        },
        "resources": {
          "description": "Resources the role is restricted to, as explore/NAME or canvas/NAME.",
          "type": "array",
          "items": {
            "type": "string",
            "pattern": "^(explore|canvas)/[^/]+$"
          },
          "uniqueItems": true
        }
      }
    },
    "project_allowed_domain": {
      "description": "An email domain whose users get a role on the project (joining the org as guests).",
      "type": "object",
      "additionalProperties": false,
      "required": [
        "domain",
        "role"
      ],
      "properties": {
        "domain": {
          "description": "The domain (its identity on the project).",
          "$ref": "#/$defs/domain"
        },
        "role": {
          "description": "Project role that users of the domain get (admin, editor, viewer).",
          "type": "string",
          "enum": [
            "admin",
            "editor",
            "viewer"
          ]
        }
      }
    }
  }
}

"""#
}
