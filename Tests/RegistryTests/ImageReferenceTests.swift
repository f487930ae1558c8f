import Testing
@testable import Registry

/// Which `config.json` entry a reference uses (distribution/reference `ParseNormalizedNamed`,
/// docker/cli cli/command/registry.go).
@Suite struct ImageReferenceTests {
    @Test(arguments: [
        ("busybox", "docker.io", "library/busybox", "https://index.docker.io/v1/", "busybox"),
        ("user/app:1", "docker.io", "user/app", "https://index.docker.io/v1/", "user/app"),
        ("docker.io/library/busybox", "docker.io", "library/busybox", "https://index.docker.io/v1/", "busybox"),
        ("index.docker.io/busybox", "docker.io", "library/busybox", "https://index.docker.io/v1/", "busybox"),
        ("127.0.0.1:5000/t/bb:v1", "127.0.0.1:5000", "t/bb", "127.0.0.1:5000", "127.0.0.1:5000/t/bb"),
        ("localhost/app", "localhost", "app", "localhost", "localhost/app"),
        ("registry.example.com/a/b/c@sha256:abc", "registry.example.com", "a/b/c", "registry.example.com", "registry.example.com/a/b/c"),
        ("Upper/app", "Upper", "app", "Upper", "Upper/app"),
    ])
    func splitsTheRegistryFromThePath(text: String, domain: String, path: String, key: String, repository: String) throws {
        let reference = try ImageReference(parsing: text)
        #expect(reference.domain == domain)
        #expect(reference.path == path)
        #expect(reference.authKey == key)
        #expect(reference.repository == repository)
    }

    @Test func tagsAndDigestsAreSplitOffTheLastComponent() throws {
        let tagged = try ImageReference(parsing: "127.0.0.1:5000/app:v2")
        #expect(tagged.tag == "v2" && tagged.digest == nil && tagged.domain == "127.0.0.1:5000")
        let digested = try ImageReference(parsing: "app@sha256:0123")
        #expect(digested.tag == nil && digested.digest == "sha256:0123")
    }

    @Test(arguments: ["", "app:", "x/App", "a//b", "@sha256:1"])
    func refusesWhatDockerRefuses(text: String) {
        #expect(throws: ReferenceError.self) { try ImageReference(parsing: text) }
    }

    @Test(arguments: [
        (nil, "https://index.docker.io/v1/"), ("", "https://index.docker.io/v1/"), ("docker.io", "https://index.docker.io/v1/"),
        ("https://127.0.0.1:5000/v2/", "127.0.0.1:5000"), ("registry.example.com/path", "registry.example.com"),
        ("http://r.example:8080", "r.example:8080"),
    ] as [(String?, String)])
    func loginKeysAreHostNamesExceptDockerHubs(server: String?, key: String) {
        #expect(RegistryAddress.loginKey(server) == key)
    }
}
