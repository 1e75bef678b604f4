import Foundation
import RillformModel
import Testing
@testable import RillformAPI

/// Tolerant decoding of protojson: missing fields, nulls, int64 strings, both date forms, legacy names.
@Suite struct DecodingTests {
    @Test func projectFieldsDecodeWithDefaultsAndInt64Strings() async throws {
        let body = #"""
        {"project":{"id":"p1","name":"sales","prodSlots":"4","prodTtlSeconds":"","public":true,
          "prodBranch":"main","prodDeploymentId":"d1","annotations":null,"unknownField":{"x":1},
          "updatedOn":"2025-01-02T03:04:05.123456789Z"},
         "projectPermissions":{"manageProject":true},"prodDeployment":null}
        """#
        let transport = ScriptedTransport([.respond(status: 200, body: body)])
        let found = try await scriptedClient(transport).reader.getProject(org: "acme", project: "sales")
        let (project, permissions) = try #require(found)
        #expect(project.prodSlots == 4)
        #expect(project.prodTtlSeconds == 0)
        #expect(project.isPublic)
        #expect(project.primaryBranch == "main")  // legacy v0.76 name
        #expect(project.primaryDeploymentId == "d1")
        #expect(project.description == "")
        #expect(permissions.manageProject && !permissions.admin)
        let updated = try #require(project.updatedOn)
        #expect(abs(updated.timeIntervalSince1970 - 1_735_787_045.123456789) < 0.000_01)
    }

    @Test func aNonIntegerInt64IsAnInvalidResponse() async throws {
        let transport = ScriptedTransport([.respond(status: 200, body: #"{"projects":[{"name":"a","prodSlots":"lots"}]}"#)])
        let error = try await #require(throws: RillAPIError.self) {
            try await scriptedClient(transport).reader.listProjects(org: "acme")
        }
        #expect(error.kind == .invalidResponse)
    }

    @Test(arguments: [
        ("2024-05-01T10:00:00Z", 1_714_557_600.0),
        ("2024-05-01T10:00:00.5Z", 1_714_557_600.5),
        ("2024-05-01T10:00:00.123Z", 1_714_557_600.123),
        ("2024-05-01T12:00:00+02:00", 1_714_557_600.0),
        ("2024-12-31t23:59:59z", 1_735_689_599.0),
        // Go's zero time, proleptic Gregorian as Go counts it (Foundation's format style switches to the Julian
        // calendar before 1582 and lands two days earlier).
        ("0001-01-01T00:00:00Z", -62_135_596_800.0),
    ])
    func rfc3339DatesParse(text: String, seconds: Double) throws {
        let date = try #require(RFC3339DateTranscoder.parse(text))
        #expect(abs(date.timeIntervalSince1970 - seconds) < 0.000_5)
    }

    /// The byte-level fast path agrees with the format-style path on the shapes protojson writes (from 1582 on,
    /// where both count the Gregorian calendar).
    @Test(arguments: [
        "1970-01-01T00:00:00Z", "1969-12-31T23:59:59Z", "2000-02-29T12:34:56Z",
        "2024-02-29T23:59:59.999999999Z", "2100-03-01T00:00:00Z", "2024-05-01T10:00:00.123456Z",
        "2024-05-01T12:00:00+02:00", "2024-05-01T03:30:00.25-06:30"
    ])
    func strictParseMatchesGeneral(text: String) throws {
        let strict = try #require(RFC3339DateTranscoder.parseStrict(text))
        let general = try #require(RFC3339DateTranscoder.parseGeneral(text))
        #expect(abs(strict.timeIntervalSince1970 - general.timeIntervalSince1970) < 0.000_001)
    }

    @Test(arguments: [
        "2024-02-30T00:00:00Z", "2023-02-29T00:00:00Z", "2024-13-01T00:00:00Z", "2024-05-01T24:00:00Z",
        "2024-05-01T10:00:00", "2024-05-01T10:00:00.Z", "2024-05-01 10:00:00Z", " 2024-05-01T10:00:00Z",
        "2024-05-01T10:00:00+0200", "2024-05-01T10:00:00Zjunk", "", "yesterday",
    ])
    func strictParseRefusesOtherShapes(text: String) {
        #expect(RFC3339DateTranscoder.parseStrict(text) == nil)
    }

    @Test func zeroTimeAndGarbage() {
        #expect(RFC3339DateTranscoder.parse("0001-01-01T00:00:00Z") != nil)
        #expect(RFC3339DateTranscoder.parse("yesterday") == nil)
        #expect(RFC3339DateTranscoder.parse("2024-05-01T10:00:00.Z") == nil)
    }

    @Test func servicesAndAttributesDecode() async throws {
        let body = #"""
        {"service":{"id":"s1","name":"bot","roleName":"","attributes":{"region":"eu","tier":2,"tags":["a"],"on":true}},
         "projectMemberships":[{"projectName":"sales","projectRoleName":"editor"},{"projectName":"ops","projectRoleName":"custom"}]}
        """#
        let service = try #require(try await scriptedClient(ScriptedTransport([.respond(status: 200, body: body)]))
            .reader.getService(org: "acme", name: "bot"))
        #expect(service.orgRole == nil)
        #expect(service.attributes == ["region": .string("eu"), "tier": .number(2), "tags": .array([.string("a")]),
                                       "on": .bool(true)])
        #expect(service.projectRoles == ["sales": .editor])
    }

    @Test func absentLookupsReturnNil() async throws {
        let transport = ScriptedTransport([
            .respond(status: 404, body: #"{"code":5,"message":"org not found"}"#),
            .respond(status: 400, body: #"{"code":3,"message":"service not found"}"#),
        ])
        let client = try scriptedClient(transport)
        #expect(try await client.reader.getOrganization("ghost") == nil)
        #expect(try await client.reader.getService(org: "acme", name: "ghost") == nil)
    }
}
