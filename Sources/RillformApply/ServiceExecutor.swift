import RillformAPI
import RillformModel
import RillformPlan

/// Service accounts: CreateService (with the org role, or the one project role Rill's create grants), UpdateService
/// for renames and attributes, Set/RemoveOrganizationMemberServiceRole for the org role, DeleteService.
struct ServiceExecutor: ResourceExecutor {
    let context: ExecutionContext

    func create(_ change: ResourceChange) async throws -> CompletionNote {
        let address = change.address
        let values = change.desiredValues(of: ServiceField.self)
        let orgRole = values[.orgRole]?.stringValue.flatMap(OrgRole.init(rawValue:))
        let projectRole = change.initialProjectRole.map { (project: $0.project, role: $0.role) }
        _ = try await context.writer.createService(
            org: address.org, name: address.name, orgRole: orgRole, projectRole: projectRole,
            attributes: values[.attributes]?.objectValue)
        return .done
    }

    func update(_ change: ResourceChange) async throws -> CompletionNote {
        let address = change.address
        let name = address.name
        let attributes = change.desiredValues(of: ServiceField.self)[.attributes]?.objectValue
        if change.rename != nil || attributes != nil {
            _ = try await context.writer.updateService(
                org: address.org, name: change.rename?.from ?? name, newName: change.rename == nil ? nil : name,
                attributes: attributes)
        }
        if let roleChange = change.fieldChange(ServiceField.orgRole.manifestKey) {
            if let role = roleChange.after?.stringValue.flatMap(OrgRole.init(rawValue:)) {
                try await context.writer.setServiceOrgRole(org: address.org, service: name, role: role)
            } else {
                try await context.writer.removeServiceOrgRole(org: address.org, service: name)
            }
        }
        return .done
    }

    func delete(_ change: ResourceChange) async throws -> CompletionNote {
        try await context.writer.deleteService(org: change.address.org, name: change.live?.name ?? change.address.name)
        return .done
    }
}
