import Testing
@testable import DockerAPI

@Suite struct FiltersTests {
    @Test func canonicalJSONMatchesReference() throws {
        var f = Filters()
        try f.parse("name=web-c1")
        try f.parse("label=a=b")
        #expect(f.queryValue == #"{"label":{"a=b":true},"name":{"web-c1":true}}"#)
    }

    @Test func emptyIsOmitted() {
        #expect(Filters().queryValue == nil)
        #expect(EngineRequests.listImages().query.isEmpty)
    }

    @Test func valuesAreSortedAndDeduplicated() {
        let f = Filters([("status", "running"), ("status", "exited"), ("status", "running"), ("id", "x")])
        #expect(f.queryValue == #"{"id":{"x":true},"status":{"exited":true,"running":true}}"#)
    }

    @Test func parseLikeFilterOpt() throws {
        var f = Filters()
        try f.parse(" Name = web ")
        #expect(f.values == ["name": ["web"]])
        #expect(throws: FilterParseError.self) { try f.parse("noequals") }
        #expect(FilterParseError(argument: "x").description == "bad format of filter (expected name=value): x")
    }

    @Test func goStyleEscaping() {
        let f = Filters([("label", "a<b>&\"q\"\n")])
        #expect(f.queryValue == #"{"label":{"a\u003cb\u003e\u0026\"q\"\n":true}}"#)
    }
}

@Suite struct APIVersionTests {
    @Test func parsing() {
        #expect(APIVersion("1.41") == APIVersion(major: 1, minor: 41))
        #expect(APIVersion("v1.24") == APIVersion(major: 1, minor: 24))
        #expect(APIVersion(" 1.41\t") == APIVersion(major: 1, minor: 41))
        #expect(APIVersion("1") == nil)
        #expect(APIVersion("1.x") == nil)
        #expect(APIVersion("") == nil)
        #expect(APIVersion("1.41.2") == nil)
        #expect(APIVersion(major: 1, minor: 9) < APIVersion(major: 1, minor: 10))
        #expect(APIVersion(major: 1, minor: 41).description == "1.41")
    }

    @Test(arguments: [
        (String?.none, "1.51", "1.24"),
        (String?.some(""), "1.51", "1.24"),
        (String?.some("garbage"), "1.51", "1.24"),
        (String?.some("1.41"), "1.51", "1.41"),
        (String?.some("1.56"), "1.51", "1.51"),
        (String?.some("1.51"), "1.51", "1.51"),
        (String?.some("1.12"), "1.41", "1.12"),
        (String?.none, "1.20", "1.20"),
    ])
    func negotiation(header: String?, ours: String, expected: String) throws {
        let max = try #require(APIVersion(ours))
        #expect(APIVersion.negotiate(serverHeader: header, clientMaximum: max).description == expected)
    }

    @Test func defaults() {
        #expect(APIVersion.fallback.description == "1.24")
        #expect(APIVersion.negotiate(serverHeader: "1.41") == APIVersion(major: 1, minor: 41))
    }
}

@Suite struct EngineErrorMessageTests {
    let route = "http://%2Fvar%2Frun%2Fdocker.sock/v1.41/containers/nope/json"

    @Test func jsonMessage() {
        let body = Array(#"{"message":"No such container: nonexistent"}"#.utf8)
        #expect(EngineErrorMessage.describe(status: 404, contentType: "application/json", body: body, route: route)
            == "No such container: nonexistent")
        #expect(EngineErrorMessage.cliMessage(status: 404, contentType: "application/json", body: body, route: route)
            == "Error response from daemon: No such container: nonexistent")
    }

    @Test func contentTypeMustBeExactlyJSON() {
        let body = Array(#"{"message":"page not found"}"#.utf8)
        #expect(EngineErrorMessage.describe(status: 404, contentType: "application/json; charset=utf-8", body: body, route: route)
            == #"{"message":"page not found"}"#)
    }

    @Test func plainTextIsTrimmed() {
        let body = Array("client version 1.11 is too old. Minimum supported API version is 1.12, please upgrade your client to a newer version\n".utf8)
        #expect(EngineErrorMessage.describe(status: 400, contentType: "text/plain; charset=utf-8", body: body, route: route)
            == "client version 1.11 is too old. Minimum supported API version is 1.12, please upgrade your client to a newer version")
        #expect(EngineErrorMessage.describe(status: 502, contentType: nil, body: Array("  bad gateway \r\n".utf8), route: route) == "bad gateway")
    }

    @Test func emptyBody() {
        #expect(EngineErrorMessage.describe(status: 404, contentType: "application/json", body: [], route: route)
            == "request returned Not Found for API route and version \(route), check if the server supports the requested API version")
        #expect(EngineErrorMessage.cliMessage(status: 500, contentType: nil, body: [], route: "/v1.41/x")
            == "request returned Internal Server Error for API route and version /v1.41/x, check if the server supports the requested API version")
    }

    @Test func jsonWithoutMessage() {
        #expect(EngineErrorMessage.describe(status: 409, contentType: "application/json", body: Array("{}".utf8), route: route)
            == "API returned a 409 (Conflict) but provided no error-message")
        #expect(EngineErrorMessage.describe(status: 400, contentType: "application/json", body: Array("{oops".utf8), route: route)
            .hasPrefix("Error reading JSON"))
    }
}
