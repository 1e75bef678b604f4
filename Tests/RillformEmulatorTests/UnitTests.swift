import Foundation
import Testing
@testable import RillformEmulator

@Suite struct TokenDigestTests {
    @Test func knownVectors() {
        #expect(TokenDigest.hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(TokenDigest.hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(
            TokenDigest.hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")
                == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    }
}

@Suite struct ProtoJSONTests {
    @Test func requestBodyAcceptsCamelAndSnakeCaseAndIgnoresUnknownFields() throws {
        let body = try RequestBody.parse(Data(#"{"user_email":"a@b.c","ttlSeconds":"30","bogus":1,"public":null}"#.utf8))
        #expect(try body.string("userEmail") == "a@b.c")
        #expect(try body.int64("ttlSeconds") == 30)
        #expect(try body.bool("public") == nil)
        #expect(body.has("bogus"))
    }

    @Test func requestBodyRejectsWrongTypesAndNonObjects() {
        #expect(throws: RPCError.self) { try RequestBody.parse(Data(#"{"name":3}"#.utf8)).string("name") }
        #expect(throws: RPCError.self) { try RequestBody.parse(Data("[1]".utf8)) }
        #expect(throws: RPCError.self) { try RequestBody.parse(Data("{".utf8)) }
        #expect((try? RequestBody.parse(Data())) != nil)
    }

    @Test func serializationIsSortedAndEscaped() {
        let value = JSON.object(["b": .int64(2), "a": .string("x\"\n"), "c": .array([.bool(true), .null, .int(3)])])
        #expect(value.serialized() == #"{"a":"x\"\n","b":"2","c":[true,null,3]}"#)
    }

    @Test func rpcErrorShapeAndStatusMapping() {
        #expect(RPCError(.notFound, "org not found").body.serialized() == #"{"code":5,"details":[],"message":"org not found"}"#)
        let table: [(GRPCCode, Int)] = [
            (.invalidArgument, 400), (.failedPrecondition, 400), (.outOfRange, 400), (.unauthenticated, 401),
            (.permissionDenied, 403), (.notFound, 404), (.alreadyExists, 409), (.aborted, 409),
            (.resourceExhausted, 429), (.internal, 500), (.unknown, 500), (.unimplemented, 501), (.unavailable, 503),
            (.deadlineExceeded, 504),
        ]
        for (code, status) in table { #expect(code.httpStatus == status) }
    }

    @Test func pageTokenRoundTripsAndRejectsGarbage() throws {
        #expect(try Pagination.decode(Pagination.encode("proj-07")) == "proj-07")
        #expect(throws: RPCError.self) { try Pagination.decode("not-base64!") }
    }
}

@Suite struct PermissionTableTests {
    @Test func orgRoleFlags() {
        #expect(PermissionTable.org(.admin) == Set(OrgPermission.allCases).subtracting([.guest]))
        #expect(PermissionTable.org(.editor) == [.readOrg, .readProjects, .createProjects, .readOrgMembers, .manageOrgMembers])
        #expect(PermissionTable.org(.viewer) == [.readOrg, .readProjects])
        #expect(PermissionTable.org(.guest) == [.guest, .readOrg, .readProjects])
        for role in OrgRoleName.allCases {
            #expect(PermissionTable.org(role).contains(.createProjects) == (role == .admin || role == .editor))
            #expect(PermissionTable.org(role).contains(.readProjects))
        }
    }

    @Test func projectRoleFlags() {
        #expect(PermissionTable.project(.admin) == Set(ProjectPermission.allCases))
        let editor = PermissionTable.project(.editor)
        #expect(!editor.contains(.manageProject) && !editor.contains(.manageProjectAdmins) && editor.contains(.manageProd))
        let viewer = PermissionTable.project(.viewer)
        #expect(viewer.contains(.readProject) && viewer.contains(.readProd) && !viewer.contains(.manageProd))
        #expect(viewer.allSatisfy { !$0.rawValue.hasPrefix("manage") })
    }

    @Test func inheritance() {
        #expect(PermissionTable.effectiveProject(orgRole: .admin, projectRole: nil, isPublic: false) == Set(ProjectPermission.allCases))
        #expect(PermissionTable.effectiveProject(orgRole: .viewer, projectRole: nil, isPublic: false) == PermissionTable.project(.viewer))
        #expect(PermissionTable.effectiveProject(orgRole: .guest, projectRole: nil, isPublic: false).isEmpty)
        #expect(PermissionTable.effectiveProject(orgRole: nil, projectRole: nil, isPublic: true) == [.readProject, .readProd])
        #expect(PermissionTable.effectiveOrg(orgRole: nil, hasProjectRole: true) == PermissionTable.org(.guest))
        #expect(PermissionTable.effectiveOrg(orgRole: nil, hasProjectRole: false).isEmpty)
    }

    @Test func operationTable() {
        #expect(Operation.isAllowed(.createOrganization, isUser: true, org: [], project: []))
        #expect(!Operation.isAllowed(.createOrganization, isUser: false, org: PermissionTable.org(.admin), project: []))
        #expect(Operation.isAllowed(.manageServices, isUser: false, org: PermissionTable.org(.admin), project: []))
        #expect(!Operation.isAllowed(.manageServices, isUser: true, org: PermissionTable.org(.editor), project: []))
        #expect(!Operation.isAllowed(.updateProject, isUser: true, org: [], project: PermissionTable.project(.editor)))
    }
}
