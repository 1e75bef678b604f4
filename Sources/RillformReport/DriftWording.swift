import RillformModel
import RillformPlan

/// Phrases shared by the drift reporters, so every format says the same thing the same way.
///
/// Direction: every value pair reads **live -> manifest** (`~ description = "edited in the UI" -> "Sales"`), the
/// same direction as a plan line: the left side is what is live now, the right side is what `rillform apply`
/// would restore.
enum DriftWording {
    static let heading = "Note: Objects have changed outside of rillform"

    static let directionNote = "Values read: live value -> manifest value (what `rillform apply` would restore)."

    static let inSyncLine = "No drift. Live state matches the manifest."

    /// `Drift: 2 resources drifted, 1 unmanaged.` (with `(1 missing)` when declared resources are absent live, and
    /// `, 1 pending invite` when declared people never signed up), or ``inSyncLine``.
    static func summaryLine(_ summary: DriftSummary) -> String {
        guard summary.hasDrift else { return inSyncLine }
        let noun = summary.drifted == 1 ? "resource" : "resources"
        let missing = summary.missing > 0 ? " (\(summary.missing) missing)" : ""
        let invites = switch summary.pendingInvites {
        case 0: ""
        case 1: ", 1 pending invite"
        default: ", \(summary.pendingInvites) pending invites"
        }
        return "Drift: \(summary.drifted) \(noun) drifted\(missing), \(summary.unmanaged) unmanaged\(invites)."
    }

    /// `has changed outside of rillform`, `is missing: declared in the manifest, not found live`, ….
    static func header(of resource: DriftResource) -> String {
        if resource.isTokenFinding {
            return resource.status == .missing ? "has no live token its token policy asks for"
                : "does not satisfy its token policy"
        }
        switch resource.status {
        case .inSync: return "is in sync"
        case .changed: return "has changed outside of rillform"
        case .missing: return "is missing: declared in the manifest, not found live"
        }
    }

    /// `"live" -> "manifest"`; a side that does not exist is `(absent)`.
    static func values(_ field: DriftedField) -> String {
        "\(value(field.live)) -> \(value(field.desired))"
    }

    static func value(_ value: JSONValue?) -> String { value?.description ?? "(absent)" }

    /// One sentence per drifted field, for annotations and SARIF messages.
    static func fieldMessage(_ field: DriftedField, of resource: DriftResource) -> String {
        "\(resource.address): \(field.field) has drifted: live \(value(field.live)), manifest \(value(field.desired))"
            + (field.forcesReplacement ? " (restoring it replaces the resource)" : "")
    }

    /// One sentence for a resource-level finding (missing, token policy, or a change without field details);
    /// a missing resource says what the manifest declares for it.
    static func resourceMessage(_ resource: DriftResource) -> String {
        var text = "\(resource.address) \(header(of: resource))" + (resource.detail.map { " (\($0))" } ?? "")
        if resource.status == .missing, !resource.isTokenFinding, !resource.fields.isEmpty {
            text += "; the manifest declares " + declared(resource.fields)
        }
        return text
    }

    /// `environment = "prod", state = "stopped"`: the manifest's values of a missing resource.
    static func declared(_ fields: [DriftedField]) -> String {
        fields.map { "\($0.field) = \(value($0.desired))" }.joined(separator: ", ")
    }

    /// Inside the block of a missing resource that declares nothing but its name.
    static let nameOnly = "# (declared by name only: apply creates it with Rill's defaults)"

    static func unmanagedMessage(_ resource: DriftUnmanagedResource) -> String {
        var text = "\(resource.address) exists live but is not declared in the manifest"
        if let detail = resource.detail { text += " (\(detail))" }
        if resource.deletedByApply { text += "; the next apply deletes it (pruning is on, or it is missing from a managed list)" }
        return text
    }

    /// The messages of one drifted resource: one per field, or one for the resource as a whole.
    static func findings(_ resource: DriftResource) -> [(code: DriftFindingCode, location: SourceLocation?, message: String)] {
        if resource.status == .changed, !resource.isTokenFinding, !resource.fields.isEmpty {
            return resource.fields.map { field in
                (.driftedField, field.location ?? resource.location, fieldMessage(field, of: resource))
            }
        }
        return [(resource.findingCode, resource.location, resourceMessage(resource))]
    }
}
